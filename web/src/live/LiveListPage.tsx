// 直播 (/live): rooms on air now, most watched first, then the ones coming up.
import { Link } from 'react-router';
import { TopBar } from '../components/ShopLayout';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import '../styles/liveShop.css';
import { LiveBars } from './LiveIcons';
import { LiveTile } from './LiveTile';
import { liveApi } from './liveApi';
import { startTime } from './liveBuy';

export function LiveListPage() {
  const { t } = useI18n();
  const live = useLoad(() => liveApi.list({ status: 'live', limit: 40 }), []);
  const soon = useLoad(() => liveApi.list({ status: 'scheduled', limit: 20 }), []);
  return (
    <div className="live-list-page">
      <TopBar title={t('live.tab')} back={false} />
      <h2 className="section-title live-list-head">
        <LiveBars /> {t('live.onAirNow')}
      </h2>
      {live.loading && !live.data ? (
        <Loading />
      ) : live.error || !live.data ? (
        <ErrorBox error={live.error} onRetry={live.reload} />
      ) : live.data.items.length === 0 ? (
        <Empty text={t('live.noneLive')} />
      ) : (
        <div className="live-grid" data-testid="live-list">
          {live.data.items.map((r) => (
            <LiveTile key={r.id} room={r} testId="live-card" />
          ))}
        </div>
      )}
      {soon.data && soon.data.items.length > 0 && (
        <>
          <h2 className="section-title live-list-head">{t('live.upcoming')}</h2>
          <ul className="live-soon card">
            {soon.data.items.map((r) => (
              <li key={r.id}>
                <Link to={`/live/${r.id}`} className="live-soon-row" data-testid="live-upcoming">
                  <span className="live-soon-avatar">{Array.from(r.host.name)[0] ?? '?'}</span>
                  <span className="live-soon-body">
                    <strong>{r.title}</strong>
                    <span className="muted small">
                      @{r.host.name} · {r.scheduledAt ? t('live.startsAt', { at: startTime(r.scheduledAt) }) : t('live.startsSoon')}
                    </span>
                  </span>
                  <span className="live-soon-tag">{t('live.preview')}</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
