// 作品: the creator's public videos, newest first, as the store page's poster tiles; each opens
// the video. More pages load on request.
import { PagedGrid } from '../components/PagedGrid';
import type { Loaded } from '../components/useLoad';
import { useI18n } from '../i18n';
import { VideoTiles } from '../store/VideosTab';
import type { VideoPage } from '../types';
import { creatorApi } from './creatorApi';

export const CREATOR_VIDEO_PAGE = 18;

export function CreatorVideos({ creatorId, first }: { creatorId: string; first: Loaded<VideoPage> }) {
  const { t } = useI18n();
  return (
    <PagedGrid first={first} fetchMore={(offset) => creatorApi.videos(creatorId, { limit: CREATOR_VIDEO_PAGE, offset })} empty={t('creatorPage.noVideos')} moreLabel={t('creatorPage.more')} moreTestId="creator-videos-more">
      {(items) => <VideoTiles videos={items} testId="creator" />}
    </PagedGrid>
  );
}
