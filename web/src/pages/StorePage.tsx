// A store's page (/stores/:storeId): the banner (follow, 你与本店, on-air link), its coupons, and
// three tabs — 商品 (goods with a sort bar), 视频 (videos carrying its goods), 直播 (its rooms).
// The tab is kept in the address (?tab=videos) so going back returns to it.
import { useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, errorMessage } from '../api';
import { useAuth } from '../auth';
import { CouponStrip } from '../components/CouponStrip';
import { TopBar } from '../components/ShopLayout';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { GoodsTab } from '../store/GoodsTab';
import { LiveTab } from '../store/LiveTab';
import { StoreBanner } from '../store/StoreBanner';
import { StoreTabs, STORE_TABS, type StoreTab } from '../store/StoreTabs';
import { storeApi } from '../store/storeApi';
import { VIDEO_PAGE, VideosTab } from '../store/VideosTab';
import '../styles/store.css';

export function StorePage() {
  const { storeId = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: StoreTab = STORE_TABS.find((v) => v === asked) ?? 'goods';
  const [busy, setBusy] = useState(false);
  const [followError, setFollowError] = useState<string | null>(null);
  const store = useLoad(() => api.store(storeId), [storeId, user?.id]);
  // Signed out there is no history to ask for; a failed history only hides 你与本店.
  const history = useLoad(() => (user ? storeApi.history(storeId).catch(() => null) : Promise.resolve(null)), [storeId, user?.id]);
  // Videos and rooms load with the page: the tabs show the videos' count and whether it is live.
  const videos = useLoad(() => storeApi.videos(storeId, { limit: VIDEO_PAGE }), [storeId, user?.id]);
  const rooms = useLoad(() => storeApi.live(storeId, { limit: 20 }), [storeId]);
  const onAir = rooms.data?.items.find((r) => r.state.status === 'live') ?? null;

  function openTab(next: StoreTab) {
    const p = new URLSearchParams(params);
    if (next === 'goods') p.delete('tab');
    else p.set('tab', next);
    setParams(p, { replace: true });
  }

  async function toggleFollow() {
    const s = store.data;
    if (!s) return;
    if (!user) {
      navigate('/login', { state: { from: location.pathname + location.search } });
      return;
    }
    setBusy(true);
    setFollowError(null);
    try {
      const r = await api.follow(s.id, !s.viewer.following);
      store.setData({ ...s, followerCount: r.followerCount, viewer: { ...s.viewer, following: r.following } });
    } catch (err) {
      setFollowError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (store.loading && !store.data) return <><TopBar /><Loading /></>;
  if (store.error || !store.data) return <><TopBar /><ErrorBox error={store.error} onRetry={store.reload} /></>;
  const s = store.data;

  return (
    <div className="store-page">
      <TopBar title={s.name} />
      {/* experienceScore: 商家体验分 plugs in here once it exists (a later issue); until then nothing shows. */}
      <StoreBanner store={s} onAir={onAir} history={history.data} experienceScore={undefined} busy={busy} followError={followError} onToggleFollow={() => void toggleFollow()} />
      <CouponStrip storeId={s.id} variant="banner" />
      <StoreTabs tab={tab} onTab={openTab} videoCount={videos.data?.total ?? null} onAir={onAir !== null} />
      <div role="tabpanel" id={`store-panel-${tab}`} aria-labelledby={`store-tab-${tab}`} className="store-panel">
        {tab === 'goods' && <GoodsTab storeId={s.id} />}
        {tab === 'videos' && <VideosTab key={`${s.id}:${user?.id ?? ''}`} storeId={s.id} first={videos} />}
        {tab === 'live' && <LiveTab rooms={rooms} />}
      </div>
    </div>
  );
}
