// The overlays of a feed slide: the action column on the right (avatar, the item's own buttons,
// share, 不感兴趣, 为什么推荐) and the caption at the bottom (the goods pill, @author with 关注 —
// a second tap unfollows —, title, tags, the reason). A video's avatar and @author open the
// creator's page.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Price } from '../components/Price';
import { useI18n } from '../i18n';
import type { FeedEntry, ProductCard } from '../types';
import { CartIcon, NotInterestedIcon, ShareIcon, WhyIcon } from './FeedIcons';
import type { SlideProps } from './FeedSlide';
import { reasonText } from './reason';
import { shareLink } from './share';
import { track } from './track';

/** The right-hand column: avatar, the item's own buttons, share, 不感兴趣, 为什么推荐. */
export function ActionRail({ entry, position, name, authorId, itemType, shareUrl, shareTitle, onDismiss, onWhy, onToast, children }: SlideProps & { name: string; authorId?: string; itemType: 'video' | 'live'; shareUrl: string; shareTitle: string; children?: ReactNode }) {
  const { t } = useI18n();

  async function share() {
    track({ type: 'share', itemType, itemId: entry.id, source: 'feed', position });
    if ((await shareLink(shareUrl, shareTitle, t('feed.share'))) === 'copied') onToast(t('feed.shared'));
  }

  return (
    <aside className="fd-rail">
      {authorId ? (
        <Link to={`/creators/${authorId}`} className="fd-avatar" aria-label={`@${name}`} data-testid="feed-avatar">
          {Array.from(name)[0] ?? '?'}
        </Link>
      ) : (
        <span className="fd-avatar" aria-hidden="true">
          {Array.from(name)[0] ?? '?'}
        </span>
      )}
      {children}
      <button type="button" className="fd-act" onClick={() => void share()} aria-label={t('feed.share')} data-testid="feed-share">
        <ShareIcon />
        <span>{t('feed.share')}</span>
      </button>
      <button type="button" className="fd-act" onClick={() => onDismiss(entry)} aria-label={t('feed.notInterested')} data-testid="feed-not-interested">
        <NotInterestedIcon />
        <span>{t('feed.notInterested')}</span>
      </button>
      <button type="button" className="fd-act" onClick={() => onWhy(entry)} aria-label={t('feed.why')} data-testid="feed-why">
        <WhyIcon />
        <span>{t('feed.why')}</span>
      </button>
    </aside>
  );
}

/** The bottom-left overlay: the goods pill, @author with 关注, the title, tags and the reason. */
export function Caption({ entry, position, following, onFollow, onWhy, name, authorId, title, tags, itemType }: SlideProps & { name: string; authorId?: string; title: string; tags: string[]; itemType: 'video' | 'live' }) {
  const { t, lang } = useI18n();
  return (
    <div className="fd-bottom">
      {entry.product && <GoodsPill product={entry.product} entry={entry} position={position} itemType={itemType} />}
      <div className="fd-author">
        {authorId ? (
          <Link to={`/creators/${authorId}`} className="fd-author-name" data-testid="feed-author">
            @{name}
          </Link>
        ) : (
          <span className="fd-author-name" data-testid="feed-author">
            @{name}
          </span>
        )}
        <button type="button" className={`fd-follow ${following ? 'on' : ''}`} onClick={() => onFollow(entry)} aria-pressed={following} data-testid="feed-follow">
          {following ? t('feed.followed') : `+ ${t('feed.follow')}`}
        </button>
      </div>
      <h2 className="fd-title" data-testid="feed-title">
        {title}
      </h2>
      {tags.length > 0 && <div className="fd-tags">{tags.join(' ')}</div>}
      <button type="button" className="fd-reason" onClick={() => onWhy(entry)} data-testid="feed-reason">
        {reasonText(entry.reason, t, lang)}
      </button>
    </div>
  );
}

/** The 购物车 pill: image, title, price; a tap counts and opens the product. */
function GoodsPill({ product, entry, position, itemType }: { product: ProductCard; entry: FeedEntry; position: number; itemType: 'video' | 'live' }) {
  const { t } = useI18n();
  const onSale = product.available && product.totalStock > 0;
  const to = `/products/${product.id}?${itemType === 'live' ? 'live' : 'video'}=${encodeURIComponent(entry.id)}`;
  function tap() {
    track({ type: 'product_tap', itemType, itemId: entry.id, source: 'feed', position });
    track({ type: 'product_tap', itemType: 'product', itemId: product.id, source: itemType === 'live' ? 'live' : 'feed' });
  }
  return (
    <Link to={to} className="fd-goods" onClick={tap} data-testid="feed-product">
      <span className="fd-goods-tag">
        <CartIcon />
      </span>
      {product.imageUrl ? <img src={product.imageUrl} alt="" className="fd-goods-img" /> : <span className="fd-goods-img fd-goods-noimg">{Array.from(product.title)[0] ?? ''}</span>}
      <span className="fd-goods-body">
        <span className="fd-goods-title" data-testid="feed-product-title">
          {product.title}
        </span>
        <span className="fd-goods-meta">{onSale ? <Price fen={product.minPriceFen} size="sm" /> : <span className="fd-goods-off">{product.available ? t('feed.soldOut') : t('feed.unavailable')}</span>}</span>
      </span>
      <span className="fd-goods-go">{t('feed.viewProduct')}</span>
    </Link>
  );
}
