import { useParams, useSearchParams } from 'react-router';
import { Empty } from '../components/States';
import { useI18n } from '../i18n';
import { useMerchant } from './context';
import { ProductCreate } from './ProductCreate';
import { ProductEdit } from './ProductEdit';

export function ProductEditorPage() {
  const { productId } = useParams();
  const [search] = useSearchParams();
  const { t } = useI18n();
  const { stores, current } = useMerchant();
  if (productId) return <ProductEdit key={productId} productId={productId} />;
  const wanted = search.get('store');
  const store = stores.find((s) => s.id === wanted) ?? current;
  if (!store) return <Empty text={t('merchant.needStore')} />;
  return <ProductCreate key={store.id} store={store} />;
}
