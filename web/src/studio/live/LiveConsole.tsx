// 直播控制台 (/studio/live/:roomId): go live and run the show. Left: the preview as viewers get it,
// the counts, and the push settings (RTMP address, stream key). Middle: the 购物袋 with 讲解 per
// product, and the room's flash sales. Right: the chat, with moderation. The room's WebSocket
// keeps it all current; 结束直播 ends the show (its recording becomes a replay video).
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api';
import { ErrorBox, Loading } from '../../components/States';
import { useLoad } from '../../components/useLoad';
import { useI18n } from '../../i18n';
import { LiveStage } from '../../live/LiveStage';
import { liveApi } from '../../live/liveApi';
import { useLiveSocket } from '../../live/useLiveSocket';
import type { HostRoom, RoomState } from '../../types';
import '../../styles/live.css';
import '../../styles/liveStudio.css';
import { BagPanel } from './BagPanel';
import { FlashSalePanel } from './FlashSalePanel';
import { HostChat } from './HostChat';
import { IngestCard } from './IngestCard';
import { RoomStatusBadge } from './LiveRooms';

export function LiveConsole() {
  const { roomId = '' } = useParams();
  const room = useLoad(() => liveApi.host(roomId), [roomId]);
  if (room.loading && !room.data) return <Loading />;
  if (room.error || !room.data) return <ErrorBox error={room.error} onRetry={room.reload} />;
  return <Console key={room.data.id} initial={room.data} />;
}

function Console({ initial }: { initial: HostRoom }) {
  const { t } = useI18n();
  const [room, setRoom] = useState(initial);
  const sock = useLiveSocket(room.id, initial.state.status !== 'ended');
  const [error, setError] = useState<string | null>(null);
  const [ending, setEnding] = useState(false);
  const state = room.state;
  const setState = (s: RoomState) => setRoom((r) => ({ ...r, state: s }));

  // What the room's socket pushes is the newest state.
  useEffect(() => {
    if (sock.state) setRoom((r) => ({ ...r, state: sock.state! }));
  }, [sock.state]);

  async function end() {
    if (!window.confirm(t('studio.live.endConfirm'))) return;
    setEnding(true);
    setError(null);
    try {
      const ended = await liveApi.end(room.id);
      setRoom((r) => ({ ...r, ...ended }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setEnding(false);
    }
  }

  const over = state.status === 'ended';
  return (
    <div className="hc" data-testid="live-console" data-room-id={room.id}>
      <div className="mc-head">
        <div>
          <div className="crumbs">
            <Link to="/studio/live">{t('studio.live.nav')}</Link> / {t('studio.live.console')}
          </div>
          <h1 className="mc-title">
            {room.title} <RoomStatusBadge room={room} />
          </h1>
          <p className="muted">{over ? t('studio.live.overNote') : state.status === 'live' ? t('studio.live.liveNote') : t('studio.live.waitNote')}</p>
        </div>
        <div className="row-gap">
          {!over && (
            <Link to={`/live/${room.id}`} target="_blank" className="btn btn-ghost" data-testid="live-open-viewer">
              {t('studio.live.viewerView')}
            </Link>
          )}
          {!over && (
            <button type="button" className="btn btn-primary" disabled={ending} onClick={() => void end()} data-testid="live-end">
              {t('studio.live.end')}
            </button>
          )}
        </div>
      </div>
      {error && <p className="form-error">{error}</p>}
      <div className="hc-grid">
        <div className="hc-col">
          <section className="mc-card hc-preview-card">
            <div className="hc-preview">
              <LiveStage room={room} state={state} videoClass="hc-video" showUnmute={false} />
            </div>
            <dl className="hc-stats">
              <div>
                <dt>{t('live.viewers')}</dt>
                <dd data-testid="host-viewers">{sock.viewers ?? 0}</dd>
              </div>
              <div>
                <dt>{t('live.likes')}</dt>
                <dd data-testid="host-likes">{Math.max(sock.likes ?? 0, room.likeCount)}</dd>
              </div>
              <div>
                <dt>{t('live.peakViewers')}</dt>
                <dd>{Math.max(room.peakViewers, sock.viewers ?? 0)}</dd>
              </div>
            </dl>
          </section>
          <IngestCard room={room} onChange={setRoom} />
        </div>
        <div className="hc-col">
          <BagPanel roomId={room.id} state={state} onState={setState} />
          <FlashSalePanel roomId={room.id} state={state} onState={setState} />
        </div>
        <div className="hc-col">
          <HostChat roomId={room.id} hostId={room.host.id} comments={sock.comments} connection={sock.connection} open={!over} onSay={sock.comment} />
        </div>
      </div>
    </div>
  );
}
