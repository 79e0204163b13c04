// 售后处理: the store's after-sales cases — approve or reject (with a reason the buyer sees) a
// request, and confirm a returned parcel so the refund goes out.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, errorMessage } from '../api';
import { CaseStatusTag } from '../aftersales/CaseBits';
import { formatTime } from '../components/OrderBits';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { formatFen } from '../money';
import type { AfterSalesCase, CaseStatus } from '../types';
import { useMerchant } from './context';

const FILTERS: ('all' | CaseStatus)[] = ['all', 'requested', 'return_shipped', 'awaiting_return', 'rejected', 'escalated', 'refunding', 'refunded', 'closed'];
const isFilter = (v: string | null): v is CaseStatus => FILTERS.some((f) => f !== 'all' && f === v);

export function AfterSalesQueue() {
  const { t } = useI18n();
  const { current } = useMerchant();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isFilter(raw) ? raw : undefined;
  if (!current) return <Empty text={t('merchant.needStore')} />;
  return (
    <>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('merchant.afterSales.title')}</h1>
          <p className="muted">{current.name}</p>
        </div>
        <div className="seg" role="group" data-testid="merchant-as-filter">
          {FILTERS.map((f) => {
            const on = (f === 'all' && !status) || f === status;
            return (
              <button key={f} type="button" className={`seg-item seg-btn ${on ? 'on' : ''}`} aria-pressed={on} onClick={() => setParams(f === 'all' ? {} : { status: f }, { replace: true })} data-testid={`merchant-as-filter-${f}`}>
                {f === 'all' ? t('merchant.afterSales.filter.all') : t(`merchant.afterSales.status.${f}`)}
              </button>
            );
          })}
        </div>
      </div>
      <CaseTable key={`${current.id}-${status ?? 'all'}`} storeId={current.id} status={status} />
    </>
  );
}

function CaseTable({ storeId, status }: { storeId: string; status?: CaseStatus }) {
  const { t, lang } = useI18n();
  const list = useLoad(() => api.storeCases(storeId, { status, limit: 50 }), [storeId, status]);
  const [rejecting, setRejecting] = useState<AfterSalesCase | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (list.loading && !list.data) return <Loading />;
  if (list.error || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (list.data.items.length === 0) return <Empty text={t('merchant.afterSales.empty')} />;
  const page = list.data;
  const replace = (c: AfterSalesCase) => list.setData({ ...page, items: page.items.map((x) => (x.id === c.id ? c : x)) });

  async function act(c: AfterSalesCase, ask: string, call: () => Promise<AfterSalesCase>) {
    if (!window.confirm(ask)) return;
    setBusy(c.id);
    setError(null);
    try {
      replace(await call());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="mc-card mc-table-wrap">
      {error && <p className="form-error mc-table-meta">{error}</p>}
      <div className="muted small mc-table-meta">{t('merchant.afterSales.total', { n: page.total })}</div>
      <table className="mc-table" data-testid="merchant-after-sales">
        <thead>
          <tr>
            <th>{t('merchant.afterSales.col.case')}</th>
            <th>{t('merchant.orders.col.goods')}</th>
            <th>{t('merchant.afterSales.col.type')}</th>
            <th className="num">{t('merchant.afterSales.col.amount')}</th>
            <th>{t('merchant.afterSales.col.status')}</th>
            <th>{t('merchant.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((c) => (
            <tr key={c.id} data-testid="merchant-case-row" data-case-id={c.id}>
              <td>
                <div className="mono small">{c.id}</div>
                <div className="muted small">
                  {t('afterSales.order')} <span className="mono">{c.orderId}</span>
                </div>
                <div className="muted small">{formatTime(c.createdAt, lang)}</div>
              </td>
              <td className="mc-order-goods">
                <CaseLines c={c} />
              </td>
              <td className="small">
                <div>{t(`afterSales.type.${c.type}`)}</div>
                <div className="muted">{t(`afterSales.reason.${c.reason}`)}</div>
                {c.note && <div className="mc-case-note">“{c.note}”</div>}
                {c.returnShipment && (
                  <div className="muted">
                    {t('afterSales.returnInfo')}: <span className="mono">{c.returnShipment.trackingNo}</span>
                  </div>
                )}
              </td>
              <td className="num">
                {formatFen(c.amountFen)}
                {c.refund.fast && <div className="muted small">{t('afterSales.fastRefund')}</div>}
              </td>
              <td>
                <CaseStatusTag status={c.status} merchant />
                {c.status === 'requested' && c.replyDeadline && <div className="muted small">{t('merchant.afterSales.deadline', { at: formatTime(c.replyDeadline, lang) })}</div>}
                {c.merchantReply && c.status === 'rejected' && <div className="muted small">{c.merchantReply}</div>}
              </td>
              <td className="actions">
                {c.status === 'requested' && (
                  <>
                    <button type="button" className="btn btn-primary btn-xs" disabled={busy === c.id} onClick={() => void act(c, t('merchant.afterSales.approveAsk'), () => api.approveCase(c.id))} data-testid={`as-approve-${c.id}`}>
                      {t('merchant.afterSales.approve')}
                    </button>
                    <button type="button" className="btn btn-ghost btn-xs" disabled={busy === c.id} onClick={() => setRejecting(c)} data-testid={`as-reject-${c.id}`}>
                      {t('merchant.afterSales.reject')}
                    </button>
                  </>
                )}
                {c.status === 'return_shipped' && (
                  <>
                    <button type="button" className="btn btn-primary btn-xs" disabled={busy === c.id} onClick={() => void act(c, t('merchant.afterSales.confirmAsk'), () => api.confirmReturn(c.id))} data-testid={`as-confirm-return-${c.id}`}>
                      {t('merchant.afterSales.confirmReturn')}
                    </button>
                    {c.refund.status === 'none' && (
                      <button type="button" className="btn btn-ghost btn-xs" disabled={busy === c.id} onClick={() => setRejecting(c)} data-testid={`as-reject-${c.id}`}>
                        {t('merchant.afterSales.reject')}
                      </button>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rejecting && (
        <RejectDialog
          c={rejecting}
          onClose={() => setRejecting(null)}
          onDone={(c) => {
            setRejecting(null);
            replace(c);
          }}
        />
      )}
    </div>
  );
}

function CaseLines({ c }: { c: AfterSalesCase }) {
  const { t } = useI18n();
  return (
    <>
      {c.lines.map((cl) => {
        return (
          <div key={cl.lineNo} className="mc-order-line">
            {cl.imageUrl ? <img src={cl.imageUrl} alt="" /> : <span className="thumb-empty" />}
            <div>
              <div>{cl.lineNo === 0 ? t('afterSales.shippingLine') : cl.title}</div>
              <div className="muted small">
                {cl.lineNo === 0 ? '' : t('afterSales.line', { n: cl.quantity })} {formatFen(cl.refundFen)}
              </div>
            </div>
          </div>
        );
      })}
    </>
  );
}

function RejectDialog({ c, onDone, onClose }: { c: AfterSalesCase; onDone: (c: AfterSalesCase) => void; onClose: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await api.rejectCase(c.id, reason.trim()));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} onCancel={onClose} data-testid="reject-dialog">
      <form onSubmit={(e) => void submit(e)}>
        <h3>{t('merchant.afterSales.rejectTitle')}</h3>
        <p className="muted small mono">{c.id}</p>
        <label className="field">
          <span className="field-label">{t('merchant.afterSales.rejectReason')}</span>
          <textarea rows={3} maxLength={200} autoFocus value={reason} placeholder={t('merchant.afterSales.rejectPh')} onChange={(e) => setReason(e.target.value)} data-testid="reject-reason" />
        </label>
        {error && <p className="form-error">{error}</p>}
        <div className="row-gap row-end">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !reason.trim()} data-testid="reject-submit">
            {t('merchant.afterSales.reject')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
