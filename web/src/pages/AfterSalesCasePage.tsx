// 售后详情: where the case stands and what the buyer can do next — withdraw, ask the platform
// to step in after a rejection, or send the goods back and enter the return waybill.
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../api';
import { CaseStatusTag, CaseTimeline } from '../aftersales/CaseBits';
import { useAuth } from '../auth';
import { formatTime, OrderLineRow } from '../components/OrderBits';
import { TopBar } from '../components/ShopLayout';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { formatFen, yuanToFen } from '../money';
import type { AfterSalesCase, Order } from '../types';

const MERCHANT_FAULT = ['quality', 'wrong_item', 'damaged'];

export function AfterSalesCasePage() {
  const { t } = useI18n();
  const { caseId = '' } = useParams();
  const { user, loading } = useAuth();
  const c = useLoad(() => api.myCase(caseId), [caseId]);
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: `/after-sales/${caseId}` }} />;
  return (
    <div className="as-page">
      <TopBar title={t('afterSales.case')} />
      {c.loading && !c.data ? <Loading /> : c.error || !c.data ? <ErrorBox error={c.error} onRetry={c.reload} /> : <CaseView c={c.data} onChange={c.setData} />}
    </div>
  );
}

function bannerText(c: AfterSalesCase, t: ReturnType<typeof useI18n>['t'], lang: 'zh' | 'en'): string[] {
  const at = (iso: string | null) => formatTime(iso, lang);
  switch (c.status) {
    case 'requested':
      return [c.replyDeadline ? t('afterSales.banner.requested', { deadline: at(c.replyDeadline) }) : t('afterSales.banner.requestedNoDeadline')];
    case 'rejected': {
      const out = [t('afterSales.banner.rejected', { reply: c.merchantReply ?? '' })];
      if (c.escalateBy && Date.parse(c.escalateBy) > Date.now()) out.push(t('afterSales.banner.rejectedEscalate', { deadline: at(c.escalateBy) }));
      return out;
    }
    case 'awaiting_return':
      return [t('afterSales.banner.awaiting_return', { deadline: at(c.returnDue) })];
    case 'return_shipped':
      return [c.refund.status !== 'none' ? t('afterSales.banner.returnShippedFast') : t('afterSales.banner.return_shipped')];
    case 'refunded':
      return [t('afterSales.banner.refunded', { amount: formatFen(c.amountFen) })];
    case 'closed':
      return [c.decision ? c.decision.note : t('afterSales.banner.closed')];
    default:
      return [t(`afterSales.banner.${c.status}`)];
  }
}

function CaseView({ c, onChange }: { c: AfterSalesCase; onChange: (c: AfterSalesCase) => void }) {
  const { t, lang } = useI18n();
  const order = useLoad(() => api.order(c.orderId), [c.orderId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(call: () => Promise<AfterSalesCase>, ask?: string) {
    if (ask && !window.confirm(ask)) return;
    setBusy(true);
    setError(null);
    try {
      onChange(await call());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const canCancel = ['requested', 'rejected', 'escalated', 'awaiting_return'].includes(c.status);
  const canEscalate = c.status === 'rejected' && !!c.escalateBy && Date.parse(c.escalateBy) > Date.now();
  return (
    <>
      <section className={`order-banner as-banner as-banner-${c.status}`}>
        <div className="order-banner-status">
          <CaseStatusTag status={c.status} />
        </div>
        {bannerText(c, t, lang).map((line) => (
          <div key={line} className="order-banner-text">
            {line}
          </div>
        ))}
      </section>

      <section className="card pad as-money">
        <div className="as-money-row">
          <span>{t('afterSales.refundAmount')}</span>
          <span className="price price-md" data-testid="case-amount">
            {formatFen(c.amountFen)}
          </span>
        </div>
        {c.refund.fast && <span className="tag">{t('afterSales.fastRefund')}</span>}
        {c.postage.paidFen > 0 && <div className="muted small">{t('afterSales.postagePaid', { amount: formatFen(c.postage.paidFen) })}</div>}
      </section>

      {c.status === 'awaiting_return' && <ReturnForm c={c} onChange={onChange} />}
      {canEscalate && <EscalateForm c={c} onChange={onChange} />}

      {c.returnShipment && (
        <section className="card pad">
          <h2 className="card-title">{t('afterSales.returnInfo')}</h2>
          <dl className="info-list">
            <div>
              <dt>{t('afterSales.returnTrackingNo')}</dt>
              <dd className="mono">
                {c.returnShipment.carrier.toUpperCase()} {c.returnShipment.trackingNo}
              </dd>
            </div>
            <div>
              <dt>{t('order.shippedAtLabel')}</dt>
              <dd>{formatTime(c.returnShipment.shippedAt, lang)}</dd>
            </div>
            {c.returnShipment.receivedAt && (
              <div>
                <dt>{t('afterSales.returnReceived')}</dt>
                <dd>{formatTime(c.returnShipment.receivedAt, lang)}</dd>
              </div>
            )}
          </dl>
        </section>
      )}

      <section className="card pad">
        {order.data ? <CaseGoods c={c} order={order.data} /> : null}
        <dl className="info-list">
          <div>
            <dt>{t('afterSales.type')}</dt>
            <dd>{t(`afterSales.type.${c.type}`)}</dd>
          </div>
          <div>
            <dt>{t('afterSales.reason')}</dt>
            <dd>{c.beforeShipping && c.reason === 'other' ? t('afterSales.reason.changedMind') : t(`afterSales.reason.${c.reason}`)}</dd>
          </div>
          {c.note && (
            <div>
              <dt>{t('afterSales.note')}</dt>
              <dd>{c.note}</dd>
            </div>
          )}
          <div>
            <dt>{t('afterSales.caseNo')}</dt>
            <dd className="mono">{c.id}</dd>
          </div>
          <div>
            <dt>{t('afterSales.order')}</dt>
            <dd>
              <Link to={`/orders/${c.orderId}`} className="mono link-btn">
                {c.orderId}
              </Link>
            </dd>
          </div>
          <div>
            <dt>{t('afterSales.createdAt')}</dt>
            <dd>{formatTime(c.createdAt, lang)}</dd>
          </div>
        </dl>
      </section>

      <section className="card pad">
        <h2 className="card-title">{t('afterSales.progress')}</h2>
        <CaseTimeline c={c} />
      </section>

      {canCancel && (
        <>
          <div className="action-bar-spacer" />
          <footer className="action-bar order-actions">
            {error && (
              <div className="action-note action-err" role="alert">
                {error}
              </div>
            )}
            <div className="action-row row-end">
              <Link to={`/orders/${c.orderId}`} className="btn btn-ghost">
                {t('afterSales.viewOrder')}
              </Link>
              <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void act(() => api.cancelCase(c.id), t('afterSales.cancelAsk'))} data-testid="case-cancel">
                {t('afterSales.cancel')}
              </button>
            </div>
          </footer>
        </>
      )}
    </>
  );
}

function CaseGoods({ c, order }: { c: AfterSalesCase; order: Order }) {
  const { t } = useI18n();
  return (
    <div className="as-goods">
      {c.lines.map((cl) => {
        if (cl.lineNo === 0)
          return (
            <div key="ship" className="confirm-row">
              <span>{t('afterSales.shippingLine')}</span>
              <span>{formatFen(cl.refundFen)}</span>
            </div>
          );
        const l = order.lines.find((x) => x.lineNo === cl.lineNo);
        return l ? <OrderLineRow key={cl.lineNo} line={{ ...l, quantity: cl.quantity }} link={false} /> : null;
      })}
    </div>
  );
}

function ReturnForm({ c, onChange }: { c: AfterSalesCase; onChange: (c: AfterSalesCase) => void }) {
  const { t, lang } = useI18n();
  const carriers = useLoad(() => api.carriers(), []);
  const [carrier, setCarrier] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const [postage, setPostage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const storePays = MERCHANT_FAULT.includes(c.reason);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    const code = carrier || carriers.data?.[0]?.code || '';
    if (!/^[A-Za-z0-9-]{6,40}$/.test(trackingNo.trim())) found.trackingNo = t('ship.trackingInvalid');
    const postageFen = postage.trim() ? yuanToFen(postage) : undefined;
    if (postageFen === null) found.postageFen = t('afterSales.amountInvalid', { amount: '' });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      onChange(await api.shipReturn(c.id, { carrier: code, trackingNo: trackingNo.trim(), ...(postageFen ? { postageFen } : {}) }));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      setErrors(Object.keys(fields).length > 0 ? fields : { form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card pad as-return" onSubmit={(e) => void submit(e)} noValidate data-testid="return-form">
      <h2 className="card-title">{t('afterSales.shipReturn')}</h2>
      <label className="field">
        <span className="field-label">{t('afterSales.returnCarrier')}</span>
        <select value={carrier || carriers.data?.[0]?.code || ''} onChange={(e) => setCarrier(e.target.value)} data-testid="return-carrier">
          {(carriers.data ?? []).map((cr) => (
            <option key={cr.code} value={cr.code}>
              {lang === 'zh' ? cr.nameZh : cr.nameEn}
            </option>
          ))}
        </select>
      </label>
      <label className={`field ${errors.trackingNo ? 'field-invalid' : ''}`}>
        <span className="field-label">{t('afterSales.returnTrackingNo')}</span>
        <input value={trackingNo} maxLength={40} onChange={(e) => setTrackingNo(e.target.value)} placeholder="SF1234567890" data-testid="return-tracking" />
        {errors.trackingNo && <span className="field-error">{errors.trackingNo}</span>}
      </label>
      {storePays && (
        <label className={`field ${errors.postageFen ? 'field-invalid' : ''}`}>
          <span className="field-label">{t('afterSales.returnPostage')}</span>
          <input inputMode="decimal" value={postage} onChange={(e) => setPostage(e.target.value)} placeholder="12" data-testid="return-postage" />
          <span className="field-hint">{t('afterSales.returnPostageHint')}</span>
          {errors.postageFen && <span className="field-error">{errors.postageFen}</span>}
        </label>
      )}
      {errors.form && <p className="form-error">{errors.form}</p>}
      <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="return-submit">
        {busy ? t('common.working') : t('ship.submit')}
      </button>
    </form>
  );
}

function EscalateForm({ c, onChange }: { c: AfterSalesCase; onChange: (c: AfterSalesCase) => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onChange(await api.escalateCase(c.id, note.trim() || undefined));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card pad" onSubmit={(e) => void submit(e)} data-testid="escalate-form">
      <label className="field">
        <span className="field-label">{t('afterSales.escalateNote')}</span>
        <textarea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="escalate-note" />
      </label>
      {error && <p className="form-error">{error}</p>}
      <button type="submit" className="btn btn-outline btn-block" disabled={busy} data-testid="case-escalate">
        {t('afterSales.escalate')}
      </button>
    </form>
  );
}
