// The store's videos (the 视频 tab): published videos carrying its goods, newest first, as a grid
// of posters with their likes; each opens the video. More pages load on request. The creator
// page's 作品 tab shows its videos with the same tiles.
import { Link } from 'react-router';
import { PagedGrid } from '../components/PagedGrid';
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
  return (
    <PagedGrid first={first} fetchMore={(offset) => storeApi.videos(storeId, { limit: VIDEO_PAGE, offset })} empty={t('storePage.noVideos')} moreLabel={t('storePage.moreVideos')} moreTestId="store-videos-more">
      {(items) => <VideoTiles videos={items} testId="store" />}
    </PagedGrid>
  );
}

/** Poster tiles of videos; `testId` names the grid (`<testId>-videos`) and each tile (`<testId>-video`). */
export function VideoTiles({ videos, testId }: { videos: Video[]; testId: string }) {
  const { lang } = useI18n();
  return (
    <div className="store-videos" data-testid={`${testId}-videos`}>
      {videos.map((v) => (
        <Link key={v.id} to={`/videos/${v.id}`} className="store-video" data-testid={`${testId}-video`} data-video-id={v.id}>
          {v.posterUrl ? <img src={v.posterUrl} alt="" loading="lazy" /> : <span className="store-video-blank" />}
          <span className="store-video-title">{v.title}</span>
          <span className="store-video-likes" data-testid={`${testId}-video-likes`}>
            <HeartIcon filled={v.liked} /> {compactCount(v.likeCount, lang)}
          </span>
        </Link>
      ))}
    </div>
  );
}
