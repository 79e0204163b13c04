import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { StoreBadges } from '../components/StoreBits';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { formatRange } from '../money';
import type { Product } from '../types';
import { useMerchant } from './context';
import { OpenStoreForm } from './OpenStoreForm';

export function MerchantHome() {
  const { t } = useI18n();
  const { stores, current, selectStore, reloadStores } = useMerchant();
  const [opening, setOpening] = useState(false);

  if (!current || opening) {
    return (
      <OpenStoreForm
        onOpened={(s) => {
          selectStore(s.id);
          setOpening(false);
          reloadStores();
        }}
        onCancel={stores.length > 0 ? () => setOpening(false) : undefined}
      />
    );
  }
  return (
    <>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">
            {current.name} <StoreBadges store={current} />
          </h1>
          <p className="muted">
            {t('merchant.storeSummary', { products: current.productCount, followers: current.followerCount })}
            {current.status !== 'active' && <span className="badge badge-status">{current.status}</span>}
          </p>
        </div>
        <div className="row-gap">
          <button type="button" className="btn btn-ghost" onClick={() => setOpening(true)}>
            {t('merchant.openAnother')}
          </button>
          <Link to={`/merchant/products/new?store=${current.id}`} className="btn btn-primary" data-testid="new-product">
            + {t('merchant.newProduct')}
          </Link>
        </div>
      </div>
      <ProductTable storeId={current.id} />
    </>
  );
}

function ProductTable({ storeId }: { storeId: string }) {
  const { t } = useI18n();
  const list = useLoad(() => api.myProducts(storeId, { status: 'all', limit: 50 }), [storeId]);
  const [actionError, setActionError] = useState<string | null>(null);

  async function archive(p: Product) {
    if (!window.confirm(t('merchant.archiveConfirm', { title: p.title }))) return;
    setActionError(null);
    try {
      await api.archiveProduct(p.id);
      list.reload();
    } catch (err) {
      setActionError(errorMessage(err));
    }
  }

  if (list.loading && !list.data) return <Loading />;
  if (list.error || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (list.data.items.length === 0) return <Empty text={t('merchant.noProducts')} />;
  return (
    <div className="mc-card mc-table-wrap">
      {actionError && <p className="form-error">{actionError}</p>}
      <div className="muted small mc-table-meta">{t('merchant.productTotal', { n: list.data.total })}</div>
      <table className="mc-table" data-testid="merchant-products">
        <thead>
          <tr>
            <th className="col-img">{t('merchant.col.image')}</th>
            <th>{t('merchant.col.title')}</th>
            <th>{t('merchant.col.status')}</th>
            <th>{t('merchant.col.price')}</th>
            <th className="num">{t('merchant.col.stock')}</th>
            <th>{t('merchant.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data.items.map((p) => (
            <tr key={p.id} data-testid="merchant-product-row">
              <td className="col-img">{p.images[0] ? <img src={p.images[0].thumbUrl} alt="" /> : <span className="thumb-empty" />}</td>
              <td>
                <Link to={`/merchant/products/${p.id}`} className="mc-link">
                  {p.title}
                </Link>
                <div className="muted small">{t('merchant.skuCount', { n: p.skus.length })}</div>
              </td>
              <td>
                <span className={`status status-${p.status}`}>{t(`status.${p.status}`)}</span>
              </td>
              <td>{formatRange(p.minPriceFen, p.maxPriceFen)}</td>
              <td className={`num ${p.totalStock <= 0 ? 'danger' : ''}`}>{p.totalStock}</td>
              <td className="actions">
                <Link to={`/merchant/products/${p.id}`}>{t('common.edit')}</Link>
                {p.status !== 'archived' && (
                  <button type="button" className="link-btn" onClick={() => void archive(p)} data-testid={`archive-${p.id}`}>
                    {t('merchant.archive')}
                  </button>
                )}
                <Link to={`/products/${p.id}`}>{t('common.view')}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
