import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api';
import { CouponStrip } from '../components/CouponStrip';
import { ListPrice, Price } from '../components/Price';
import { TopBar } from '../components/ShopLayout';
import { ErrorBox, Loading } from '../components/States';
import { StoreBadges, StoreLogo, compactCount } from '../components/StoreBits';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { OptionValues, Product, Source } from '../types';
import { Gallery } from './Gallery';
import { ProductActions } from './ProductActions';
import { initialSelection, SkuPicker, skuFor } from './SkuPicker';
import { VideoStrip } from '../video/VideoStrip';
import { RelatedGoods } from '../feed/Goods';
import { feedVideoParam } from '../feed/reason';
import { showcaseCreatorParam } from '../creator/showcaseParam';
import { FromLiveStrip } from '../live/FromLiveStrip';
import { liveRoomParam, liveSource } from '../live/liveBuy';
import { ReviewSection } from '../reviews/ReviewSection';
import { ReportLink } from '../governance/ReportSheet';
import { CampaignBadge, useCampaignBadges } from '../campaigns/Badges';

export function ProductPage() {
  const { productId = '' } = useParams();
  const { t } = useI18n();
  const product = useLoad(() => api.product(productId), [productId]);

  return (
    <div className="shop product-page">
      <TopBar title={product.data ? t('product.detail') : ''} />
      {product.loading && !product.data ? (
        <Loading />
      ) : product.error || !product.data ? (
        <ErrorBox error={product.error} onRetry={product.reload} />
      ) : (
        <ProductView key={product.data.id} product={product.data} />
      )}
    </div>
  );
}

function ProductView({ product }: { product: Product }) {
  const { t, lang } = useI18n();
  const [selection, setSelection] = useState<OptionValues>(() => initialSelection(product));
  const [qty, setQty] = useState(1);
  // Opened from a live room (?live=<roomId>): what is bought here is credited to the room.
  const [search] = useSearchParams();
  const liveRoom = liveRoomParam(search);
  // Opened from a video in the 推荐 feed (?video=<videoId>): credited to the video.
  const fromVideo = liveRoom ? null : feedVideoParam(search);
  // Opened from search results, a store page or the mall (?from=…): credited to that place.
  const from = search.get('from');
  // Opened from a creator's showcase (?from=showcase&creator=<id>): credited to the creator.
  const showcaseCreator = showcaseCreatorParam(search);
  // Opened from a campaign page (?from=campaign&campaign=<id>): credited to the campaign.
  const campaignId = from === 'campaign' ? search.get('campaign') : null;
  const placeSource: Source | undefined =
    from === 'search' || from === 'store_page' || from === 'mall' ? { type: from } : showcaseCreator ? { type: 'showcase', id: showcaseCreator } : campaignId ? { type: 'campaign', id: campaignId } : undefined;
  const badge = useCampaignBadges([product.id]).get(product.id);
  const sku = skuFor(product, selection);
  const soldOut = sku ? sku.stock <= 0 : product.totalStock <= 0;
  const maxQty = Math.max(1, sku?.stock ?? 1);
  const missing = product.options.filter((o) => !selection[o.name]).map((o) => o.name);

  useEffect(() => {
    if (qty > maxQty) setQty(maxQty);
  }, [qty, maxQty]);

  return (
    <>
      {liveRoom && <FromLiveStrip roomId={liveRoom} />}
      <Gallery images={product.images} title={product.title} />

      <section className="price-band">
        {sku ? (
          <div className="price-line">
            <Price fen={sku.priceFen} size="lg" testId="selected-sku-price" />
            {sku.listPriceFen !== null && sku.listPriceFen > sku.priceFen && <ListPrice fen={sku.listPriceFen} />}
          </div>
        ) : (
          <div className="price-line">
            <Price fen={product.minPriceFen} maxFen={product.maxPriceFen} size="lg" testId="price-range" />
          </div>
        )}
        {product.status !== 'active' && <span className="badge badge-status">{t(`status.${product.status}`)}</span>}
      </section>

      <section className="card pad product-head">
        <h1 className="product-title" data-testid="product-title-heading">
          {product.title}
        </h1>
        <div className="product-tags">
          {badge && (
            <Link to={`/campaigns/${badge.campaignId}`} className="campaign-badge-link">
              <CampaignBadge badge={badge} />
            </Link>
          )}
          {product.noReasonReturn && <span className="tag tag-return">{t('product.noReasonReturn')}</span>}
          {product.store?.flagship && <span className="tag tag-flagship">{t('product.flagshipGuarantee')}</span>}
          {product.store?.rural && <span className="tag tag-rural">{t('product.ruralGoods')}</span>}
        </div>
      </section>

      <CouponStrip storeId={product.storeId} />

      <section className="card pad">
        <SkuPicker product={product} selection={selection} onChange={setSelection} />
        <div className="sku-status">
          {sku ? (
            <span className={soldOut ? 'stock stock-out' : 'stock'} data-testid="selected-sku-stock">
              {soldOut ? t('product.soldOut') : t('product.stock', { n: sku.stock })}
            </span>
          ) : missing.length > 0 ? (
            <span className="muted">{t('product.pick', { names: missing.join(lang === 'zh' ? '、' : ', ') })}</span>
          ) : (
            <span className="stock stock-out">{t('product.comboUnavailable')}</span>
          )}
        </div>
        <div className="qty-row">
          <span>{t('product.quantity')}</span>
          <div className="stepper" data-testid="qty-stepper">
            <button type="button" onClick={() => setQty((q) => Math.max(1, q - 1))} disabled={qty <= 1 || soldOut} aria-label="-">
              −
            </button>
            <span className="stepper-value" data-testid="qty">{qty}</span>
            <button type="button" onClick={() => setQty((q) => Math.min(maxQty, q + 1))} disabled={qty >= maxQty || soldOut || !sku} aria-label="+">
              +
            </button>
          </div>
        </div>
      </section>

      {product.attributes.length > 0 && (
        <section className="card pad">
          <h2 className="card-title">{t('product.attributes')}</h2>
          <table className="attr-table">
            <tbody>
              {product.attributes.map((a, i) => (
                <tr key={`${a.name}-${i}`}>
                  <th>{a.name}</th>
                  <td>{a.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <ReviewSection productId={product.id} />

      <VideoStrip productId={product.id} />

      {product.store && (
        <section className="card pad store-card">
          <StoreLogo store={product.store} size={48} />
          <div className="store-card-info">
            <div className="store-card-name">
              {product.store.name} <StoreBadges store={product.store} />
            </div>
            <div className="muted small">
              {t('store.followers', { n: compactCount(product.store.followerCount, lang) })} · {t('store.productCount', { n: product.store.productCount })}
            </div>
          </div>
          <Link to={`/stores/${product.store.id}`} className="btn btn-outline btn-sm" data-testid="visit-store">
            {t('product.visitStore')}
          </Link>
        </section>
      )}

      <section className="card pad">
        <h2 className="card-title">{t('product.description')}</h2>
        {product.description ? <p className="product-desc">{product.description}</p> : <p className="muted">{t('product.noDescription')}</p>}
        <div className="row-gap row-end">
          <ReportLink productId={product.id} />
        </div>
      </section>

      <RelatedGoods productId={product.id} />

      <div className="action-bar-spacer" />
      <ProductActions product={product} sku={sku} qty={qty} source={liveRoom ? liveSource(liveRoom) : fromVideo ? { type: 'feed_video', id: fromVideo } : placeSource} />
    </>
  );
}
