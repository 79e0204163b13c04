// The store's videos (the 视频 tab): published videos carrying its goods, newest first, as a grid
// of posters with their likes; each opens the video. More pages load on request.
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { compactCount } from '../components/StoreBits';
import type { Loaded } from '../components/useLoad';
import { useI18n } from '../i18n';
import { HeartIcon } from '../live/LiveIcons';
import type { Video } from '../types';
import type { StoreVideoPage } from '../typesStore';
import { storeApi } from './storeApi';

export const VIDEO_PAGE = 18;

export function VideosTab({ storeId, first }: { storeId: string; first: Loaded<StoreVideoPage> }) {
  const { t } = useI18n();
  const [more, setMore] = useState<Video[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (first.loading && !first.data) return <Loading />;
  if (first.error || !first.data) return <ErrorBox error={first.error} onRetry={first.reload} />;
  const seen = new Set(first.data.items.map((v) => v.id));
  // A later page may repeat a video when a new one was published in between: show it once.
  const items = [...first.data.items, ...more.filter((v) => !seen.has(v.id))];
  if (items.length === 0) return <Empty text={t('storePage.noVideos')} />;

  async function loadMore() {
    setBusy(true);
    setError(null);
    try {
      const page = await storeApi.videos(storeId, { limit: VIDEO_PAGE, offset: first.data!.items.length + more.length });
      setMore((m) => [...m, ...page.items]);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="store-videos" data-testid="store-videos">
        {items.map((v) => (
          <VideoTile key={v.id} video={v} />
        ))}
      </div>
      {error && <p className="form-error center">{error}</p>}
      {items.length < first.data.total && (
        <div className="center store-more">
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => void loadMore()} disabled={busy} data-testid="store-videos-more">
            {t('storePage.moreVideos')}
          </button>
        </div>
      )}
    </>
  );
}

function VideoTile({ video: v }: { video: Video }) {
  const { lang } = useI18n();
  return (
    <Link to={`/videos/${v.id}`} className="store-video" data-testid="store-video" data-video-id={v.id}>
      {v.posterUrl ? <img src={v.posterUrl} alt="" loading="lazy" /> : <span className="store-video-blank" />}
      <span className="store-video-title">{v.title}</span>
      <span className="store-video-likes" data-testid="store-video-likes">
        <HeartIcon filled={v.liked} /> {compactCount(v.likeCount, lang)}
      </span>
    </Link>
  );
}
