// The host's view of the chat, on the room's own WebSocket: every comment as viewers see it; a
// click on a commenter offers 禁言 (may watch, may not speak), 踢出 (put out, may not come back) or
// lifting either. The host can speak in the room too.
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api';
import { useI18n } from '../../i18n';
import { LiveChat } from '../../live/LiveChat';
import { liveApi } from '../../live/liveApi';
import type { Connection } from '../../live/useLiveSocket';
import type { LiveComment, SanctionAction } from '../../types';

interface Props {
  roomId: string;
  hostId: string;
  comments: LiveComment[];
  connection: Connection;
  open: boolean;
  onSay: (text: string) => boolean;
}

export function HostChat({ roomId, hostId, comments, connection, open, onSay }: Props) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<LiveComment['user'] | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');

  async function sanction(action: SanctionAction) {
    if (!picked) return;
    if (action === 'ban' && !window.confirm(t('studio.live.banConfirm', { name: picked.name }))) return;
    setBusy(true);
    try {
      await liveApi.sanction(roomId, picked.id, action);
      setNote({ ok: true, text: t(`studio.live.done.${action}`, { name: picked.name }) });
      setPicked(null);
    } catch (err) {
      setNote({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  function send(e: FormEvent) {
    e.preventDefault();
    if (text.trim() && onSay(text.trim())) setText('');
  }

  return (
    <section className="mc-card hc-chat" data-testid="live-host-chat">
      <div className="hc-card-head">
        <h2 className="mc-card-title">{t('studio.live.chat')}</h2>
        <span className={`hc-conn hc-conn-${connection}`}>{t(`studio.live.conn.${connection}`)}</span>
      </div>
      <div className="hc-chat-box">
        {comments.length === 0 && <p className="hc-chat-empty muted small">{t('studio.live.chatEmpty')}</p>}
        <LiveChat comments={comments} rowTestId="live-host-comment" onPickUser={(c) => (c.user.id === hostId ? undefined : (setPicked(c.user), setNote(null)))} />
      </div>
      {picked && (
        <div className="hc-mod" data-testid="live-mod-menu">
          <span className="hc-mod-who">{picked.name}</span>
          <button type="button" className="btn btn-ghost btn-xs" disabled={busy} onClick={() => void sanction('mute')} data-testid="live-mod-mute">
            {t('studio.live.mute')}
          </button>
          <button type="button" className="btn btn-danger-ghost btn-xs" disabled={busy} onClick={() => void sanction('ban')} data-testid="live-mod-ban">
            {t('studio.live.ban')}
          </button>
          <button type="button" className="btn btn-ghost btn-xs" disabled={busy} onClick={() => void sanction('lift')} data-testid="live-mod-lift">
            {t('studio.live.lift')}
          </button>
          <button type="button" className="link-btn small" onClick={() => setPicked(null)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {note && <p className={note.ok ? 'form-ok hc-note' : 'field-error hc-note'}>{note.text}</p>}
      {open && (
        <form className="hc-say" onSubmit={send}>
          <input value={text} onChange={(e) => setText(e.target.value)} maxLength={200} placeholder={t('studio.live.hostSay')} data-testid="host-comment-input" />
          <button type="submit" className="btn btn-primary btn-sm" disabled={!text.trim() || connection !== 'open'}>
            {t('live.send')}
          </button>
        </form>
      )}
      <p className="field-hint">{t('studio.live.modHint')}</p>
    </section>
  );
}
