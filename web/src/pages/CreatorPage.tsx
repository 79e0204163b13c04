// A creator's page (达人主页, /creators/:creatorId) for shoppers: the header (avatar, name,
// followers, 关注) and two tabs kept in the address (?tab=showcase) — 作品 (their public videos)
// and 橱窗 (the goods they carry; buying from there credits them, see creator/showcaseParam.ts).
import { useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../api';
import { useAuth } from '../auth';
import { TopBar } from '../components/ShopLayout';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { CreatorHeader } from '../creator/CreatorHeader';
import { CreatorTabs, CREATOR_TABS, type CreatorTab } from '../creator/CreatorTabs';
import { CREATOR_VIDEO_PAGE, CreatorVideos } from '../creator/CreatorVideos';
import { creatorApi } from '../creator/creatorApi';
import { SHOWCASE_PAGE, ShowcaseTab } from '../creator/ShowcaseTab';
import '../styles/store.css';
import '../styles/creator.css';

export function CreatorPage() {
  const { creatorId = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: CreatorTab = CREATOR_TABS.find((v) => v === asked) ?? 'videos';
  const [busy, setBusy] = useState(false);
  const [followError, setFollowError] = useState<string | null>(null);
  const creator = useLoad(() => creatorApi.profile(creatorId), [creatorId, user?.id]);
  // Both tabs load with the page: the tabs and the header show their counts.
  const videos = useLoad(() => creatorApi.videos(creatorId, { limit: CREATOR_VIDEO_PAGE }), [creatorId, user?.id]);
  const showcase = useLoad(() => creatorApi.showcase(creatorId, { limit: SHOWCASE_PAGE }), [creatorId]);

  function openTab(next: CreatorTab) {
    const p = new URLSearchParams(params);
    if (next === 'videos') p.delete('tab');
    else p.set('tab', next);
    setParams(p, { replace: true });
  }

  async function toggleFollow() {
    const c = creator.data;
    if (!c) return;
    if (!user) {
      navigate('/login', { state: { from: location.pathname + location.search } });
      return;
    }
    setBusy(true);
    setFollowError(null);
    try {
      const r = await creatorApi.follow(c.id, !c.following);
      creator.setData({ ...c, followerCount: r.followerCount, following: r.following });
    } catch (err) {
      setFollowError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (creator.loading && !creator.data) return <><TopBar /><Loading /></>;
  if (creator.error || !creator.data) return <><TopBar /><ErrorBox error={creator.error} onRetry={creator.reload} /></>;
  const c = creator.data;
  const videoCount = videos.data?.total ?? null;

  return (
    <div className="store-page creator-page">
      <TopBar title={c.name} />
      <CreatorHeader creator={c} videoCount={videoCount} self={user?.id === c.id} busy={busy} followError={followError} onToggleFollow={() => void toggleFollow()} />
      <CreatorTabs tab={tab} onTab={openTab} counts={{ videos: videoCount, showcase: showcase.data?.total ?? null }} />
      <div role="tabpanel" id={`creator-panel-${tab}`} aria-labelledby={`creator-tab-${tab}`} className="store-panel">
        {tab === 'videos' && <CreatorVideos key={`${c.id}:${user?.id ?? ''}`} creatorId={c.id} first={videos} />}
        {tab === 'showcase' && <ShowcaseTab key={c.id} creatorId={c.id} first={showcase} />}
      </div>
    </div>
  );
}
