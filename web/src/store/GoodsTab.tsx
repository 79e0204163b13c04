// The store's goods on sale, newest or by price (the 商品 tab).
import { useState } from 'react';
import { api } from '../api';
import { ProductGrid } from '../components/ProductCard';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { ProductSort } from '../types';

const SORTS: ProductSort[] = ['newest', 'price_asc', 'price_desc'];

export function GoodsTab({ storeId }: { storeId: string }) {
  const { t } = useI18n();
  const [sort, setSort] = useState<ProductSort>('newest');
  const products = useLoad(() => api.storeProducts(storeId, { limit: 40, sort }), [storeId, sort]);
  return (
    <>
      <div className="sort-bar" role="group" aria-label={t('store.sort')}>
        {SORTS.map((v) => (
          <button key={v} type="button" aria-pressed={sort === v} className={`sort-tab ${sort === v ? 'on' : ''}`} onClick={() => setSort(v)} data-testid={`sort-${v}`}>
            {t(`sort.${v}`)}
          </button>
        ))}
      </div>
      <section className="section section-plain">
        {products.loading && !products.data ? (
          <Loading />
        ) : products.error ? (
          <ErrorBox error={products.error} onRetry={products.reload} />
        ) : products.data && products.data.items.length > 0 ? (
          <ProductGrid products={products.data.items} from="store_page" />
        ) : (
          <Empty text={t('store.noProducts')} />
        )}
      </section>
    </>
  );
}
