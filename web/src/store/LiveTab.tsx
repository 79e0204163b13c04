// The store's live rooms (the 直播 tab): on air now as tiles with a red 直播中 badge, then the
// ones coming up, then replays of ended ones; an empty state when the store has none.
import { Link } from 'react-router';
import { Empty, ErrorBox, Loading } from '../components/States';
import type { Loaded } from '../components/useLoad';
import { useI18n } from '../i18n';
import { LiveBars } from '../live/LiveIcons';
import { LiveTile } from '../live/LiveTile';
import { startTime } from '../live/liveBuy';
import type { Room } from '../types';
import type { StoreRoomPage } from '../typesStore';

export function LiveTab({ rooms }: { rooms: Loaded<StoreRoomPage> }) {
  const { t } = useI18n();
  if (rooms.loading && !rooms.data) return <Loading />;
  if (rooms.error || !rooms.data) return <ErrorBox error={rooms.error} onRetry={rooms.reload} />;
  const of = (status: Room['state']['status']) => rooms.data!.items.filter((r) => r.state.status === status);
  const [live, soon, ended] = [of('live'), of('scheduled'), of('ended')];
  if (live.length + soon.length + ended.length === 0) {
    return (
      <div className="store-live-empty" data-testid="store-live-empty">
        <span className="store-live-empty-icon" aria-hidden="true">
          <LiveBars />
        </span>
        <Empty text={t('storePage.noLive')} />
        <p className="muted small">{t('storePage.noLiveHint')}</p>
      </div>
    );
  }
  return (
    <div className="store-live" data-testid="store-live">
      {live.length > 0 && (
        <>
          <h2 className="store-live-head">{t('storePage.liveNow')}</h2>
          <div className="live-grid">
            {live.map((r) => (
              <LiveTile key={r.id} room={r} testId="store-live-card" badgeTestId="store-live-badge" showHost={false} />
            ))}
          </div>
        </>
      )}
      {soon.length > 0 && (
        <>
          <h2 className="store-live-head">{t('storePage.upcoming')}</h2>
          <ul className="store-live-rows">
            {soon.map((r) => (
              <li key={r.id}>
                <Link to={`/live/${r.id}`} className="store-live-row" data-testid="store-live-upcoming">
                  <span className="store-live-row-body">
                    <strong>{r.title}</strong>
                    <span className="muted small">{r.scheduledAt ? t('live.startsAt', { at: startTime(r.scheduledAt) }) : t('live.startsSoon')}</span>
                  </span>
                  <span className="store-live-tag">{t('live.preview')}</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {ended.length > 0 && (
        <>
          <h2 className="store-live-head">{t('storePage.replays')}</h2>
          <ul className="store-live-rows">
            {ended.map((r) => (
              <li key={r.id}>
                <Link to={`/videos/${r.replayVideoId}`} className="store-live-row" data-testid="store-live-replay">
                  <span className="store-live-row-body">
                    <strong>{r.title}</strong>
                    <span className="muted small">{r.endedAt ? startTime(r.endedAt) : ''}</span>
                  </span>
                  <span className="store-live-tag store-live-tag-replay">{t('storePage.replay')}</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
