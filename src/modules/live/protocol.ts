// The live-room wire protocol: JSON text frames over one WebSocket per viewer
// (`/ws/live/rooms/:roomId`). Every message is an object with a `t` (type) field.

/** Largest frame (bytes, UTF-8) the hub reads; larger ones are answered with `bad_message`. */
export const MAX_CLIENT_FRAME_BYTES = 4096;

// ---- client → server -------------------------------------------------------------------------

/** A chat comment. Needs a signed-in viewer. */
export interface ClientComment {
  t: 'comment';
  text: string;
}

/** A burst of taps on the like button: `n` is an integer 1..50. Needs a signed-in viewer. */
export interface ClientLike {
  t: 'like';
  n: number;
}

/** Keep-alive; answered with `pong`. */
export interface ClientPing {
  t: 'ping';
}

export type ClientMessage = ClientComment | ClientLike | ClientPing;

/** Largest `n` one like message may carry. */
export const MAX_LIKES_PER_MESSAGE = 50;

// ---- server → client -------------------------------------------------------------------------

/** First message after joining: the room as it is now. */
export interface ServerHello {
  t: 'hello';
  roomId: string;
  viewers: number;
  likes: number;
  /** Room state pushed by the host side (pinned product, bag, coupons, flash sale); opaque to the hub. */
  state: unknown;
  /** The room's latest comments (up to RECENT_COMMENTS, oldest first), so a joiner's chat is not empty. */
  recent: ServerComment[];
}

/** How many of a room's latest comments a joiner gets in `hello`. */
export const RECENT_COMMENTS = 20;

/** Viewer count: at most once per viewer tick, only when it changed. */
export interface ServerViewers {
  t: 'viewers';
  n: number;
}

/** A comment accepted by the server. `text` is plain text: render it as text, never as HTML. */
export interface ServerComment {
  t: 'comment';
  id: string;
  user: { id: string; name: string };
  text: string;
  /** Epoch ms when the server accepted it. */
  at: number;
}

/** The room's like total: at most once per like tick, only when it changed. */
export interface ServerLikes {
  t: 'likes';
  total: number;
}

/** New room state from the host side. */
export interface ServerState {
  t: 'state';
  state: unknown;
}

export type ErrorCode = 'rate_limited' | 'too_long' | 'empty' | 'muted' | 'banned' | 'bad_message' | 'sign_in_required';

/** Something the viewer sent was refused; only the sender gets it. */
export interface ServerError {
  t: 'error';
  code: ErrorCode;
  message: string;
  /** With `rate_limited`: whole seconds until a retry can succeed. */
  retryAfterSeconds?: number;
}

/** The live has ended; the server closes the socket right after. */
export interface ServerEnded {
  t: 'ended';
}

export interface ServerPong {
  t: 'pong';
}

export type ServerMessage = ServerHello | ServerViewers | ServerComment | ServerLikes | ServerState | ServerError | ServerEnded | ServerPong;

/** WebSocket close codes the hub uses (4000–4999 is the application range). */
export const CLOSE_CODES = {
  /** The live ended. */
  ended: 4000,
  /** The viewer was removed by the host (kick / ban), or is banned and tried to join. */
  kicked: 4003,
  /** No such room. */
  missing: 4004,
  /** The hub shut down. */
  shutdown: 1001,
} as const;

/**
 * Narrows a parsed JSON value to a client message, or returns null. Checks shape only; the hub
 * applies the content rules (length, sign-in, rate limits).
 */
export function parseClientMessage(value: unknown): ClientMessage | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  switch (v.t) {
    case 'comment':
      return typeof v.text === 'string' ? { t: 'comment', text: v.text } : null;
    case 'like':
      return typeof v.n === 'number' && Number.isInteger(v.n) && v.n >= 1 && v.n <= MAX_LIKES_PER_MESSAGE ? { t: 'like', n: v.n } : null;
    case 'ping':
      return { t: 'ping' };
    default:
      return null;
  }
}

/** Decodes one client frame (as `ws` hands it over): the message, or why it is refused. */
export function decodeClientFrame(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): ClientMessage | { bad: string } {
  if (isBinary) return { bad: 'Send JSON text frames' };
  const bytes = Buffer.isBuffer(data) ? data.length : Array.isArray(data) ? data.reduce((s, b) => s + b.length, 0) : data.byteLength;
  if (bytes > MAX_CLIENT_FRAME_BYTES) return { bad: `Messages are limited to ${MAX_CLIENT_FRAME_BYTES} bytes` };
  try {
    const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    return parseClientMessage(JSON.parse(buf.toString('utf8'))) ?? { bad: 'Not a valid message' };
  } catch {
    return { bad: 'Not valid JSON' };
  }
}
