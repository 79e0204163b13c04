// 作品: the creator's public videos, newest first, as a grid of posters with their likes (the store
// page's look, store.css); each opens the video. More pages load on request.
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { compactCount } from '../components/StoreBits';
import type { Loaded } from '../components/useLoad';
import { useI18n } from '../i18n';
import { HeartIcon } from '../live/LiveIcons';
import type { Video, VideoPage } from '../types';
import { creatorApi } from './creatorApi';

export const CREATOR_VIDEO_PAGE = 18;

export function CreatorVideos({ creatorId, first }: { creatorId: string; first: Loaded<VideoPage> }) {
  const { t } = useI18n();
  const [more, setMore] = useState<Video[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (first.loading && !first.data) return <Loading />;
  if (first.error || !first.data) return <ErrorBox error={first.error} onRetry={first.reload} />;
  const seen = new Set(first.data.items.map((v) => v.id));
  const items = [...first.data.items, ...more.filter((v) => !seen.has(v.id))];
  if (items.length === 0) return <Empty text={t('creatorPage.noVideos')} />;

  async function loadMore() {
    setBusy(true);
    setError(null);
    try {
      const page = await creatorApi.videos(creatorId, { limit: CREATOR_VIDEO_PAGE, offset: first.data!.items.length + more.length });
      setMore((m) => [...m, ...page.items]);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="store-videos" data-testid="creator-videos">
        {items.map((v) => (
          <Tile key={v.id} video={v} />
        ))}
      </div>
      {error && <p className="form-error center">{error}</p>}
      {items.length < first.data.total && (
        <div className="center store-more">
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => void loadMore()} disabled={busy} data-testid="creator-videos-more">
            {t('creatorPage.more')}
          </button>
        </div>
      )}
    </>
  );
}

function Tile({ video: v }: { video: Video }) {
  const { lang } = useI18n();
  return (
    <Link to={`/videos/${v.id}`} className="store-video" data-testid="creator-video" data-video-id={v.id}>
      {v.posterUrl ? <img src={v.posterUrl} alt="" loading="lazy" /> : <span className="store-video-blank" />}
      <span className="store-video-title">{v.title}</span>
      <span className="store-video-likes">
        <HeartIcon filled={v.liked} /> {compactCount(v.likeCount, lang)}
      </span>
    </Link>
  );
}
