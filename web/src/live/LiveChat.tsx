// The chat of a live room: newest at the bottom, the last ~50 kept. Comments are rendered as
// React text nodes (never as HTML): what a viewer typed is shown exactly as typed.
import { useEffect, useRef } from 'react';
import type { LiveComment } from '../types';

interface Props {
  comments: LiveComment[];
  /** A first line from the platform (the room rules). */
  notice?: string;
  className?: string;
  testId?: string;
  rowTestId?: string;
  /** The host's console: a tap on a commenter opens the moderation menu. */
  onPickUser?: (comment: LiveComment, anchor: HTMLElement) => void;
}

export function LiveChat({ comments, notice, className = '', testId, rowTestId = 'live-comment', onPickUser }: Props) {
  const list = useRef<HTMLUListElement>(null);
  const stuck = useRef(true);

  // Follows new comments while the reader is at the bottom; reading back up stops that.
  useEffect(() => {
    const el = list.current;
    if (el && stuck.current) el.scrollTop = el.scrollHeight;
  }, [comments]);

  return (
    <ul
      ref={list}
      className={`live-chat ${className}`}
      aria-live="polite"
      data-testid={testId}
      onScroll={(e) => {
        const el = e.currentTarget;
        stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {notice && <li className="live-chat-notice">{notice}</li>}
      {comments.map((c) => (
        <li key={c.id} className="live-chat-row" data-testid={rowTestId} data-user-id={c.user.id}>
          {onPickUser ? (
            <button type="button" className="live-chat-name live-chat-pick" onClick={(e) => onPickUser(c, e.currentTarget)}>
              {c.user.name || '—'}
            </button>
          ) : (
            <span className="live-chat-name">{c.user.name || '—'}</span>
          )}
          <span className="live-chat-text">{c.text}</span>
        </li>
      ))}
    </ul>
  );
}
