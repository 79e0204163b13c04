// Picks the goods a video carries (its 购物车): what the server lets the author carry (catalog's
// CarryRights) — their own stores' goods on sale (merchants) and the goods in their showcase
// (creators, 精选联盟) that a plan still pays on. With both, tabs switch between them. The order
// picked is the order shown; the first is the card over the video.
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { allianceApi, formatRate } from '../alliance/allianceApi';
import { useAuth } from '../auth';
import { ErrorBox } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { Product, ProductCard } from '../types';
import { PickGrid, type Pickable } from './PickGrid';
import { MAX_PRODUCTS } from './videoForm';

const cardOf = (p: Product): ProductCard => ({
  id: p.id,
  storeId: p.storeId,
  title: p.title,
  imageUrl: p.images[0]?.thumbUrl ?? null,
  minPriceFen: p.minPriceFen,
  maxPriceFen: p.maxPriceFen,
  totalStock: p.totalStock,
  available: p.status === 'active',
});

type Source = 'store' | 'showcase';

export function ProductPicker({ value, onChange }: { value: ProductCard[]; onChange: (next: ProductCard[]) => void }) {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const merchant = hasRole('merchant');
  const creator = hasRole('creator');
  // Only merchants have stores (the merchant API refuses anyone else); only creators a showcase.
  const stores = useLoad(() => (merchant ? api.myStores() : Promise.resolve([])), [merchant]);
  const showcase = useLoad(() => (creator ? allianceApi.showcase({ limit: 100 }) : Promise.resolve(null)), [creator]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [tab, setTab] = useState<Source | null>(null);
  const store = stores.data?.find((s) => s.id === chosen) ?? stores.data?.[0] ?? null;
  const goods = useLoad(() => (store ? api.myProducts(store.id, { status: 'active', limit: 50 }) : Promise.resolve(null)), [store?.id]);

  if (stores.error) return <ErrorBox error={stores.error} onRetry={stores.reload} />;
  if (showcase.error) return <ErrorBox error={showcase.error} onRetry={showcase.reload} />;
  if (!stores.data || showcase.loading) return <span className="spinner" />;
  const showcaseItems = showcase.data?.items ?? [];
  const source: Source = tab ?? (store ? 'store' : 'showcase');
  if (!store && !creator) {
    return (
      <p className="studio-note" data-testid="studio-no-store">
        {t('studio.noStoreMerchant')} <Link to="/merchant">{t('nav.merchantConsole')} ›</Link>
      </p>
    );
  }

  const storeIds = new Set((stores.data ?? []).map((s) => s.id));
  let listed: Pickable[];
  let extra: ProductCard[];
  if (source === 'store' && store) {
    listed = (goods.data?.items ?? []).map((p) => ({ card: cardOf(p) }));
    // Goods picked before that are no longer on sale stay listed, so they can be taken off.
    extra = value.filter((p) => p.storeId === store.id && !listed.some((x) => x.card.id === p.id));
  } else {
    listed = showcaseItems.flatMap((i) => (i.card ? [{ card: i.card, note: i.myRate ? t('studio.pickRate', { rate: formatRate(i.myRate.rateBps) }) : undefined, blocked: i.myRate ? undefined : t('studio.pickNoPlan') }] : []));
    extra = value.filter((p) => !storeIds.has(p.storeId) && !listed.some((x) => x.card.id === p.id));
  }

  const empty =
    source === 'store' && store ? (
      <p className="studio-note">
        {t('studio.noGoods')} <Link to={`/merchant/products/new?store=${store.id}`}>{t('merchant.newProduct')} ›</Link>
      </p>
    ) : (
      <p className="studio-note" data-testid="studio-no-showcase">
        {store ? t('studio.noShowcase') : t('studio.noStoreCreator')} <Link to="/studio/market">{t('alliance.market.title')} ›</Link>
      </p>
    );

  return (
    <div className="picker">
      <div className="picker-head">
        <div className="row-gap">
          {store && creator && (
            <div className="seg" role="tablist" data-testid="picker-sources">
              {(['store', 'showcase'] as const).map((s) => (
                <button key={s} type="button" role="tab" aria-selected={source === s} className={`seg-item seg-btn ${source === s ? 'on' : ''}`} onClick={() => setTab(s)} data-testid={`picker-source-${s}`}>
                  {t(`studio.source.${s}`)}
                </button>
              ))}
            </div>
          )}
          {source === 'store' && store ? (
            stores.data.length > 1 ? (
              <select value={store.id} onChange={(e) => setChosen(e.target.value)} aria-label={t('merchant.switchStore')}>
                {stores.data.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            ) : (
              <span className="muted">{t('studio.fromStore', { name: store.name })}</span>
            )
          ) : (
            !store && <span className="muted">{t('studio.fromShowcase')}</span>
          )}
        </div>
        <span className="muted small" data-testid="picker-count">
          {t('studio.picked', { n: value.length, max: MAX_PRODUCTS })}
        </span>
      </div>
      {source === 'store' && goods.error ? (
        <ErrorBox error={goods.error} onRetry={goods.reload} />
      ) : source === 'store' && goods.loading && !goods.data ? (
        <span className="spinner" />
      ) : listed.length + extra.length === 0 ? (
        empty
      ) : (
        <PickGrid listed={listed} extra={extra} value={value} onChange={onChange} />
      )}
      <span className="field-hint">{t('studio.productsHint')}</span>
    </div>
  );
}
