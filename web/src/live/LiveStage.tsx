// The picture of a live room: the HLS stream while the host is on air; a card saying the host has
// stepped away while the stream is gone (it may come back), that the live has not started yet, or
// that it is over (with the replay once it is ready).
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { compactCount } from '../components/StoreBits';
import { useI18n } from '../i18n';
import type { Room, RoomState } from '../types';
import { HlsVideo } from '../video/HlsVideo';
import { SpeakerOffIcon } from './LiveIcons';
import { liveApi } from './liveApi';
import { startTime } from './liveBuy';

const RETRY_MS = 2000;
const REPLAY_POLL_MS = 5000;

export function LiveStage({ room, state, videoClass = 'live-video', showUnmute = true }: { room: Room; state: RoomState; videoClass?: string; showUnmute?: boolean }) {
  const { t } = useI18n();
  const ref = useRef<HTMLVideoElement>(null);
  const [muted, setMuted] = useState(true);
  // A landscape stream (an OBS canvas) sits under the top bar instead of being cropped to fill.
  const [wide, setWide] = useState(false);
  // The player is made anew when the stream comes back (it unmounts while away) or after it
  // failed to load (the playlist may lag the ingest's word by a moment).
  const [epoch, setEpoch] = useState(0);
  const playable = state.status === 'live' && state.streaming && !!state.hlsUrl;

  function unmute() {
    const v = ref.current;
    if (!v) return;
    v.muted = false;
    setMuted(false);
    if (v.paused) void v.play().catch(() => undefined);
  }

  if (state.status === 'ended') return <LiveEnded room={room} />;
  return (
    <>
      <div className="live-backdrop" aria-hidden="true">
        <span>{Array.from(room.host.name)[0] ?? '直'}</span>
      </div>
      {playable && state.hlsUrl ? (
        <>
          <HlsVideo
            key={epoch}
            src={state.hlsUrl}
            videoRef={ref}
            className={`${videoClass} ${wide ? 'wide' : ''}`}
            onLoadedMetadata={(e) => setWide(e.currentTarget.videoWidth > e.currentTarget.videoHeight)}
            autoPlay
            muted={muted}
            onFatal={() => window.setTimeout(() => setEpoch((e) => e + 1), RETRY_MS)}
            data-testid="live-video"
          />
          {showUnmute && muted && (
            <button type="button" className="live-unmute" onClick={unmute} data-testid="live-unmute">
              <SpeakerOffIcon /> {t('video.unmute')}
            </button>
          )}
        </>
      ) : (
        <div className="live-card-state" role="status" data-testid="live-stage-state" data-state={state.status === 'live' ? 'away' : 'scheduled'}>
          {state.status === 'live' ? (
            <>
              <strong>{t('live.hostAway')}</strong>
              <span>{t('live.hostAwayHint')}</span>
            </>
          ) : (
            <>
              <strong>{t('live.notStarted')}</strong>
              {room.scheduledAt && <span>{t('live.startsAt', { at: startTime(room.scheduledAt) })}</span>}
            </>
          )}
        </div>
      )}
    </>
  );
}

/** Over: the numbers of the show and, once the recording is processed, its replay. */
function LiveEnded({ room }: { room: Room }) {
  const { t, lang } = useI18n();
  const [replay, setReplay] = useState(room.replayVideoId);
  const [peak, setPeak] = useState({ viewers: room.peakViewers, likes: room.likeCount });
  useEffect(() => {
    if (replay) return;
    let tries = 0;
    const timer = window.setInterval(() => {
      if (++tries > 36) return window.clearInterval(timer);
      liveApi.get(room.id).then(
        (r) => {
          setPeak({ viewers: r.peakViewers, likes: r.likeCount });
          if (r.replayVideoId) setReplay(r.replayVideoId);
        },
        () => undefined,
      );
    }, REPLAY_POLL_MS);
    return () => window.clearInterval(timer);
  }, [room.id, replay]);

  return (
    <div className="live-ended" data-testid="live-ended">
      <span className="live-ended-avatar">{Array.from(room.host.name)[0] ?? '?'}</span>
      <strong className="live-ended-title">{t('live.ended')}</strong>
      <span className="live-ended-host">@{room.host.name}</span>
      <dl className="live-ended-stats">
        <div>
          <dt>{t('live.peakViewers')}</dt>
          <dd>{compactCount(peak.viewers, lang)}</dd>
        </div>
        <div>
          <dt>{t('live.likes')}</dt>
          <dd>{compactCount(peak.likes, lang)}</dd>
        </div>
      </dl>
      {replay ? (
        <Link to={`/videos/${replay}`} className="btn btn-primary" data-testid="live-replay">
          {t('live.watchReplay')}
        </Link>
      ) : (
        <span className="live-ended-note">{t('live.replaySoon')}</span>
      )}
      <Link to="/live" className="btn btn-ghost btn-sm live-ended-more">
        {t('live.moreLives')}
      </Link>
    </div>
  );
}
