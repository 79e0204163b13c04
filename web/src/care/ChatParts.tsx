// The conversation as both sides see it: bubbles (mine on the right), the agent's name on theirs,
// system events as centred grey notes, a compensation as a highlighted card, times between
// bursts; and the composer (Enter sends, Shift+Enter breaks the line).
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import type { TicketMessage } from '../typesCare';
import { eventText, shortTime, yuan } from './CareBits';

const GAP_MS = 5 * 60_000;
const MAX_TEXT = 2000;

/** `side`: whose view — the shopper's own messages, or (on the desk) the agents'. */
export function MessageList({ messages, side }: { messages: TicketMessage[]; side: 'shopper' | 'agent' }) {
  const { lang } = useI18n();
  let last = 0;
  return (
    <div className="care-msgs" data-testid="care-messages" aria-live="polite">
      {messages.map((m) => {
        const at = Date.parse(m.createdAt);
        const showTime = at - last > GAP_MS;
        last = at;
        return (
          <div key={m.id} className="care-msg-wrap">
            {showTime && <div className="care-time">{shortTime(m.createdAt, lang)}</div>}
            <MessageItem m={m} side={side} />
          </div>
        );
      })}
    </div>
  );
}

function MessageItem({ m, side }: { m: TicketMessage; side: 'shopper' | 'agent' }) {
  const { t } = useI18n();
  if (m.authorKind === 'system') {
    if (m.event?.kind === 'compensated') {
      return (
        <div className="care-comp" data-testid="care-compensation" data-amount={m.event.amountFen}>
          <div className="care-comp-icon" aria-hidden="true">
            ¥
          </div>
          <div className="care-comp-body">
            <div className="care-comp-title">{t(side === 'shopper' ? 'care.comp.title' : 'care.comp.deskTitle', { amount: yuan(m.event.amountFen ?? 0) })}</div>
            <div className="care-comp-sub">{t(side === 'shopper' ? 'care.comp.sub' : 'care.comp.deskSub')}</div>
          </div>
          {side === 'shopper' && (
            <Link to="/me/balance" className="care-comp-link" data-testid="care-compensation-balance">
              {t('care.comp.view')} ›
            </Link>
          )}
        </div>
      );
    }
    return (
      <div className={`care-note care-note-${m.event?.kind ?? 'plain'}`} data-testid="care-note">
        {eventText(t, m, side)}
      </div>
    );
  }
  const mine = m.authorKind === side;
  const name = m.authorKind === 'agent' ? m.authorName || t('care.chat.agent') : m.authorName;
  return (
    <div className={`care-row ${mine ? 'care-row-mine' : 'care-row-theirs'}`} data-testid={`care-msg-${m.authorKind}`}>
      {!mine && (
        <span className={`care-avatar care-avatar-${m.authorKind}`} aria-hidden="true">
          {m.authorKind === 'agent' ? '客' : (Array.from(name)[0] ?? '?')}
        </span>
      )}
      <div className="care-bubble-col">
        {!mine && <div className="care-author">{m.authorKind === 'agent' ? t('care.chat.agentName', { name }) : name}</div>}
        <div className="care-bubble">{m.body}</div>
      </div>
    </div>
  );
}

/** The input box with send; `onSend` resolves true when the text went out (then the box clears). */
export function Composer({ disabled, placeholder, onSend, testId = 'care-input', className }: { disabled?: boolean; placeholder: string; onSend: (text: string) => Promise<boolean>; testId?: string; className?: string }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  async function send(e?: FormEvent) {
    e?.preventDefault();
    const body = text.trim();
    if (!body || busy) return;
    setBusy(true);
    try {
      if (await onSend(body)) setText('');
    } finally {
      setBusy(false);
    }
  }
  function onKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  }
  return (
    <form className={className ? `care-composer ${className}` : 'care-composer'} onSubmit={(e) => void send(e)}>
      <textarea rows={1} maxLength={MAX_TEXT} value={text} disabled={disabled} placeholder={placeholder} onChange={(e) => setText(e.target.value)} onKeyDown={onKey} data-testid={testId} aria-label={placeholder} />
      <button type="submit" className="btn btn-primary btn-sm" disabled={disabled || busy || !text.trim()} data-testid={`${testId}-send`}>
        {t('care.chat.send')}
      </button>
    </form>
  );
}
