// Bookkeeping for the room hub: its options and room/connection records, the per-user comment
// window and the interaction batch.
import type { FanoutChannel, FanoutTarget } from './fanout.ts';
import type { HubRelay, TalliedRoom } from './hub-shared.ts';
import { RECENT_COMMENTS } from './protocol.ts';

/** `userId` null = anonymous: may watch; commenting and liking need sign-in. */
export interface Viewer {
  userId: string | null;
  name: string;
}

export interface HubOptions {
  /** Longest comment, in Unicode code points (after cleaning). */
  maxCommentChars: number;
  /** Per-user comment limit: at most this many accepted comments per sliding window (across rooms). */
  commentsPerUserPerWindow: number;
  commentWindowMs: number;
  /** Room-wide flood cap; over it the sender gets `rate_limited`. */
  commentsPerRoomPerSecond: number;
  /** Like totals are broadcast at most once per tick; interactions are flushed on the same tick. */
  likeTickMs: number;
  /** Viewer counts are broadcast at most once per tick, only when changed. */
  viewerTickMs: number;
  /** Slow consumer: over this many buffered bytes a socket misses viewers/likes; over 4× it is terminated. */
  maxBufferedBytes: number;
  /** Decides per comment (host moderation lives outside the hub). */
  moderation(roomId: string, userId: string): 'ok' | 'muted' | 'banned';
  /** Viewer interactions for the event log, at most once per `likeTickMs`, everything since the last call. */
  onInteractions?(batch: Interaction[]): void;
  /** Other processes serving the same rooms (REDIS_URL, relay.ts); none = this process alone. */
  relay?: HubRelay;
}

export interface Room extends FanoutChannel<Conn>, TalliedRoom {
  readonly id: string;
  readonly targets: Set<Conn>;
  stateJson: string;
  /** False for a room opened by another process's comment: the first joiner brings the state. */
  stateKnown: boolean;
  likesSent: number;
  viewersSent: number;
  /** The latest comments, serialised, for joiners' `hello`. */
  recent: string[];
  /** Room-wide comment flood window (fixed, one second). */
  floodStart: number;
  floodCount: number;
}

export function newRoom(id: string, stateJson: string, stateKnown: boolean): Room {
  return {
    ...{ id, targets: new Set(), pending: [], stateJson, stateKnown, recent: [], floodStart: 0, floodCount: 0 },
    ...{ likes: 0, likesUnsent: 0, likesKnown: false, likesSent: 0, viewersSent: 0, viewersReported: 0, viewersElsewhere: 0 },
  };
}

/** Keeps a comment (its serialised frame) among the room's latest, for joiners' `hello`. */
export function rememberComment(room: Room, frame: string): void {
  room.recent.push(frame);
  if (room.recent.length > RECENT_COMMENTS) room.recent.shift();
}

export interface Conn extends FanoutTarget {
  viewer: Viewer;
  room: Room;
  attached: boolean;
  inStart: number;
  inCount: number;
}

export interface Interaction {
  roomId: string;
  userId: string | null;
  kind: 'join' | 'leave' | 'comment' | 'like';
  /** With `like`: taps since the previous batch (one entry per user and room per batch). */
  n?: number;
  at: number;
}

/** Sliding-window limit: at most `max` accepted events per key per `windowMs`. */
export class SlidingWindow {
  /** key → accept times inside the window, oldest first. */
  private readonly times = new Map<string, number[]>();
  private lastSweep = Date.now();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Whole seconds until `key` may go again (0 = now). Counts nothing. */
  retryAfter(key: string, now: number): number {
    const t = this.times.get(key);
    if (!t) return 0;
    while (t.length > 0 && t[0]! <= now - this.windowMs) t.shift();
    return t.length < this.max ? 0 : Math.max(1, Math.ceil((t[0]! + this.windowMs - now) / 1000));
  }

  accept(key: string, now: number): void {
    const t = this.times.get(key);
    if (t) t.push(now);
    else this.times.set(key, [now]);
  }

  /** Forgets keys idle for a whole window (at most once per window). */
  sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, t] of this.times) if ((t[t.length - 1] ?? 0) <= now - this.windowMs) this.times.delete(key);
  }
}

/** Interactions since the last flush; likes summed per room and user. */
export class InteractionBatch {
  private batch: Interaction[] = [];
  /** `roomId \0 userId` → this batch's like entry for that user. */
  private likes = new Map<string, Interaction>();

  constructor(private readonly sink: ((batch: Interaction[]) => void) | undefined) {}

  record(roomId: string, userId: string | null, kind: 'join' | 'leave' | 'comment', at = Date.now()): void {
    if (this.sink) this.batch.push({ roomId, userId, kind, at });
  }

  like(roomId: string, userId: string, n: number, at: number): void {
    if (!this.sink) return;
    const key = `${roomId}\u0000${userId}`;
    const entry = this.likes.get(key);
    if (entry) entry.n = (entry.n ?? 0) + n;
    else {
      const e: Interaction = { roomId, userId, kind: 'like', n, at };
      this.likes.set(key, e);
      this.batch.push(e);
    }
  }

  flush(): void {
    if (this.batch.length === 0 || !this.sink) return;
    const batch = this.batch;
    this.batch = [];
    this.likes = new Map();
    try {
      this.sink(batch);
    } catch {
      // The caller's sink failed; the batch is dropped rather than growing without bound.
    }
  }
}
