// One screen of the feed: a video (played while it is the visible one) or a live room on now (its
// cover and a way in), with the author and follow, title, the goods it carries as a 购物车 pill,
// and the action column (like, comments, share, 不感兴趣, 为什么推荐).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { Price } from '../components/Price';
import { compactCount } from '../components/StoreBits';
import { useI18n } from '../i18n';
import type { FeedEntry, ProductCard } from '../types';
import { HlsVideo } from '../video/HlsVideo';
import { videoApi } from '../video/videoApi';
import { CartIcon, CommentIcon, HeartIcon, NotInterestedIcon, ShareIcon, SpeakerOffIcon, WhyIcon } from './FeedIcons';
import { reasonText } from './reason';
import { track } from './track';
import { useViewEvents } from './useViewEvents';

export interface SlideProps {
  entry: FeedEntry;
  position: number;
  /** The visible item (plays, counts). */
  active: boolean;
  /** Next to the visible one: its player is made (and loads) ahead. */
  near: boolean;
  muted: boolean;
  following: boolean;
  onUnmute: () => void;
  onFollow: (entry: FeedEntry) => void;
  onDismiss: (entry: FeedEntry) => void;
  onWhy: (entry: FeedEntry) => void;
  onToast: (text: string) => void;
}

export function FeedSlide(props: SlideProps) {
  return props.entry.kind === 'video' ? <VideoSlide {...props} entry={props.entry} /> : <LiveSlide {...props} entry={props.entry} />;
}

type VideoEntry = Extract<FeedEntry, { kind: 'video' }>;
type LiveEntry = Extract<FeedEntry, { kind: 'live' }>;

function VideoSlide(props: SlideProps & { entry: VideoEntry }) {
  const { entry, position, active, near, muted, onUnmute } = props;
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const video = entry.video;
  const ref = useRef<HTMLVideoElement>(null);
  const userPaused = useRef(false);
  const [paused, setPaused] = useState(false);
  const [blocked, setBlocked] = useState(false);
  const [failed, setFailed] = useState(false);
  const [progress, setProgress] = useState(0);
  const [like, setLike] = useState({ liked: video.liked, likeCount: video.likeCount });
  const [liking, setLiking] = useState(false);
  useViewEvents({ itemType: 'video', itemId: video.id, durationMs: video.durationMs, position, active, videoRef: ref });

  // The visible video plays (from the start); the others wait, paused at their first picture.
  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    if (!active) {
      v.pause();
      if (v.currentTime > 0) v.currentTime = 0;
      userPaused.current = false;
      setPaused(false);
      return;
    }
    let cancelled = false;
    const go = () => {
      if (cancelled || userPaused.current) return;
      v.play().then(
        () => setBlocked(false),
        (e: unknown) => {
          if (!cancelled && e instanceof DOMException && e.name === 'NotAllowedError') setBlocked(true);
        },
      );
    };
    go();
    v.addEventListener('loadeddata', go);
    return () => {
      cancelled = true;
      v.removeEventListener('loadeddata', go);
    };
  }, [active, near]);

  useEffect(() => {
    if (ref.current) ref.current.muted = muted;
  }, [muted, near]);

  function togglePlay() {
    const v = ref.current;
    if (!v) return;
    if (v.paused) {
      userPaused.current = false;
      void v.play().then(() => setBlocked(false), () => undefined);
    } else {
      userPaused.current = true;
      v.pause();
    }
  }

  async function toggleLike() {
    if (!user) {
      navigate('/login', { state: { from: location.pathname } });
      return;
    }
    if (liking) return;
    const before = like;
    const on = !like.liked;
    setLike({ liked: on, likeCount: Math.max(0, like.likeCount + (on ? 1 : -1)) });
    setLiking(true);
    try {
      setLike(await videoApi.like(video.id, on));
      if (on) track({ type: 'like', itemType: 'video', itemId: video.id, source: 'feed', position });
    } catch {
      setLike(before);
    } finally {
      setLiking(false);
    }
  }

  const portrait = (video.height ?? 16) >= (video.width ?? 9);
  return (
    <>
      {video.posterUrl && <img className={`fd-poster ${portrait ? 'fd-cover' : 'fd-contain'}`} src={video.posterUrl} alt="" loading={near ? 'eager' : 'lazy'} />}
      {near && video.hlsUrl && (
        <HlsVideo
          src={video.hlsUrl}
          videoRef={ref}
          poster={video.posterUrl ?? undefined}
          className={`fd-video ${portrait ? 'fd-cover' : 'fd-contain'}`}
          muted={muted}
          loop
          preload="auto"
          onPlay={() => setPaused(false)}
          onPause={() => setPaused(true)}
          onTimeUpdate={(e) => setProgress(e.currentTarget.duration ? e.currentTarget.currentTime / e.currentTarget.duration : 0)}
          onFatal={() => setFailed(true)}
          data-testid="feed-video"
          data-active={active ? 'true' : 'false'}
        />
      )}
      <button type="button" className="fd-tap" onClick={togglePlay} aria-label={paused ? t('feed.play') : t('feed.pause')} data-testid="feed-tap" />
      {active && (paused || blocked) && !failed && (
        <span className="fd-paused" aria-hidden="true">
          ▶
        </span>
      )}
      {failed && <div className="fd-state-over">{t('feed.cannotPlay')}</div>}
      {active && muted && (
        <button type="button" className="fd-unmute" onClick={onUnmute} data-testid="feed-unmute">
          <SpeakerOffIcon /> {t('feed.unmute')}
        </button>
      )}

      <ActionRail {...props} name={video.author.name} itemType="video" shareUrl={`/videos/${video.id}`} shareTitle={video.title}>
        <button type="button" className={`fd-act ${like.liked ? 'on' : ''}`} onClick={() => void toggleLike()} aria-pressed={like.liked} aria-label={t('feed.like')} data-testid="feed-like">
          <HeartIcon filled={like.liked} />
          <span data-testid="feed-like-count">{compactCount(like.likeCount, lang)}</span>
        </button>
        <Link to={`/videos/${video.id}`} className="fd-act" aria-label={t('feed.comment')} data-testid="feed-comment">
          <CommentIcon />
          <span>{t('feed.comment')}</span>
        </Link>
      </ActionRail>

      <Caption {...props} name={video.author.name} title={video.title} tags={video.topic ? [`#${video.topic}`, ...video.tags.map((x) => `#${x}`)] : video.tags.map((x) => `#${x}`)} itemType="video" />
      <div className="fd-progress" aria-hidden="true">
        <span style={{ width: `${Math.round(progress * 1000) / 10}%` }} />
      </div>
    </>
  );
}

function LiveSlide(props: SlideProps & { entry: LiveEntry }) {
  const { entry, position, active } = props;
  const { t, lang } = useI18n();
  const room = entry.room;
  useViewEvents({ itemType: 'live', itemId: room.id, durationMs: null, position, active });
  const cover = room.state.pinned?.imageUrl ?? room.state.bag.find((p) => p.imageUrl)?.imageUrl ?? entry.product?.imageUrl ?? null;
  const enter = () => track({ type: 'product_tap', itemType: 'live', itemId: room.id, source: 'feed', position });
  return (
    <>
      <div className="fd-live-bg" style={cover ? { backgroundImage: `url("${cover}")` } : undefined} aria-hidden="true" />
      <div className="fd-live-center">
        <span className="fd-live-ring">
          <span className="fd-live-avatar">{Array.from(room.host.name)[0] ?? '直'}</span>
        </span>
        <span className="fd-live-badge" data-testid="feed-live-badge">
          <span className="fd-live-dot" /> {t('feed.liveBadge')}
        </span>
        <span className="fd-live-viewers">{t('feed.liveWatching', { n: compactCount(room.viewers, lang) })}</span>
        <Link to={`/live/${room.id}`} className="fd-live-enter" onClick={enter} data-testid="feed-live-enter">
          {t('feed.enterLive')}
        </Link>
      </div>
      <ActionRail {...props} name={room.host.name} itemType="live" shareUrl={`/live/${room.id}`} shareTitle={room.title} />
      <Caption {...props} name={room.host.name} title={room.title} tags={[]} itemType="live" />
    </>
  );
}

/** The right-hand column: avatar, the item's own buttons, share, 不感兴趣, 为什么推荐. */
function ActionRail({ entry, position, name, itemType, shareUrl, shareTitle, onDismiss, onWhy, onToast, children }: SlideProps & { name: string; itemType: 'video' | 'live'; shareUrl: string; shareTitle: string; children?: ReactNode }) {
  const { t } = useI18n();

  async function share() {
    track({ type: 'share', itemType, itemId: entry.id, source: 'feed', position });
    const url = `${window.location.origin}${shareUrl}`;
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: shareTitle, url });
        return;
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') return;
      }
    }
    if (await copyText(url)) onToast(t('feed.shared'));
    else window.prompt(t('feed.share'), url);
  }

  return (
    <aside className="fd-rail">
      <span className="fd-avatar" aria-hidden="true">
        {Array.from(name)[0] ?? '?'}
      </span>
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
function Caption({ entry, position, following, onFollow, onWhy, name, title, tags, itemType }: SlideProps & { name: string; title: string; tags: string[]; itemType: 'video' | 'live' }) {
  const { t, lang } = useI18n();
  return (
    <div className="fd-bottom">
      {entry.product && <GoodsPill product={entry.product} entry={entry} position={position} itemType={itemType} />}
      <div className="fd-author">
        <span className="fd-author-name" data-testid="feed-author">
          @{name}
        </span>
        <button type="button" className={`fd-follow ${following ? 'on' : ''}`} onClick={() => onFollow(entry)} disabled={following} data-testid="feed-follow">
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

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // no clipboard API here (or no permission): the old way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

