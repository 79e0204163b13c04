// 直播管理 (/studio/live): my live rooms, newest first, and the form to create one.
import { Link } from 'react-router';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { useLoad } from '../../components/useLoad';
import { useI18n } from '../../i18n';
import { liveApi } from '../../live/liveApi';
import { startTime } from '../../live/liveBuy';
import type { HostRoom } from '../../types';
import '../../styles/liveStudio.css';
import { LiveCreateForm } from './LiveCreateForm';

export function RoomStatusBadge({ room }: { room: Pick<HostRoom, 'state'> }) {
  const { t } = useI18n();
  const { status, streaming } = room.state;
  const key = status === 'live' ? (streaming ? 'live' : 'away') : status;
  return (
    <span className={`status lstatus-${key}`} data-testid="live-status" data-status={key}>
      {t(`studio.live.status.${key}`)}
    </span>
  );
}

const when = (r: HostRoom) => r.startedAt ?? r.scheduledAt;

export function LiveRooms() {
  const { t } = useI18n();
  const rooms = useLoad(() => liveApi.mine(), []);
  return (
    <>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('studio.live.nav')}</h1>
          <p className="muted">{t('studio.live.intro')}</p>
        </div>
      </div>
      <LiveCreateForm />
      {rooms.loading && !rooms.data ? (
        <Loading />
      ) : rooms.error || !rooms.data ? (
        <ErrorBox error={rooms.error} onRetry={rooms.reload} />
      ) : rooms.data.length === 0 ? (
        <Empty text={t('studio.live.empty')} />
      ) : (
        <div className="mc-card mc-table-wrap">
          <table className="mc-table" data-testid="live-rooms">
            <thead>
              <tr>
                <th>{t('studio.live.col.room')}</th>
                <th>{t('studio.col.status')}</th>
                <th className="num">{t('live.peakViewers')}</th>
                <th className="num">{t('live.likes')}</th>
                <th className="num">{t('studio.live.col.comments')}</th>
                <th className="num">{t('studio.col.products')}</th>
                <th>{t('studio.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rooms.data.map((r) => (
                <tr key={r.id} data-testid="live-room-row" data-room-id={r.id}>
                  <td>
                    <Link to={`/studio/live/${r.id}`} className="mc-link">
                      {r.title}
                    </Link>
                    <div className="muted small">{when(r) ? startTime(when(r)!) : t('studio.live.anytime')}</div>
                  </td>
                  <td>
                    <RoomStatusBadge room={r} />
                  </td>
                  <td className="num">{r.peakViewers}</td>
                  <td className="num">{r.likeCount}</td>
                  <td className="num">{r.commentCount}</td>
                  <td className="num">{r.state.bag.length}</td>
                  <td className="actions">
                    <Link to={`/studio/live/${r.id}`}>{r.state.status === 'ended' ? t('common.view') : t('studio.live.console')}</Link>
                    {r.state.status !== 'ended' && <Link to={`/live/${r.id}`}>{t('studio.live.viewerView')}</Link>}
                    {r.replayVideoId && <Link to={`/studio/videos/${r.replayVideoId}`}>{t('studio.live.replay')}</Link>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
