// One screen of the feed: a video (played while it is the visible one) or a live room on now (its
// cover and a way in), with the author and follow, title, the goods it carries as a 购物车 pill,
// and the action column (like, comments, share, 不感兴趣, 为什么推荐).
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { compactCount } from '../components/StoreBits';
import { useI18n } from '../i18n';
import type { FeedEntry } from '../types';
import { HlsVideo } from '../video/HlsVideo';
import { videoApi } from '../video/videoApi';
import { CommentIcon, HeartIcon, SpeakerOffIcon } from './FeedIcons';
import { ActionRail, Caption } from './FeedOverlay';
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
  /** The viewer follows the author (the server's word, or what they just tapped). */
  following: boolean;
  /** The video's comment count as the page knows it (it grows when the viewer comments). */
  commentCount: number;
  onUnmute: () => void;
  onFollow: (entry: FeedEntry) => void;
  onComments: (entry: FeedEntry) => void;
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
  useViewEvents({ itemType: 'video', itemId: video.id, durationMs: video.durationMs, source: 'feed', position, active, videoRef: ref });

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

      <ActionRail {...props} name={video.author.name} authorId={video.author.id} itemType="video" shareUrl={`/videos/${video.id}`} shareTitle={video.title}>
        <button type="button" className={`fd-act ${like.liked ? 'on' : ''}`} onClick={() => void toggleLike()} aria-pressed={like.liked} aria-label={t('feed.like')} data-testid="feed-like">
          <HeartIcon filled={like.liked} />
          <span data-testid="feed-like-count">{compactCount(like.likeCount, lang)}</span>
        </button>
        <button type="button" className="fd-act" onClick={() => props.onComments(entry)} aria-label={t('feed.comment')} data-testid="feed-comment">
          <CommentIcon />
          <span data-testid="feed-comment-count">{props.commentCount > 0 ? compactCount(props.commentCount, lang) : t('feed.comment')}</span>
        </button>
      </ActionRail>

      <Caption {...props} name={video.author.name} authorId={video.author.id} title={video.title} tags={video.topic ? [`#${video.topic}`, ...video.tags.map((x) => `#${x}`)] : video.tags.map((x) => `#${x}`)} itemType="video" />
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
  useViewEvents({ itemType: 'live', itemId: room.id, durationMs: null, source: 'feed', position, active });
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
