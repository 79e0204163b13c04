// Picks the goods a video carries (its 购物车): the author's own stores' goods on sale. The order
// picked is the order shown; the first is the card over the video. Showcase goods come later.
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { useAuth } from '../auth';
import { Price } from '../components/Price';
import { ErrorBox } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { Product, ProductCard } from '../types';
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

export function ProductPicker({ value, onChange }: { value: ProductCard[]; onChange: (next: ProductCard[]) => void }) {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const merchant = hasRole('merchant');
  // Only merchants have stores (the merchant API refuses anyone else).
  const stores = useLoad(() => (merchant ? api.myStores() : Promise.resolve([])), [merchant]);
  const [chosen, setChosen] = useState<string | null>(null);
  const store = stores.data?.find((s) => s.id === chosen) ?? stores.data?.[0] ?? null;
  const goods = useLoad(() => (store ? api.myProducts(store.id, { status: 'active', limit: 50 }) : Promise.resolve(null)), [store?.id]);

  if (stores.error) return <ErrorBox error={stores.error} onRetry={stores.reload} />;
  if (!stores.data) return <span className="spinner" />;
  if (!store) {
    return (
      <p className="studio-note" data-testid="studio-no-store">
        {merchant ? (
          <>
            {t('studio.noStoreMerchant')} <Link to="/merchant">{t('nav.merchantConsole')} ›</Link>
          </>
        ) : (
          t('studio.noStoreCreator')
        )}
      </p>
    );
  }

  const pickedAt = (id: string) => value.findIndex((p) => p.id === id);
  const toggle = (p: ProductCard) => {
    if (pickedAt(p.id) >= 0) onChange(value.filter((x) => x.id !== p.id));
    else if (value.length < MAX_PRODUCTS) onChange([...value, p]);
  };
  const listed = goods.data?.items.map(cardOf) ?? [];
  // Goods picked before that are no longer on sale stay listed, so they can be taken off.
  const extra = value.filter((p) => p.storeId === store.id && !listed.some((x) => x.id === p.id));

  return (
    <div className="picker">
      <div className="picker-head">
        {stores.data.length > 1 ? (
          <select value={store.id} onChange={(e) => setChosen(e.target.value)} aria-label={t('merchant.switchStore')}>
            {stores.data.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        ) : (
          <span className="muted">{t('studio.fromStore', { name: store.name })}</span>
        )}
        <span className="muted small" data-testid="picker-count">
          {t('studio.picked', { n: value.length, max: MAX_PRODUCTS })}
        </span>
      </div>
      {goods.error ? (
        <ErrorBox error={goods.error} onRetry={goods.reload} />
      ) : goods.loading && !goods.data ? (
        <span className="spinner" />
      ) : listed.length + extra.length === 0 ? (
        <p className="studio-note">
          {t('studio.noGoods')} <Link to={`/merchant/products/new?store=${store.id}`}>{t('merchant.newProduct')} ›</Link>
        </p>
      ) : (
        <div className="picker-grid">
          {[...extra, ...listed].map((p) => {
            const at = pickedAt(p.id);
            const full = at < 0 && value.length >= MAX_PRODUCTS;
            return (
              <label key={p.id} className={`pick ${at >= 0 ? 'on' : ''} ${full ? 'full' : ''}`} data-testid={`pick-${p.id}`}>
                <input type="checkbox" checked={at >= 0} disabled={full} onChange={() => toggle(p)} />
                {p.imageUrl ? <img src={p.imageUrl} alt="" /> : <span className="pick-noimg">{Array.from(p.title)[0] ?? ''}</span>}
                <span className="pick-body">
                  <span className="pick-title">{p.title}</span>
                  <span className="pick-meta">
                    <Price fen={p.minPriceFen} size="sm" />
                    <span className="muted small">{p.available ? t('product.stock', { n: p.totalStock }) : t('video.unavailable')}</span>
                  </span>
                </span>
                {at >= 0 && <span className="pick-order">{at + 1}</span>}
              </label>
            );
          })}
        </div>
      )}
      <span className="field-hint">{t('studio.productsHint')}</span>
    </div>
  );
}
