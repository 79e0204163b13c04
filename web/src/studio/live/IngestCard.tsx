// 推流设置: the RTMP server address and the stream key (hidden until asked for, copyable, and
// revocable: a new key cuts off a stream pushed with the old one), with how to set up OBS / ffmpeg.
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api';
import { useI18n } from '../../i18n';
import { liveApi } from '../../live/liveApi';
import type { HostRoom } from '../../types';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // no clipboard (plain http, permissions): the text is on screen to select
  }
}

export function IngestCard({ room, onChange }: { room: HostRoom; onChange: (r: HostRoom) => void }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { rtmpUrl, streamKey } = room.ingest;
  const ended = room.state.status === 'ended';
  const masked = '•'.repeat(16);

  useEffect(() => {
    if (!note?.ok) return;
    const timer = window.setTimeout(() => setNote(null), 2000);
    return () => window.clearTimeout(timer);
  }, [note]);

  const copied = (ok: boolean) => setNote(ok ? { ok: true, text: t('studio.live.copied') } : { ok: false, text: t('studio.live.copyFailed') });
  async function rotate() {
    if (!window.confirm(t('studio.live.rotateConfirm'))) return;
    setBusy(true);
    try {
      onChange(await liveApi.rotateKey(room.id));
      setNote({ ok: true, text: t('studio.live.rotated') });
    } catch (err) {
      setNote({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="mc-card hc-ingest" data-testid="live-ingest">
      <h2 className="mc-card-title">{t('studio.live.ingest')}</h2>
      <div className="hc-kv">
        <span className="field-label">{t('studio.live.server')}</span>
        <div className="hc-secret">
          <code data-testid="live-rtmp-url">{rtmpUrl}</code>
          <button type="button" className="btn btn-ghost btn-xs" onClick={() => void copy(rtmpUrl).then(copied)} data-testid="live-url-copy">
            {t('studio.live.copy')}
          </button>
        </div>
      </div>
      <div className="hc-kv">
        <span className="field-label">{t('studio.live.key')}</span>
        <div className="hc-secret">
          <code data-testid="live-stream-key" data-shown={shown}>
            {shown ? streamKey : masked}
          </code>
          <button type="button" className="btn btn-ghost btn-xs" onClick={() => setShown((s) => !s)} data-testid="live-key-toggle">
            {shown ? t('studio.live.hide') : t('studio.live.show')}
          </button>
          <button type="button" className="btn btn-ghost btn-xs" onClick={() => void copy(streamKey).then(copied)} data-testid="live-key-copy">
            {t('studio.live.copy')}
          </button>
        </div>
        <span className="field-hint">{t('studio.live.keySecret')}</span>
      </div>
      <div className="row-gap">
        <button type="button" className="btn btn-danger-ghost btn-sm" disabled={busy || ended} onClick={() => void rotate()} data-testid="live-key-rotate">
          {t('studio.live.rotate')}
        </button>
        {note && <span className={note.ok ? 'form-ok' : 'field-error'}>{note.text}</span>}
      </div>
      <details className="hc-howto">
        <summary>{t('studio.live.howto')}</summary>
        <ol>
          <li>{t('studio.live.obs1')}</li>
          <li>{t('studio.live.obs2')}</li>
          <li>{t('studio.live.obs3')}</li>
        </ol>
        <p className="muted small">{t('studio.live.ffmpeg')}</p>
        <pre className="hc-cmd">{`ffmpeg -re -i video.mp4 -c:v libx264 -preset veryfast -g 50 \\\n  -c:a aac -f flv "${rtmpUrl}/${shown ? streamKey : '<key>'}"`}</pre>
      </details>
    </section>
  );
}
