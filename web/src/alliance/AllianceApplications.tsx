// 精选联盟 · 达人申请 (/merchant/alliance/applications): creators asking to sell under the store's
// open plans that need approval — who, which goods, their note — approved with one click or
// rejected with a reason the creator sees.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, errorMessage } from '../api';
import { formatTime } from '../components/OrderBits';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { useMerchant } from '../merchant/context';
import type { Product } from '../types';
import type { Application, ApplicationStatus } from '../typesAlliance';
import { allianceApi } from './allianceApi';
import { AllianceHead } from './AllianceHead';
import { CreatorCell, Pager, Thumb, useCreatorNames } from './bits';

const LIMIT = 20;
const FILTERS: ('all' | ApplicationStatus)[] = ['pending', 'approved', 'rejected', 'all'];
const isFilter = (v: string | null): v is 'all' | ApplicationStatus => FILTERS.some((f) => f === v);

export function AllianceApplications() {
  const { t } = useI18n();
  const { current } = useMerchant();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const filter = isFilter(raw) ? raw : 'pending';
  if (!current) return <Empty text={t('merchant.needStore')} />;
  return (
    <>
      <AllianceHead store={current.name} />
      <div className="chips chips-wrap al-filters" role="group">
        {FILTERS.map((f) => (
          <button key={f} type="button" className={`chip ${filter === f ? 'chip-on' : ''}`} onClick={() => setParams(f === 'pending' ? {} : { status: f }, { replace: true })} data-testid={`app-filter-${f}`}>
            {t(`alliance.app.filter.${f}`)}
          </button>
        ))}
      </div>
      <ApplicationTable key={`${current.id}-${filter}`} storeId={current.id} status={filter === 'all' ? undefined : filter} />
    </>
  );
}

function ApplicationTable({ storeId, status }: { storeId: string; status?: ApplicationStatus }) {
  const { t, lang } = useI18n();
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => allianceApi.applications(storeId, { status, limit: LIMIT, offset }), [storeId, status, offset]);
  const goods = useLoad(() => api.myProducts(storeId, { status: 'all', limit: 100 }), [storeId]);
  const byId = useMemo(() => new Map<string, Product>((goods.data?.items ?? []).map((p) => [p.id, p])), [goods.data]);
  const names = useCreatorNames(list.data?.items.map((a) => a.creatorId) ?? []);
  const [rejecting, setRejecting] = useState<Application | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (list.loading && !list.data) return <Loading />;
  if (list.error || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (list.data.items.length === 0) return <Empty text={t(status === 'pending' ? 'alliance.app.emptyPending' : 'alliance.app.empty')} />;
  const page = list.data;
  const replace = (a: Application) => list.setData({ ...page, items: page.items.map((x) => (x.id === a.id ? a : x)) });

  async function approve(a: Application) {
    setBusy(a.id);
    setError(null);
    try {
      replace(await allianceApi.decide(storeId, a.id, { approve: true }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="mc-card mc-table-wrap">
      {error && <p className="form-error mc-table-meta">{error}</p>}
      <div className="muted small mc-table-meta">{t('alliance.app.total', { n: page.total })}</div>
      <table className="mc-table" data-testid="alliance-applications">
        <thead>
          <tr>
            <th>{t('alliance.col.creator')}</th>
            <th>{t('alliance.col.goods')}</th>
            <th>{t('alliance.app.col.note')}</th>
            <th>{t('alliance.app.col.applied')}</th>
            <th>{t('alliance.app.col.status')}</th>
            <th>{t('merchant.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((a) => {
            const product = byId.get(a.productId);
            const title = product?.title ?? a.productId;
            return (
              <tr key={a.id} data-testid="alliance-app-row" data-application-id={a.id}>
                <td>
                  <CreatorCell id={a.creatorId} name={names.get(a.creatorId)} />
                </td>
                <td>
                  <div className="al-goods">
                    <Thumb url={product?.images[0]?.thumbUrl} title={title} />
                    <span className="al-goods-title">{title}</span>
                  </div>
                </td>
                <td className="small">{a.note ? <span className="al-note">“{a.note}”</span> : <span className="muted">—</span>}</td>
                <td className="small nowrap muted">{formatTime(a.createdAt, lang)}</td>
                <td>
                  <span className={`status al-app-${a.status}`}>{t(`alliance.app.status.${a.status}`)}</span>
                  {a.reason && <div className="muted small al-note">{a.reason}</div>}
                  {a.decidedAt && <div className="muted small">{formatTime(a.decidedAt, lang)}</div>}
                </td>
                <td className="actions">
                  {a.status === 'pending' && (
                    <>
                      <button type="button" className="btn btn-primary btn-xs" disabled={busy === a.id} onClick={() => void approve(a)} data-testid={`app-approve-${a.id}`}>
                        {t('alliance.app.approve')}
                      </button>
                      <button type="button" className="btn btn-ghost btn-xs" disabled={busy === a.id} onClick={() => setRejecting(a)} data-testid={`app-reject-${a.id}`}>
                        {t('alliance.app.reject')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Pager offset={offset} limit={LIMIT} total={page.total} onOffset={setOffset} />
      {rejecting && (
        <RejectDialog
          storeId={storeId}
          application={rejecting}
          who={names.get(rejecting.creatorId) ?? rejecting.creatorId}
          onClose={() => setRejecting(null)}
          onDone={(a) => {
            setRejecting(null);
            replace(a);
          }}
        />
      )}
    </div>
  );
}

function RejectDialog({ storeId, application, who, onDone, onClose }: { storeId: string; application: Application; who: string; onDone: (a: Application) => void; onClose: () => void }) {
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
      onDone(await allianceApi.decide(storeId, application.id, { approve: false, reason: reason.trim() }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} onCancel={onClose} data-testid="app-reject-dialog">
      <form onSubmit={(e) => void submit(e)}>
        <h3>{t('alliance.app.rejectTitle')}</h3>
        <p className="muted small">{t('alliance.app.rejectWho', { name: who })}</p>
        <label className="field">
          <span className="field-label">{t('alliance.app.rejectReason')}</span>
          <textarea rows={3} maxLength={200} autoFocus value={reason} placeholder={t('alliance.app.rejectPh')} onChange={(e) => setReason(e.target.value)} data-testid="app-reject-reason" />
        </label>
        {error && <p className="form-error">{error}</p>}
        <div className="row-gap row-end">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !reason.trim()} data-testid="app-reject-submit">
            {t('alliance.app.reject')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
