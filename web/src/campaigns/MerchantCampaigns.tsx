// 营销活动 (/merchant/campaigns): the campaigns open to enrolment with the store's eligibility (its
// experience score against the minimum), a picker to enrol goods on sale, and the store's goods in
// campaigns with their status (enrolled, suspended for a raised price, withdrawn) and 退出.
import { useState } from 'react';
import { api, errorMessage } from '../api';
import { Price } from '../components/Price';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { useMerchant } from '../merchant/context';
import type { OpenCampaign } from '../typesCampaigns';
import { campaignName } from './Badges';
import { campaignsApi } from './campaignsApi';
import './campaigns.css';

const day = (iso: string) => iso.slice(0, 10);

export function MerchantCampaigns() {
  const { t, lang } = useI18n();
  const { current } = useMerchant();
  const storeId = current?.id ?? null;
  const open = useLoad(() => (storeId ? campaignsApi.open(storeId) : Promise.resolve(null)), [storeId]);
  const mine = useLoad(() => (storeId ? campaignsApi.enrolments(storeId) : Promise.resolve(null)), [storeId]);
  const goods = useLoad(() => (storeId ? api.myProducts(storeId, { status: 'active', limit: 100 }) : Promise.resolve(null)), [storeId]);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  async function act(fn: () => Promise<unknown>, ok: string) {
    setMsg(null);
    try {
      await fn();
      setMsg({ ok: true, text: ok });
      open.reload();
      mine.reload();
    } catch (err) {
      setMsg({ ok: false, text: errorMessage(err) });
    }
  }

  if (!storeId) return <Empty text={t('cmp.m.noStore')} />;
  return (
    <div data-testid="merchant-campaigns">
      <h1 className="mc-title">{t('cmp.m.title')}</h1>
      <p className="muted small">{t('cmp.m.subtitle')}</p>
      {msg && (
        <p className={msg.ok ? 'cmp-ok' : 'form-error'} role="status" data-testid="cmp-m-msg">
          {msg.text}
        </p>
      )}
      <section className="mc-card">
        <h2 className="card-title">{t('cmp.m.open')}</h2>
        {open.loading && !open.data ? <Loading /> : open.error ? <ErrorBox error={open.error} onRetry={open.reload} /> : (open.data?.items.length ?? 0) === 0 ? <Empty text={t('cmp.m.noneOpen')} /> : (
          <table className="cmp-table">
            <thead>
              <tr><th>{t('cmp.name')}</th><th>{t('cmp.dates.label')}</th><th>{t('cmp.rules')}</th><th>{t('cmp.m.eligibility')}</th><th>{t('cmp.m.enrol')}</th></tr>
            </thead>
            <tbody>
              {open.data!.items.map((o) => (
                <OpenRow key={o.campaign.id} o={o} lang={lang} goods={(goods.data?.items ?? []).map((g) => ({ id: g.id, title: g.title }))} onEnrol={(productId) => act(() => campaignsApi.enrol(storeId, o.campaign.id, productId), t('cmp.m.enrolled'))} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="mc-card">
        <h2 className="card-title">{t('cmp.m.mine')}</h2>
        {mine.loading && !mine.data ? <Loading /> : (mine.data?.items.length ?? 0) === 0 ? <Empty text={t('cmp.m.noneMine')} /> : (
          <table className="cmp-table" data-testid="cmp-enrolments">
            <thead>
              <tr><th>{t('cmp.m.goods')}</th><th>{t('cmp.name')}</th><th>{t('cmp.m.priceAtEnrol')}</th><th>{t('cmp.m.status')}</th><th /></tr>
            </thead>
            <tbody>
              {mine.data!.items.map((e) => (
                <tr key={`${e.campaignId}:${e.productId}`} data-testid="cmp-enrolment" data-status={e.status}>
                  <td>{e.product?.title ?? e.productId}</td>
                  <td>{campaignName({ name: e.campaignName, nameEn: e.campaignNameEn }, lang)} <span className="muted small">({t(`cmp.status.${e.campaignStatus}`)})</span></td>
                  <td><Price fen={e.priceFen} size="sm" /></td>
                  <td className={`cmp-status-${e.status}`}>{t(`cmp.e.${e.status}`)}{e.reason && ` · ${t('cmp.e.price_raised')}`}</td>
                  <td>
                    {e.status !== 'withdrawn' && (e.campaignStatus === 'active' || e.campaignStatus === 'scheduled') && (
                      <button type="button" className="btn btn-outline btn-sm" onClick={() => void act(() => campaignsApi.withdraw(storeId, e.campaignId, e.productId), t('cmp.m.withdrawn'))}>
                        {t('cmp.m.withdraw')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function OpenRow({ o, goods, lang, onEnrol }: { o: OpenCampaign; goods: Array<{ id: string; title: string }>; lang: string; onEnrol: (productId: string) => void }) {
  const { t } = useI18n();
  const [productId, setProductId] = useState('');
  const c = o.campaign;
  return (
    <tr data-testid="cmp-open" data-campaign-id={c.id}>
      <td><strong>{campaignName(c, lang)}</strong><div className="muted small">{t(`cmp.kind.${c.kind}`)} · {t(`cmp.status.${c.status}`)}</div></td>
      <td className="small">{day(c.startsAt)} – {day(c.endsAt)}</td>
      <td className="small">
        {c.minStoreScore !== null && <div>{t('cmp.rule.score', { n: c.minStoreScore })}</div>}
        {c.maxPriceFen !== null && <div>{t('cmp.rule.price', { yuan: (c.maxPriceFen / 100).toFixed(2) })}</div>}
        <div>{c.categoryIds.length ? t('cmp.rule.categories', { n: c.categoryIds.length }) : t('cmp.rule.allCategories')}</div>
      </td>
      <td className={o.eligibility.eligible ? 'cmp-status-enrolled' : 'cmp-status-suspended'} data-testid="cmp-eligibility">
        {o.eligibility.eligible ? t('cmp.m.eligible') : t(`cmp.m.${o.eligibility.reasons[0] ?? 'no_score'}`)}
        {o.eligibility.storeScore !== null && <div className="muted small">{t('cmp.m.score', { n: Math.round(o.eligibility.storeScore) })}</div>}
      </td>
      <td>
        {o.eligibility.eligible && (
          <form onSubmit={(e) => { e.preventDefault(); if (productId) onEnrol(productId); }} style={{ display: 'flex', gap: 6 }}>
            <select value={productId} onChange={(e) => setProductId(e.target.value)} data-testid="cmp-enrol-product">
              <option value="">{t('cmp.m.pick')}</option>
              {goods.map((g) => <option key={g.id} value={g.id}>{g.title}</option>)}
            </select>
            <button type="submit" className="btn btn-primary btn-sm" disabled={!productId} data-testid="cmp-enrol">{t('cmp.m.enrol')}</button>
          </form>
        )}
      </td>
    </tr>
  );
}
