// The real-time room hub: one WebSocket per viewer, fan-out of comments, likes, viewer counts
// and host-pushed room state to everyone in a live room. Pure in-process (no database): the
// caller authenticates the viewer, decides who may join, persists what `onInteractions` hands it,
// and loads/pushes room state.
//
// What keeps 5,000 viewers cheap (see fanout.ts): each broadcast is serialised and framed once,
// and what a room broadcasts in one event-loop turn goes to each socket in one write; likes and
// viewer counts are coalesced on timers (not one message per tap/join); slow consumers skip the
// coalesced messages and are cut off when they fall too far behind.
// Scale-out: with a `relay` (hub-shared.ts) several processes share rooms; without one, or while
// it is down, the hub serves its own viewers.
import { randomBytes } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { cleanCommentText } from './comment-text.ts';
import { Fanout, rawStreamOf } from './fanout.ts';
import { SharedTally } from './hub-shared.ts';
import { InteractionBatch, newRoom, rememberComment, SlidingWindow, type Conn, type HubOptions, type Interaction, type Room, type Viewer } from './hub-support.ts';
import { CLOSE_CODES, decodeClientFrame, type ClientMessage, type ErrorCode, type ServerMessage } from './protocol.ts';

export type { HubOptions, Interaction, Viewer };
export type { HubRelay, RelayListener } from './hub-shared.ts';

/** Inbound messages one socket may send per second; more are dropped (one `rate_limited` error per second). */
const MAX_INBOUND_PER_SECOND = 20;
const OPEN = 1;
/** A broadcast message, serialised once. */
const encode = (msg: ServerMessage): Buffer => Buffer.from(JSON.stringify(msg));

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
  private readonly unlisten: () => void;
  /** Room-wide likes and viewers (with a relay). */
  private readonly tally: SharedTally<Room> | null;

  constructor(private readonly opts: HubOptions) {
    this.fanout = new Fanout<Conn, Room>(opts.maxBufferedBytes, (conn) => this.detach(conn));
    this.userComments = new SlidingWindow(opts.commentsPerUserPerWindow, opts.commentWindowMs);
    this.interactions = new InteractionBatch(opts.onInteractions?.bind(opts));
    this.timers = [setInterval(() => this.likeTick(), opts.likeTickMs), setInterval(() => this.viewerTick(), opts.viewerTickMs)];
    for (const t of this.timers) t.unref();
    const relay = opts.relay;
    const isOpen = (room: Room) => this.rooms.get(room.id) === room;
    this.tally = relay ? new SharedTally<Room>(relay, { isOpen, likesChanged: (r) => this.likesDirty.add(r), viewersChanged: (r) => this.viewersDirty.add(r) }) : null;
    this.unlisten =
      relay?.listen({
        comment: (roomId, frame) => this.remoteComment(roomId, frame),
        likes: (roomId, total) => this.rooms.has(roomId) && this.tally!.heardLikes(this.rooms.get(roomId)!, total),
        ended: (roomId) => this.endHere(roomId),
        kick: (roomId, userId) => this.kickHere(roomId, userId),
      }) ?? (() => {});
  }

  /**
   * Adds an open socket to a room: sends `hello`, wires the message/close handlers. `state` is
   * the room state to start from when the room is not live in this hub yet; once it is, the
   * hub's state (the last `setState`) is what joiners get.
   */
  join(roomId: string, socket: WebSocket, viewer: Viewer, state: unknown): void {
    if (this.closed) return socket.close(CLOSE_CODES.shutdown, 'shutting down');
    if (socket.readyState !== OPEN) return;
    const room = this.rooms.get(roomId) ?? this.open(roomId, state);
    if (!room.stateKnown) [room.stateJson, room.stateKnown] = [JSON.stringify(state) ?? 'null', true];
    const conn: Conn = { socket, raw: rawStreamOf(socket), viewer, room, attached: true, inStart: 0, inCount: 0 };
    room.targets.add(conn);
    this.viewersDirty.add(room);
    this.interactions.record(room.id, viewer.userId, 'join');
    socket.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
    socket.on('close', () => this.detach(conn));
    // Protocol errors (bad frames) are followed by 'close'; without a listener they would throw.
    socket.on('error', () => {});
    const hello = `{"t":"hello","roomId":${JSON.stringify(roomId)},"viewers":${this.viewers(roomId)},"likes":${room.likes},"state":${room.stateJson},"recent":[${room.recent.join(',')}]}`;
    socket.send(hello);
  }

  /** New room state from the host side: broadcast as `state`, and what joiners get in `hello`. */
  setState(roomId: string, state: unknown): void {
    const room = this.rooms.get(roomId) ?? this.open(roomId, state);
    [room.stateJson, room.stateKnown] = [JSON.stringify(state) ?? 'null', true];
    this.fanout.queue(room, Buffer.from(`{"t":"state","state":${room.stateJson}}`), true);
  }

  /** The live is over: sends `ended` to everyone (in every process), closes their sockets and forgets the room. */
  end(roomId: string): void {
    this.opts.relay?.ended(roomId);
    this.endHere(roomId);
  }

  /** Removes a user from a room (ban), in every process: closes all their sockets there with code 4003. */
  kick(roomId: string, userId: string): void {
    this.opts.relay?.kick(roomId, userId);
    this.kickHere(roomId, userId);
  }

  /** Viewers of the room: here plus, with a relay, in the other processes (as of the last viewer tick). */
  viewers(roomId: string): number {
    const room = this.rooms.get(roomId);
    return room ? room.targets.size + room.viewersElsewhere : 0;
  }

  likes(roomId: string): number {
    return this.rooms.get(roomId)?.likes ?? 0;
  }

  private endHere(roomId: string): void {
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

  private kickHere(roomId: string, userId: string): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    for (const conn of [...room.targets]) {
      if (conn.viewer.userId !== userId) continue;
      this.detach(conn);
      conn.socket.close(CLOSE_CODES.kicked, 'removed by the host');
    }
  }

  /** Stops the timers, closes every socket (1001) and hands over the last interactions. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unlisten();
    for (const t of this.timers) clearInterval(t);
    this.fanout.flushAll();
    for (const room of this.rooms.values()) {
      for (const conn of [...room.targets]) {
        this.detach(conn);
        conn.socket.close(CLOSE_CODES.shutdown, 'shutting down');
      }
      // This process's viewers leave the room-wide count now, not when their entry expires.
      if (room.viewersReported > 0) void this.opts.relay?.viewers(room.id, 0);
    }
    this.rooms.clear();
    this.likesDirty.clear();
    this.viewersDirty.clear();
    this.interactions.flush();
  }

  private open(roomId: string, state: unknown, stateKnown = true): Room {
    const room = newRoom(roomId, JSON.stringify(state) ?? 'null', stateKnown);
    this.rooms.set(roomId, room);
    this.tally?.opened(room);
    return room;
  }

  private remoteComment(roomId: string, frame: string): void {
    if (this.closed) return;
    const room = this.rooms.get(roomId) ?? this.open(roomId, null, false);
    rememberComment(room, frame);
    this.fanout.queue(room, Buffer.from(frame), true);
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
    if ('bad' in msg) return this.refuse(conn, 'bad_message', msg.bad);
    try {
      this.handle(conn, msg, now);
    } catch {
      // A throwing moderation or interaction hook must not take the socket (or the process) down.
      this.refuse(conn, 'bad_message', 'The message could not be handled');
    }
  }

  private handle(conn: Conn, msg: ClientMessage, now: number): void {
    if (msg.t === 'ping') return this.sendTo(conn, { t: 'pong' });
    const userId = conn.viewer.userId;
    if (userId === null) return this.refuse(conn, 'sign_in_required', msg.t === 'comment' ? 'Sign in to comment' : 'Sign in to like');
    if (msg.t === 'like') {
      const room = conn.room;
      room.likes += msg.n;
      room.likesUnsent += msg.n;
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
    if (!cleaned.ok) return this.refuse(conn, cleaned.code, cleaned.code === 'empty' ? 'The comment is empty' : `Comments are limited to ${o.maxCommentChars} characters`);
    const verdict = o.moderation(room.id, userId);
    if (verdict === 'muted') return this.refuse(conn, 'muted', 'You are muted in this room');
    if (verdict === 'banned') {
      this.refuse(conn, 'banned', 'You are banned from this room');
      this.kick(room.id, userId);
      return;
    }
    // Per user (across rooms): sliding window of accepted comments.
    const retry = this.userComments.retryAfter(userId, now);
    if (retry > 0) return this.refuse(conn, 'rate_limited', 'You are commenting too fast', retry);
    if (this.roomBusy(conn, now)) return;
    // Across processes: the shared window counts it (or says wait); when unavailable, ours decides.
    const shared = o.relay?.commentWindow(userId, o.commentsPerUserPerWindow, o.commentWindowMs) ?? null;
    if (shared === null) return this.accept(conn, userId, cleaned.text, now);
    void shared.then((waitMs) => {
      if (!conn.attached || this.closed) return;
      if (waitMs) return this.refuse(conn, 'rate_limited', 'You are commenting too fast', Math.max(1, Math.ceil(waitMs / 1000)));
      const at = Date.now();
      if (!this.roomBusy(conn, at)) this.accept(conn, userId, cleaned.text, at);
    }).catch(() => this.refuse(conn, 'bad_message', 'The message could not be handled'));
  }

  /** Per room: fixed one-second window; refuses (and says so) when full. */
  private roomBusy(conn: Conn, now: number): boolean {
    const room = conn.room;
    if (now - room.floodStart >= 1000) [room.floodStart, room.floodCount] = [now, 0];
    if (room.floodCount < this.opts.commentsPerRoomPerSecond) return false;
    this.refuse(conn, 'rate_limited', 'The room is busy, try again', 1);
    return true;
  }

  private accept(conn: Conn, userId: string, text: string, now: number): void {
    const room = conn.room;
    room.floodCount++;
    this.userComments.accept(userId, now);
    const id = `${this.idPrefix}${(++this.seq).toString(36)}`;
    const frame = encode({ t: 'comment', id, user: { id: userId, name: conn.viewer.name }, text, at: now });
    const json = frame.toString();
    rememberComment(room, json);
    this.fanout.queue(room, frame, true);
    this.opts.relay?.comment(room.id, json);
    this.interactions.record(room.id, userId, 'comment', now);
  }

  private likeTick(): void {
    for (const room of this.likesDirty) {
      this.tally?.sendLikes(room);
      if (room.likes === room.likesSent) continue;
      room.likesSent = room.likes;
      this.fanout.queue(room, encode({ t: 'likes', total: room.likes }), false);
    }
    this.likesDirty.clear();
    this.interactions.flush();
  }

  private viewerTick(): void {
    if (this.tally) for (const room of this.rooms.values()) this.tally.reportViewers(room);
    for (const room of this.viewersDirty) {
      const n = room.targets.size + room.viewersElsewhere;
      if (n === room.viewersSent) continue;
      room.viewersSent = n;
      this.fanout.queue(room, encode({ t: 'viewers', n }), false);
    }
    this.viewersDirty.clear();
    this.userComments.sweep(Date.now());
  }
}
