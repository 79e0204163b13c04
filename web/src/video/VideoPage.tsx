// The shopper's player (/videos/:videoId): the video fills the phone screen, the author, title
// and tags sit over its bottom, like, comments and share on the right, and the goods it carries
// as a card. What the viewer does is reported as behaviour events like the feed's (source
// `video`), with the feed's own hook and sender.
import { useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../api';
import { useAuth } from '../auth';
import { compactCount } from '../components/StoreBits';
import { useLoad } from '../components/useLoad';
import { LangToggle, useI18n } from '../i18n';
import type { Video } from '../types';
import '../styles/video.css';
// The feed's icons and toast are used here too.
import '../styles/feed.css';
import { CommentSheet } from '../feed/CommentSheet';
import { CommentIcon, ShareIcon } from '../feed/FeedIcons';
import { shareLink } from '../feed/share';
import { track } from '../feed/track';
import { useViewEvents } from '../feed/useViewEvents';
import { HlsVideo } from './HlsVideo';
import { ProductAnchor } from './ProductAnchor';
import { videoApi } from './videoApi';

export function VideoPage() {
  const { videoId = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const video = useLoad(() => videoApi.get(videoId), [videoId]);
  return (
    <div className="vp" data-testid="video-page">
      <header className="vp-top">
        <button type="button" className="vp-back" aria-label={t('common.back')} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/'))}>
          ‹
        </button>
        <LangToggle />
      </header>
      {video.loading && !video.data ? (
        <div className="vp-state">
          <span className="spinner" />
        </div>
      ) : video.error || !video.data ? (
        <div className="vp-state" role="alert">
          <p>{errorMessage(video.error)}</p>
          <Link to="/" className="btn btn-ghost btn-sm">
            {t('nav.backToShop')}
          </Link>
        </div>
      ) : video.data.status !== 'ready' || !video.data.hlsUrl ? (
        <div className="vp-state">
          <p>{t('video.notReady')}</p>
          <Link to={`/studio/videos/${video.data.id}`} className="btn btn-ghost btn-sm">
            {t('studio.console')}
          </Link>
        </div>
      ) : (
        <Player key={video.data.id} video={video.data} hlsUrl={video.data.hlsUrl} />
      )}
    </div>
  );
}

function Player({ video, hlsUrl }: { video: Video; hlsUrl: string }) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const ref = useRef<HTMLVideoElement>(null);
  const [muted, setMuted] = useState(true);
  const [paused, setPaused] = useState(false);
  const [progress, setProgress] = useState(0);
  const [failed, setFailed] = useState<string | null>(null);
  const [like, setLike] = useState({ liked: video.liked, likeCount: video.likeCount });
  const [liking, setLiking] = useState(false);
  const [comments, setComments] = useState<number | null>(null);
  const [commentCount, setCommentCount] = useState(video.commentCount);
  const [toast, setToast] = useState<string | null>(null);
  useViewEvents({ itemType: 'video', itemId: video.id, durationMs: video.durationMs, source: 'video', active: true, videoRef: ref });
  const base = { itemType: 'video', itemId: video.id, source: 'video' } as const;

  async function share() {
    track({ type: 'share', ...base });
    if ((await shareLink(`/videos/${video.id}`, video.title, t('feed.share'))) === 'copied') setToast(t('feed.shared'));
  }

  const portrait = (video.height ?? 16) >= (video.width ?? 9);

  function togglePlay() {
    const v = ref.current;
    if (!v) return;
    if (v.paused) void v.play().catch(() => undefined);
    else v.pause();
  }

  function unmute() {
    const v = ref.current;
    if (!v) return;
    v.muted = false;
    setMuted(false);
    if (v.paused) void v.play().catch(() => undefined);
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
      if (on) track({ type: 'like', ...base });
    } catch {
      setLike(before);
    } finally {
      setLiking(false);
    }
  }

  return (
    <>
      <HlsVideo
        src={hlsUrl}
        videoRef={ref}
        poster={video.posterUrl ?? undefined}
        className={`vp-video ${portrait ? 'vp-cover' : 'vp-contain'}`}
        autoPlay
        muted={muted}
        loop
        preload="auto"
        onPlay={() => setPaused(false)}
        onPause={() => setPaused(true)}
        onTimeUpdate={(e) => setProgress(e.currentTarget.duration ? e.currentTarget.currentTime / e.currentTarget.duration : 0)}
        onFatal={(reason) => setFailed(reason)}
        onBlocked={() => setPaused(true)}
        data-testid="video-player"
      />
      <button type="button" className="vp-tap" onClick={togglePlay} aria-label={paused ? t('video.play') : t('video.pause')} data-testid="video-tap" />
      {paused && !failed && (
        <span className="vp-paused" aria-hidden="true">
          ▶
        </span>
      )}
      {failed && (
        <div className="vp-state vp-state-over" role="alert">
          {t('video.cannotPlay')}
        </div>
      )}
      {muted && (
        <button type="button" className="vp-unmute" onClick={unmute} data-testid="video-unmute">
          <SpeakerOff /> {t('video.unmute')}
        </button>
      )}

      <aside className="vp-rail">
        <span className="vp-avatar" aria-hidden="true">
          {Array.from(video.author.name)[0] ?? '?'}
        </span>
        <button type="button" className={`vp-rail-btn ${like.liked ? 'on' : ''}`} onClick={() => void toggleLike()} aria-pressed={like.liked} aria-label={t('video.like')} data-testid="video-like">
          <Heart filled={like.liked} />
          <span data-testid="video-like-count">{compactCount(like.likeCount, lang)}</span>
        </button>
        <button type="button" className="vp-rail-btn" onClick={() => setComments(commentCount)} aria-label={t('feed.comment')} data-testid="video-comments">
          <CommentIcon />
          <span data-testid="video-comment-count">{compactCount(commentCount, lang)}</span>
        </button>
        <button type="button" className="vp-rail-btn" onClick={() => void share()} aria-label={t('feed.share')} data-testid="video-share">
          <ShareIcon />
          <span>{t('feed.share')}</span>
        </button>
        <span className="vp-rail-btn vp-rail-static" title={t('video.views')}>
          <PlayCount />
          <span>{compactCount(video.viewCount, lang)}</span>
        </span>
      </aside>

      <div className="vp-bottom">
        <ProductAnchor videoId={video.id} products={video.products} onTap={(p) => {
          track({ type: 'product_tap', ...base });
          track({ type: 'product_tap', itemType: 'product', itemId: p.id, source: 'video' });
        }} />
        <div className="vp-author" data-testid="video-author">
          <Link to={`/creators/${video.author.id}`} data-testid="video-author-link">
            @{video.author.name}
          </Link>
        </div>
        <h1 className="vp-title" data-testid="video-title">
          {video.title}
        </h1>
        {video.description && <p className="vp-desc">{video.description}</p>}
        {(video.topic || video.tags.length > 0) && (
          <div className="vp-tags">
            {video.topic && <span className="vp-topic">{t('video.topic', { topic: video.topic })}</span>}
            {video.tags.map((tag) => (
              <span key={tag}>#{tag}</span>
            ))}
          </div>
        )}
      </div>
      <div className="vp-progress" aria-hidden="true">
        <span style={{ width: `${Math.round(progress * 1000) / 10}%` }} />
      </div>
      {toast && (
        <div className="fd-toast" role="status" onAnimationEnd={() => setToast(null)} data-testid="video-toast">
          {toast}
        </div>
      )}
      {comments !== null && <CommentSheet videoId={video.id} count={comments} source="video" onCount={setCommentCount} onClose={() => setComments(null)} />}
    </>
  );
}

const line = { width: '1em', height: '1em', viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

function Heart({ filled }: { filled: boolean }) {
  return (
    <svg {...line} fill={filled ? 'currentColor' : 'none'} aria-hidden="true" className="vp-icon">
      <path d="M12 20.5s-7.5-4.6-7.5-10.2A4.3 4.3 0 0 1 12 7.6a4.3 4.3 0 0 1 7.5 2.7c0 5.6-7.5 10.2-7.5 10.2z" />
    </svg>
  );
}

function PlayCount() {
  return (
    <svg {...line} aria-hidden="true" className="vp-icon">
      <path d="M8 5.5v13l10.5-6.5z" />
    </svg>
  );
}

function SpeakerOff() {
  return (
    <svg {...line} aria-hidden="true" className="icon">
      <path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4zM16 9.5l5 5M21 9.5l-5 5" />
    </svg>
  );
}
