// The room's WebSocket for a viewer or the host: the live state, viewer and like counts, the last
// comments, and the refusals the server sends back. Reconnects with backoff when the connection
// drops, but not when the server said the live is over (4000), put the viewer out (4003) or has no
// such room (4004). Taps on the like button are sent in batches ({t:'like', n}), not one by one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveClientMessage, LiveComment, LiveErrorCode, LiveServerMessage, RoomState } from '../types';
import { roomSocketUrl } from './liveApi';

export const MAX_COMMENTS = 50;
const LIKE_FLUSH_MS = 400;
const MAX_LIKES_PER_MESSAGE = 50;
const PING_MS = 25_000;
/** Taps kept while disconnected; more are shown but not sent. */
const MAX_PENDING_LIKES = 200;
const FINAL: Record<number, 'ended' | 'banned' | 'missing'> = { 4000: 'ended', 4003: 'banned', 4004: 'missing' };

export type Connection = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LiveNotice {
  code: LiveErrorCode;
  retryAfterSeconds?: number;
  /** Counts up, so the same refusal twice shows twice. */
  seq: number;
}

export interface LiveSocket {
  connection: Connection;
  /** Why the socket is closed for good. */
  closedFor: 'ended' | 'banned' | 'missing' | null;
  state: RoomState | null;
  viewers: number | null;
  likes: number | null;
  comments: LiveComment[];
  notice: LiveNotice | null;
  /** Sends a comment; false when not connected. */
  comment: (text: string) => boolean;
  /** One tap on the like button (sent with the next batch). */
  like: () => void;
}

/** Delay before reconnect attempt `n` (0-based): 1 s, 2 s, 4 s … up to 15 s, with jitter. */
export function backoffMs(n: number): number {
  return Math.min(15_000, 1000 * 2 ** n) * (0.7 + Math.random() * 0.3);
}

export function useLiveSocket(roomId: string, enabled = true): LiveSocket {
  const [connection, setConnection] = useState<Connection>(enabled ? 'connecting' : 'closed');
  const [closedFor, setClosedFor] = useState<LiveSocket['closedFor']>(null);
  const [state, setState] = useState<RoomState | null>(null);
  const [viewers, setViewers] = useState<number | null>(null);
  const [likes, setLikes] = useState<number | null>(null);
  const [comments, setComments] = useState<LiveComment[]>([]);
  const [notice, setNotice] = useState<LiveNotice | null>(null);
  const socket = useRef<WebSocket | null>(null);
  const pendingLikes = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let attempt = 0;
    let retry: number | undefined;
    let seq = 0;
    const send = (msg: LiveClientMessage) => {
      const ws = socket.current;
      if (ws?.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(msg));
      return true;
    };
    const onMessage = (msg: LiveServerMessage) => {
      switch (msg.t) {
        case 'hello':
          attempt = 0;
          setConnection('open');
          setState(msg.state);
          setViewers(msg.viewers);
          setLikes((l) => Math.max(l ?? 0, msg.likes));
          // The room's latest comments, so a joiner (or a reconnect) does not start with an empty chat.
          setComments((c) => {
            const known = new Set(c.map((x) => x.id));
            const fresh = msg.recent.filter((x) => !known.has(x.id)).map((x) => ({ id: x.id, user: x.user, text: x.text, at: x.at }));
            return [...c, ...fresh].sort((a, b) => a.at - b.at).slice(-MAX_COMMENTS);
          });
          return;
        case 'state':
          return setState(msg.state);
        case 'viewers':
          return setViewers(msg.n);
        case 'likes':
          return setLikes((l) => Math.max(l ?? 0, msg.total));
        case 'comment':
          return setComments((c) => [...c.slice(-(MAX_COMMENTS - 1)), { id: msg.id, user: msg.user, text: msg.text, at: msg.at }]);
        case 'error':
          return setNotice({ code: msg.code, retryAfterSeconds: msg.retryAfterSeconds, seq: ++seq });
        case 'ended':
          setClosedFor('ended');
          return setState((s) => (s ? { ...s, status: 'ended', streaming: false, hlsUrl: null } : s));
        default:
      }
    };
    const open = () => {
      const ws = new WebSocket(roomSocketUrl(roomId));
      socket.current = ws;
      ws.onmessage = (e) => {
        try {
          onMessage(JSON.parse(String(e.data)) as LiveServerMessage);
        } catch {
          // not a message we know: ignore it
        }
      };
      ws.onclose = (e) => {
        if (socket.current === ws) socket.current = null;
        if (stopped) return;
        const final = FINAL[e.code];
        if (final) {
          setClosedFor(final);
          setConnection('closed');
          if (final === 'ended') setState((s) => (s ? { ...s, status: 'ended', streaming: false, hlsUrl: null } : s));
          return;
        }
        setConnection('reconnecting');
        retry = window.setTimeout(open, backoffMs(attempt++));
      };
    };
    setConnection('connecting');
    setClosedFor(null);
    open();
    const ping = window.setInterval(() => send({ t: 'ping' }), PING_MS);
    const flush = window.setInterval(() => {
      const n = Math.min(pendingLikes.current, MAX_LIKES_PER_MESSAGE);
      if (n > 0 && send({ t: 'like', n })) pendingLikes.current -= n;
    }, LIKE_FLUSH_MS);
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      window.clearInterval(ping);
      window.clearInterval(flush);
      socket.current?.close(1000, 'leaving');
      socket.current = null;
    };
  }, [roomId, enabled]);

  const comment = useCallback((text: string) => {
    const ws = socket.current;
    if (ws?.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify({ t: 'comment', text } satisfies LiveClientMessage));
    return true;
  }, []);

  const like = useCallback(() => {
    pendingLikes.current = Math.min(MAX_PENDING_LIKES, pendingLikes.current + 1);
    setLikes((l) => (l ?? 0) + 1);
  }, []);

  return { connection, closedFor, state, viewers, likes, comments, notice, comment, like };
}
