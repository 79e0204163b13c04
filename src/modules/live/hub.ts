// The real-time room hub: one WebSocket per viewer, fan-out of comments, likes, viewer counts
// and host-pushed room state to everyone in a live room. Pure in-process (no database): the
// caller authenticates the viewer, decides who may join, persists what `onInteractions` hands it,
// and loads/pushes room state.
//
// What keeps 5,000 viewers cheap (see fanout.ts): each broadcast is serialised and framed once,
// and what a room broadcasts in one event-loop turn goes to each socket in one write; likes and
// viewer counts are coalesced on timers (not one message per tap/join); slow consumers skip the
// coalesced messages and are cut off when they fall too far behind.
import { randomBytes } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { cleanCommentText } from './comment-text.ts';
import { Fanout, rawStreamOf, type FanoutChannel, type FanoutTarget } from './fanout.ts';
import { InteractionBatch, SlidingWindow, type Interaction } from './hub-support.ts';
import { CLOSE_CODES, decodeClientFrame, RECENT_COMMENTS, type ClientMessage, type ErrorCode, type ServerMessage } from './protocol.ts';

/** `userId` null = anonymous: may watch; commenting and liking need sign-in. */
export interface Viewer {
  userId: string | null;
  name: string;
}

export type { Interaction };

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
}

/** Inbound messages one socket may send per second; more are dropped (one `rate_limited` error per second). */
const MAX_INBOUND_PER_SECOND = 20;
const OPEN = 1;
/** A broadcast message, serialised once. */
const encode = (msg: ServerMessage): Buffer => Buffer.from(JSON.stringify(msg));

interface Room extends FanoutChannel<Conn> {
  id: string;
  stateJson: string;
  likes: number;
  likesSent: number;
  viewersSent: number;
  /** The latest comments, serialised, for joiners' `hello`. */
  recent: string[];
  /** Room-wide comment flood window (fixed, one second). */
  floodStart: number;
  floodCount: number;
}

interface Conn extends FanoutTarget {
  viewer: Viewer;
  room: Room;
  attached: boolean;
  inStart: number;
  inCount: number;
}

export class RoomHub {
  private readonly rooms = new Map<string, Room>();
  private readonly likesDirty = new Set<Room>();
  private readonly viewersDirty = new Set<Room>();
  private readonly fanout: Fanout<Conn, Room>;
  private readonly userComments: SlidingWindow;
  private readonly interactions: InteractionBatch;
  private readonly timers: NodeJS.Timeout[];
  private readonly idPrefix = randomBytes(4).toString('hex');
  private seq = 0;
  private closed = false;

  constructor(private readonly opts: HubOptions) {
    this.fanout = new Fanout<Conn, Room>(opts.maxBufferedBytes, (conn) => this.detach(conn));
    this.userComments = new SlidingWindow(opts.commentsPerUserPerWindow, opts.commentWindowMs);
    this.interactions = new InteractionBatch(opts.onInteractions?.bind(opts));
    this.timers = [setInterval(() => this.likeTick(), opts.likeTickMs), setInterval(() => this.viewerTick(), opts.viewerTickMs)];
    for (const t of this.timers) t.unref();
  }

  /**
   * Adds an open socket to a room: sends `hello`, wires the message/close handlers. `state` is
   * the room state to start from when the room is not live in this hub yet; once it is, the
   * hub's state (the last `setState`) is what joiners get.
   */
  join(roomId: string, socket: WebSocket, viewer: Viewer, state: unknown): void {
    if (this.closed) {
      socket.close(CLOSE_CODES.shutdown, 'shutting down');
      return;
    }
    if (socket.readyState !== OPEN) return;
    const room = this.rooms.get(roomId) ?? this.open(roomId, state);
    const conn: Conn = { socket, raw: rawStreamOf(socket), viewer, room, attached: true, inStart: 0, inCount: 0 };
    room.targets.add(conn);
    this.viewersDirty.add(room);
    this.interactions.record(room.id, viewer.userId, 'join');
    socket.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
    socket.on('close', () => this.detach(conn));
    // Protocol errors (bad frames) are followed by 'close'; without a listener they would throw.
    socket.on('error', () => {});
    const hello = `{"t":"hello","roomId":${JSON.stringify(roomId)},"viewers":${room.targets.size},"likes":${room.likes},"state":${room.stateJson},"recent":[${room.recent.join(',')}]}`;
    socket.send(hello);
  }

  /** New room state from the host side: broadcast as `state`, and what joiners get in `hello`. */
  setState(roomId: string, state: unknown): void {
    const room = this.rooms.get(roomId) ?? this.open(roomId, state);
    room.stateJson = JSON.stringify(state) ?? 'null';
    this.fanout.queue(room, Buffer.from(`{"t":"state","state":${room.stateJson}}`), true);
  }

  /** The live is over: sends `ended` to everyone, closes their sockets and forgets the room. */
  end(roomId: string): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    this.fanout.queue(room, encode({ t: 'ended' }), true);
    this.fanout.flush(room); // what was queued, then `ended`, then the close frame
    this.fanout.drop(room);
    for (const conn of [...room.targets]) {
      this.detach(conn);
      conn.socket.close(CLOSE_CODES.ended, 'ended');
    }
    this.rooms.delete(roomId);
    this.likesDirty.delete(room);
    this.viewersDirty.delete(room);
  }

  /** Removes a user from a room (ban): closes all their sockets there with code 4003. */
  kick(roomId: string, userId: string): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    for (const conn of [...room.targets]) {
      if (conn.viewer.userId !== userId) continue;
      this.detach(conn);
      conn.socket.close(CLOSE_CODES.kicked, 'removed by the host');
    }
  }

  viewers(roomId: string): number {
    return this.rooms.get(roomId)?.targets.size ?? 0;
  }

  likes(roomId: string): number {
    return this.rooms.get(roomId)?.likes ?? 0;
  }

  /** Stops the timers, closes every socket (1001) and hands over the last interactions. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.fanout.flushAll();
    for (const room of this.rooms.values()) {
      for (const conn of [...room.targets]) {
        this.detach(conn);
        conn.socket.close(CLOSE_CODES.shutdown, 'shutting down');
      }
    }
    this.rooms.clear();
    this.likesDirty.clear();
    this.viewersDirty.clear();
    this.interactions.flush();
  }

  private open(roomId: string, state: unknown): Room {
    const room: Room = { id: roomId, targets: new Set(), pending: [], stateJson: JSON.stringify(state) ?? 'null', likes: 0, likesSent: 0, viewersSent: 0, recent: [], floodStart: 0, floodCount: 0 };
    this.rooms.set(roomId, room);
    return room;
  }

  private detach(conn: Conn): void {
    if (!conn.attached) return;
    conn.attached = false;
    conn.room.targets.delete(conn);
    this.viewersDirty.add(conn.room);
    this.interactions.record(conn.room.id, conn.viewer.userId, 'leave');
  }

  private sendTo(conn: Conn, msg: ServerMessage): void {
    if (conn.socket.readyState === OPEN) conn.socket.send(JSON.stringify(msg));
  }

  private refuse(conn: Conn, code: ErrorCode, message: string, retryAfterSeconds?: number): void {
    this.sendTo(conn, retryAfterSeconds === undefined ? { t: 'error', code, message } : { t: 'error', code, message, retryAfterSeconds });
  }

  private onMessage(conn: Conn, data: RawData, isBinary: boolean): void {
    if (!conn.attached) return;
    const now = Date.now();
    if (now - conn.inStart >= 1000) [conn.inStart, conn.inCount] = [now, 0];
    if (++conn.inCount > MAX_INBOUND_PER_SECOND) {
      if (conn.inCount === MAX_INBOUND_PER_SECOND + 1) this.refuse(conn, 'rate_limited', 'Too many messages', 1);
      return;
    }
    const msg = decodeClientFrame(data, isBinary);
    if ('bad' in msg) {
      this.refuse(conn, 'bad_message', msg.bad);
      return;
    }
    try {
      this.handle(conn, msg, now);
    } catch {
      // A throwing moderation or interaction hook must not take the socket (or the process) down.
      this.refuse(conn, 'bad_message', 'The message could not be handled');
    }
  }

  private handle(conn: Conn, msg: ClientMessage, now: number): void {
    if (msg.t === 'ping') {
      this.sendTo(conn, { t: 'pong' });
      return;
    }
    const userId = conn.viewer.userId;
    if (userId === null) {
      this.refuse(conn, 'sign_in_required', msg.t === 'comment' ? 'Sign in to comment' : 'Sign in to like');
      return;
    }
    if (msg.t === 'like') {
      const room = conn.room;
      room.likes += msg.n;
      this.likesDirty.add(room);
      this.interactions.like(room.id, userId, msg.n, now);
      return;
    }
    this.comment(conn, userId, msg.text, now);
  }

  private comment(conn: Conn, userId: string, raw: string, now: number): void {
    const o = this.opts;
    const room = conn.room;
    const cleaned = cleanCommentText(raw, o.maxCommentChars);
    if (!cleaned.ok) {
      this.refuse(conn, cleaned.code, cleaned.code === 'empty' ? 'The comment is empty' : `Comments are limited to ${o.maxCommentChars} characters`);
      return;
    }
    const verdict = o.moderation(room.id, userId);
    if (verdict === 'muted') {
      this.refuse(conn, 'muted', 'You are muted in this room');
      return;
    }
    if (verdict === 'banned') {
      this.refuse(conn, 'banned', 'You are banned from this room');
      this.kick(room.id, userId);
      return;
    }
    // Per user (across rooms): sliding window of accepted comments.
    const retry = this.userComments.retryAfter(userId, now);
    if (retry > 0) {
      this.refuse(conn, 'rate_limited', 'You are commenting too fast', retry);
      return;
    }
    // Per room: fixed one-second window.
    if (now - room.floodStart >= 1000) [room.floodStart, room.floodCount] = [now, 0];
    if (room.floodCount >= o.commentsPerRoomPerSecond) {
      this.refuse(conn, 'rate_limited', 'The room is busy, try again', 1);
      return;
    }
    room.floodCount++;
    this.userComments.accept(userId, now);
    const id = `${this.idPrefix}${(++this.seq).toString(36)}`;
    const frame = encode({ t: 'comment', id, user: { id: userId, name: conn.viewer.name }, text: cleaned.text, at: now });
    room.recent.push(frame.toString());
    if (room.recent.length > RECENT_COMMENTS) room.recent.shift();
    this.fanout.queue(room, frame, true);
    this.interactions.record(room.id, userId, 'comment', now);
  }

  private likeTick(): void {
    for (const room of this.likesDirty) {
      if (room.likes === room.likesSent) continue;
      room.likesSent = room.likes;
      this.fanout.queue(room, encode({ t: 'likes', total: room.likes }), false);
    }
    this.likesDirty.clear();
    this.interactions.flush();
  }

  private viewerTick(): void {
    for (const room of this.viewersDirty) {
      const n = room.targets.size;
      if (n === room.viewersSent) continue;
      room.viewersSent = n;
      this.fanout.queue(room, encode({ t: 'viewers', n }), false);
    }
    this.viewersDirty.clear();
    this.userComments.sweep(Date.now());
  }
}
