// 精选联盟 · 推广计划 (/merchant/alliance): the store's commission plans — goods, kind (and the
// creator a targeted or exclusive plan names), the rate in force and any announced cut with the
// time it takes effect, terms, status — with 调整 (rate and terms) and 结束; 新建推广计划 opens
// the create dialog.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../api';
import { formatTime } from '../components/OrderBits';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { useMerchant } from '../merchant/context';
import { formatFen } from '../money';
import type { Product } from '../types';
import type { Plan, PlanStatus } from '../typesAlliance';
import { allianceApi, formatRate } from './allianceApi';
import { AllianceHead } from './AllianceHead';
import { CreatorCell, KindTag, Pager, PlanRate, Thumb, useCreatorNames } from './bits';
import { PlanCreateDialog } from './PlanCreateDialog';
import { PlanEditDialog } from './PlanEditDialog';

const LIMIT = 20;
const FILTERS: ('all' | PlanStatus)[] = ['all', 'active', 'ended'];

export function AlliancePlans() {
  const { t } = useI18n();
  const { current } = useMerchant();
  const [creating, setCreating] = useState(false);
  const [tick, setTick] = useState(0);
  const [notice, setNotice] = useState<Notice | null>(null);
  if (!current) return <Empty text={t('merchant.needStore')} />;
  return (
    <>
      <AllianceHead
        store={current.name}
        action={
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="alliance-plan-new">
            + {t('alliance.plan.new')}
          </button>
        }
      />
      {notice && <PlanNotice notice={notice} />}
      <PlanTable key={`${current.id}-${tick}`} storeId={current.id} onNotice={setNotice} />
      {creating && (
        <PlanCreateDialog
          storeId={current.id}
          onClose={() => setCreating(false)}
          onDone={(p) => {
            setCreating(false);
            setNotice({ kind: 'created', plan: p });
            setTick((n) => n + 1);
          }}
        />
      )}
    </>
  );
}

/** What just happened to a plan, said above the table (rendered from the plan, so it follows the language). */
type Notice = { kind: 'created' | 'saved'; plan: Plan };

function PlanNotice({ notice: { kind, plan } }: { notice: Notice }) {
  const { t, lang } = useI18n();
  const text =
    kind === 'created'
      ? t('alliance.plan.created', { rate: formatRate(plan.rateBps) })
      : plan.pendingRate
        ? t('alliance.plan.cutNotice', { rate: formatRate(plan.pendingRate.rateBps), at: formatTime(plan.pendingRate.effectiveAt, lang), now: formatRate(plan.rateBps) })
        : t('alliance.plan.saved', { rate: formatRate(plan.rateBps) });
  return (
    <p className="notice al-notice" data-testid="alliance-notice">
      {text}
    </p>
  );
}

function PlanTable({ storeId, onNotice }: { storeId: string; onNotice: (notice: Notice | null) => void }) {
  const { t, lang } = useI18n();
  const [filter, setFilter] = useState<'all' | PlanStatus>('all');
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => allianceApi.plans(storeId, { status: filter === 'all' ? undefined : filter, limit: LIMIT, offset }), [storeId, filter, offset]);
  // The plans name products by id: the store's goods give their titles and pictures.
  const goods = useLoad(() => api.myProducts(storeId, { status: 'all', limit: 100 }), [storeId]);
  const byId = useMemo(() => new Map<string, Product>((goods.data?.items ?? []).map((p) => [p.id, p])), [goods.data]);
  const names = useCreatorNames(list.data?.items.map((p) => p.creatorId) ?? []);
  const [editing, setEditing] = useState<Plan | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const filters = (
    <div className="chips chips-wrap al-filters" role="group">
      {FILTERS.map((f) => (
        <button key={f} type="button" className={`chip ${filter === f ? 'chip-on' : ''}`} onClick={() => (setFilter(f), setOffset(0))} data-testid={`plan-filter-${f}`}>
          {t(`alliance.plan.filter.${f}`)}
        </button>
      ))}
    </div>
  );
  if (list.loading && !list.data) return <Loading />;
  if (list.error || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  const page = list.data;
  const replace = (p: Plan) => list.setData({ ...page, items: page.items.map((x) => (x.id === p.id ? p : x)) });

  async function end(p: Plan) {
    if (!window.confirm(t('alliance.plan.endAsk'))) return;
    setBusy(p.id);
    setError(null);
    try {
      replace(await allianceApi.endPlan(storeId, p.id));
      onNotice(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      {filters}
      {page.items.length === 0 ? (
        <Empty text={t('alliance.plan.empty')} />
      ) : (
        <div className="mc-card mc-table-wrap">
          {error && <p className="form-error mc-table-meta">{error}</p>}
          <div className="muted small mc-table-meta">{t('alliance.plan.total', { n: page.total })}</div>
          <table className="mc-table" data-testid="alliance-plans">
            <thead>
              <tr>
                <th>{t('alliance.col.goods')}</th>
                <th>{t('alliance.plan.col.kind')}</th>
                <th>{t('alliance.plan.col.rate')}</th>
                <th>{t('alliance.plan.col.terms')}</th>
                <th>{t('alliance.plan.col.status')}</th>
                <th>{t('alliance.plan.col.created')}</th>
                <th>{t('merchant.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((p) => {
                const product = byId.get(p.productId);
                const title = product?.title ?? p.productId;
                return (
                  <tr key={p.id} data-testid="alliance-plan-row" data-plan-id={p.id} className={p.status === 'ended' ? 'row-muted' : ''}>
                    <td>
                      <div className="al-goods">
                        <Thumb url={product?.images[0]?.thumbUrl} title={title} />
                        <div className="al-goods-body">
                          <Link to={`/products/${p.productId}`} className="mc-link al-goods-title">
                            {title}
                          </Link>
                          {product && <div className="muted small">{formatFen(product.minPriceFen)}</div>}
                        </div>
                      </div>
                    </td>
                    <td>
                      <KindTag kind={p.kind} />
                      {p.creatorId && (
                        <div className="al-named">
                          <CreatorCell id={p.creatorId} name={names.get(p.creatorId)} />
                        </div>
                      )}
                    </td>
                    <td className="nowrap" data-testid={`plan-rate-${p.id}`}>
                      <PlanRate plan={p} />
                    </td>
                    <td className="small">
                      <div className="al-terms">
                        {p.kind === 'open' && <span className="al-term">{p.approvalRequired ? t('alliance.plan.approval') : t('alliance.plan.noApproval')}</span>}
                        {p.freeSamples && <span className="al-term">{t('alliance.plan.samples')}</span>}
                        {p.flatFeeFen > 0 && <span className="al-term">{t('alliance.plan.flatFee', { amount: formatFen(p.flatFeeFen) })}</span>}
                      </div>
                    </td>
                    <td>
                      <span className={`status al-status-${p.status}`}>{t(`alliance.plan.status.${p.status}`)}</span>
                      {p.endedAt && <div className="muted small">{formatTime(p.endedAt, lang)}</div>}
                    </td>
                    <td className="small nowrap muted">{formatTime(p.createdAt, lang)}</td>
                    <td className="actions">
                      {p.status === 'active' && (
                        <>
                          <button type="button" className="link-btn" onClick={() => setEditing(p)} data-testid={`plan-edit-${p.id}`}>
                            {t('alliance.plan.edit')}
                          </button>
                          <button type="button" className="link-btn al-danger" disabled={busy === p.id} onClick={() => void end(p)} data-testid={`plan-end-${p.id}`}>
                            {t('alliance.plan.end')}
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
        </div>
      )}
      {editing && (
        <PlanEditDialog
          storeId={storeId}
          plan={editing}
          title={byId.get(editing.productId)?.title ?? editing.productId}
          onClose={() => setEditing(null)}
          onDone={(next) => {
            setEditing(null);
            replace(next);
            onNotice({ kind: 'saved', plan: next });
          }}
        />
      )}
    </>
  );
}
