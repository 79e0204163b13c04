// 活动管理 (/ops/campaigns): operators create platform events and support programmes (the server
// refuses overlapping events and boosts above the cap, with the field named), list them, end or
// call them off, and read each one's results (paid GMV, orders, buyers, units, refunds; per store).
import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { Price } from '../components/Price';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { CampaignKind } from '../typesCampaigns';
import { campaignName } from './Badges';
import { campaignsApi } from './campaignsApi';
import './campaigns.css';

const day = (iso: string) => iso.slice(0, 10);
/** A datetime-local value (local time, to the minute) n days from now. */
const inDays = (n: number) => {
  const d = new Date(Date.now() + n * 86_400_000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

export function OpsCampaigns() {
  const { t, lang } = useI18n();
  const list = useLoad(() => campaignsApi.list(), []);
  const categories = useLoad(() => api.categories(), []);
  const [shown, setShown] = useState<string | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [f, setF] = useState({ kind: 'programme' as CampaignKind, name: '', nameEn: '', startsAt: inDays(0), endsAt: inDays(30), categoryId: '', minStoreScore: '', maxPriceYuan: '', boost: '1.3' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  async function create(e: FormEvent) {
    e.preventDefault();
    setMsg(null);
    try {
      const c = await campaignsApi.create({
        kind: f.kind, name: f.name.trim(), ...(f.nameEn.trim() ? { nameEn: f.nameEn.trim() } : {}),
        startsAt: new Date(f.startsAt).toISOString(), endsAt: new Date(f.endsAt).toISOString(), categoryIds: f.categoryId ? [f.categoryId] : [],
        ...(f.minStoreScore ? { minStoreScore: Number(f.minStoreScore) } : {}), ...(f.maxPriceYuan ? { maxPriceFen: Math.round(Number(f.maxPriceYuan) * 100) } : {}), boost: Number(f.boost),
      });
      setMsg({ ok: true, text: t('cmp.ops.created', { name: c.name }) });
      list.reload();
    } catch (err) {
      setMsg({ ok: false, text: errorMessage(err) });
    }
  }

  async function end(id: string) {
    try {
      await campaignsApi.end(id);
      list.reload();
    } catch (err) {
      setMsg({ ok: false, text: errorMessage(err) });
    }
  }

  return (
    <div data-testid="ops-campaigns">
      <h1 className="mc-title">{t('cmp.ops.title')}</h1>
      <p className="muted small">{t('cmp.ops.subtitle')}</p>
      <form className="mc-card cmp-form" onSubmit={create} data-testid="cmp-create">
        <label>{t('cmp.kind')}
          <select value={f.kind} onChange={set('kind')} data-testid="cmp-kind">
            <option value="programme">{t('cmp.kind.programme')}</option>
            <option value="event">{t('cmp.kind.event')}</option>
          </select>
        </label>
        <label>{t('cmp.name')}<input value={f.name} onChange={set('name')} required maxLength={40} data-testid="cmp-name" /></label>
        <label>{t('cmp.nameEn')}<input value={f.nameEn} onChange={set('nameEn')} maxLength={60} /></label>
        <label>{t('cmp.startsAt')}<input type="datetime-local" value={f.startsAt} onChange={set('startsAt')} required /></label>
        <label>{t('cmp.endsAt')}<input type="datetime-local" value={f.endsAt} onChange={set('endsAt')} required data-testid="cmp-ends" /></label>
        <label>{t('cmp.category')}
          <select value={f.categoryId} onChange={set('categoryId')} data-testid="cmp-category">
            <option value="">{t('cmp.rule.allCategories')}</option>
            {(categories.data ?? []).map((c) => <option key={c.id} value={c.id}>{lang === 'en' ? c.nameEn : c.nameZh}</option>)}
          </select>
        </label>
        <label>{t('cmp.minStoreScore')}<input type="number" min={0} max={100} value={f.minStoreScore} onChange={set('minStoreScore')} data-testid="cmp-min-score" /></label>
        <label>{t('cmp.maxPrice')}<input type="number" min={0} step="any" value={f.maxPriceYuan} onChange={set('maxPriceYuan')} /></label>
        <label>{t('cmp.boost')}<input type="number" min={1} step="any" value={f.boost} onChange={set('boost')} required data-testid="cmp-boost" /></label>
        <button type="submit" className="btn btn-primary" data-testid="cmp-submit">{t('cmp.ops.create')}</button>
      </form>
      {msg && <p className={msg.ok ? 'cmp-ok' : 'form-error'} role="status" data-testid="cmp-ops-msg">{msg.text}</p>}
      <section className="mc-card">
        {list.loading && !list.data ? <Loading /> : list.error ? <ErrorBox error={list.error} onRetry={list.reload} /> : (list.data?.items.length ?? 0) === 0 ? <Empty text={t('cmp.ops.empty')} /> : (
          <table className="cmp-table" data-testid="cmp-list">
            <thead>
              <tr><th>{t('cmp.name')}</th><th>{t('cmp.kind')}</th><th>{t('cmp.dates.label')}</th><th>{t('cmp.boost')}</th><th>{t('cmp.m.goods')}</th><th>{t('cmp.m.status')}</th><th /></tr>
            </thead>
            <tbody>
              {list.data!.items.map((c) => (
                <tr key={c.id} data-testid="cmp-row" data-campaign-id={c.id}>
                  <td><strong>{campaignName(c, lang)}</strong></td>
                  <td>{t(`cmp.kind.${c.kind}`)}</td>
                  <td className="small">{day(c.startsAt)} – {day(c.endsAt)}</td>
                  <td>×{c.boost}</td>
                  <td>{c.enrolled}</td>
                  <td className={`cmp-status-${c.status}`}>{t(`cmp.status.${c.status}`)}</td>
                  <td style={{ whiteSpace: 'nowrap' }}>
                    <button type="button" className="btn btn-outline btn-sm" onClick={() => setShown(shown === c.id ? null : c.id)} data-testid="cmp-results-open">{t('cmp.ops.results')}</button>{' '}
                    {(c.status === 'active' || c.status === 'scheduled') && (
                      <button type="button" className="btn btn-outline btn-sm" onClick={() => void end(c.id)} data-testid="cmp-end">{c.status === 'active' ? t('cmp.ops.end') : t('cmp.ops.cancel')}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {shown && <ResultsCard campaignId={shown} />}
    </div>
  );
}

function ResultsCard({ campaignId }: { campaignId: string }) {
  const { t, lang } = useI18n();
  const r = useLoad(() => campaignsApi.results(campaignId), [campaignId]);
  if (r.loading && !r.data) return <Loading />;
  if (r.error || !r.data) return <ErrorBox error={r.error} onRetry={r.reload} />;
  const { totals, stores, campaign } = r.data;
  return (
    <section className="mc-card" data-testid="cmp-results">
      <h2 className="card-title">{t('cmp.ops.resultsOf', { name: campaignName(campaign, lang) })}</h2>
      <div className="cmp-figures">
        <div>{t('cmp.r.gmv')}<strong data-testid="cmp-r-gmv"><Price fen={totals.paidFen} size="md" /></strong></div>
        <div>{t('cmp.r.orders')}<strong>{totals.orders}</strong></div>
        <div>{t('cmp.r.buyers')}<strong>{totals.buyers}</strong></div>
        <div>{t('cmp.r.units')}<strong>{totals.units}</strong></div>
        <div>{t('cmp.r.refunded')}<strong><Price fen={totals.refundedFen} size="md" /></strong></div>
      </div>
      {stores.length === 0 ? <Empty text={t('cmp.r.none')} /> : (
        <table className="cmp-table">
          <thead><tr><th>{t('cmp.r.store')}</th><th>{t('cmp.m.goods')}</th><th>{t('cmp.r.gmv')}</th><th>{t('cmp.r.orders')}</th><th>{t('cmp.r.buyers')}</th><th>{t('cmp.r.refunded')}</th></tr></thead>
          <tbody>
            {stores.map((s) => (
              <tr key={s.storeId}><td>{s.storeName}</td><td>{s.enrolled}</td><td><Price fen={s.paidFen} size="sm" /></td><td>{s.orders}</td><td>{s.buyers}</td><td><Price fen={s.refundedFen} size="sm" /></td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
