// The live-room relay over Redis (REDIS_URL): several api processes share rooms.
// - Broadcasts go out on one pub/sub channel per deployment prefix, tagged with the sender's
//   instance id (a process skips its own); a comment travels as its already-serialised frame, so
//   receivers neither re-serialise nor re-validate it.
// - Room state is not relayed: "room X changed" is, and each process re-reads it from the shared
//   database (Live.push), so state never diverges from what the database says.
// - Room-wide numbers live in Redis: likes as one INCRBY counter per room; viewers as a hash per
//   room (instance → count and when reported), refreshed every viewer tick, entries older than
//   `presenceTtlMs` ignored, so a dead process's viewers drop out by themselves.
// - The per-user comment window is a sorted set per user (a sliding window, in a Lua script on
//   Redis's clock, so processes with skewed clocks agree).
// Nothing here waits for a broken Redis: while it is unhealthy queries answer null at once and
// publishing is skipped, and the hub serves its own viewers (see hub-shared.ts).
import type { Redis } from 'ioredis';
import type { Log } from '../../platform/log.ts';
import type { RedisConn } from '../../platform/redis.ts';
import type { HubRelay, RelayListener } from './hub-shared.ts';

export interface RelayOptions {
  /** This process (config.instanceId); messages carrying it are its own. */
  instanceId: string;
  /** Starts every key and channel: one deployment (or test run) per prefix. */
  prefix?: string;
  /** A process's viewer entry counts this long after its last report (ms); > the hub's viewer tick. */
  presenceTtlMs?: number;
  /** A room's like total is kept this long after its last like (ms). */
  likesTtlMs?: number;
  log?: Log;
}

type Kind = 'c' | 'l' | 'e' | 'k' | 's';

// Viewers: sets (or, at 0, removes) this process's entry; answers the sum of the other fresh entries.
const VIEWERS_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[3])
if tonumber(ARGV[2]) > 0 then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. now)
else redis.call('HDEL', KEYS[1], ARGV[1]) end
local others = 0
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if all[i] ~= ARGV[1] then
    local n, at = string.match(all[i + 1], '^(%d+):(%d+)$')
    if n and now - tonumber(at) <= ttl then others = others + tonumber(n)
    else redis.call('HDEL', KEYS[1], all[i]) end
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ttl) end
return others`;

// Comment window: at most ARGV[1] per ARGV[2] ms; 0 = counted, else ms until the oldest leaves.
const WINDOW_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local win = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - win)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + win - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], win)
return 0`;

const LIKES_LUA = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return total`;

type Scripted = Redis & {
  flywheelLiveViewers(key: string, instance: string, n: number, ttlMs: number): Promise<number>;
  flywheelLiveWindow(key: string, max: number, windowMs: number, member: string): Promise<number>;
  flywheelLiveLikes(key: string, delta: number, ttlMs: number): Promise<number>;
};

export class RoomRelay implements HubRelay {
  private readonly client: Scripted;
  private readonly listeners = new Set<RelayListener>();
  private readonly id: string;
  private readonly prefix: string;
  private readonly channel: string;
  private readonly presenceTtl: number;
  private readonly likesTtl: number;
  private readonly onMessage = (channel: string, message: string) => {
    if (channel === this.channel) this.receive(message);
  };
  private seq = 0;
  private lastError = 0;
  private closed = false;

  constructor(
    private readonly redis: RedisConn,
    private readonly opts: RelayOptions,
  ) {
    this.id = opts.instanceId;
    this.prefix = `${opts.prefix ?? 'flywheel'}:live`;
    this.channel = `${this.prefix}:relay`;
    this.presenceTtl = opts.presenceTtlMs ?? 5000;
    this.likesTtl = opts.likesTtlMs ?? 2 * 24 * 3600_000;
    this.client = redis.client as Scripted;
    // EVALSHA, loading the script again by itself after a Redis restart (NOSCRIPT).
    this.client.defineCommand('flywheelLiveViewers', { numberOfKeys: 1, lua: VIEWERS_LUA });
    this.client.defineCommand('flywheelLiveWindow', { numberOfKeys: 1, lua: WINDOW_LUA });
    this.client.defineCommand('flywheelLiveLikes', { numberOfKeys: 1, lua: LIKES_LUA });
    redis.subscriber.on('message', this.onMessage);
    // Queued until connected; ioredis subscribes again after every reconnect.
    redis.subscriber.subscribe(this.channel).catch((err: unknown) => this.failed(err));
  }

  /** Whether messages and counts are shared right now (else each process serves its own viewers). */
  get healthy(): boolean {
    return !this.closed && this.redis.healthy;
  }

  listen(listener: RelayListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  comment(roomId: string, frame: string): void {
    this.publish('c', roomId, frame);
  }

  /** The room's state changed here: every other process re-reads it. */
  changed(roomId: string): void {
    this.publish('s', roomId, '');
  }

  ended(roomId: string): void {
    this.publish('e', roomId, '');
    // The room's numbers go with it (they would expire anyway).
    if (this.healthy) this.client.del(this.key('likes', roomId), this.key('viewers', roomId)).catch((err: unknown) => this.failed(err));
  }

  kick(roomId: string, userId: string): void {
    this.publish('k', roomId, userId);
  }

  addLikes(roomId: string, delta: number): Promise<number | null> {
    return this.ask(async () => {
      const total = Number(await this.client.flywheelLiveLikes(this.key('likes', roomId), delta, this.likesTtl));
      if (delta > 0) this.publish('l', roomId, String(total));
      return total;
    });
  }

  viewers(roomId: string, here: number): Promise<number | null> {
    return this.ask(async () => Number(await this.client.flywheelLiveViewers(this.key('viewers', roomId), this.id, here, this.presenceTtl)));
  }

  commentWindow(userId: string, max: number, windowMs: number): Promise<number | null> | null {
    if (!this.healthy) return null;
    return this.ask(async () => Number(await this.client.flywheelLiveWindow(this.key('comments', userId), max, windowMs, `${this.id}:${++this.seq}`)));
  }

  /** Stops listening (the connections belong to the caller, who closes them). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.redis.subscriber.off('message', this.onMessage);
    if (this.redis.subscriber.status === 'ready') await this.redis.subscriber.unsubscribe(this.channel).catch(() => {});
  }

  private key(what: string, id: string): string {
    return `${this.prefix}:${what}:${id}`;
  }

  /** Runs a query; null when Redis is unavailable or the query fails. */
  private async ask<T>(query: () => Promise<T>): Promise<T | null> {
    if (!this.healthy) return null;
    try {
      return await query();
    } catch (err) {
      this.failed(err);
      return null;
    }
  }

  // Envelope: sender \n kind \n roomId \n body. Ids and kinds hold no newline; the body is the rest.
  private publish(kind: Kind, roomId: string, body: string): void {
    if (!this.healthy) return;
    this.client.publish(this.channel, `${this.id}\n${kind}\n${roomId}\n${body}`).catch((err: unknown) => this.failed(err));
  }

  private receive(message: string): void {
    const a = message.indexOf('\n');
    const b = message.indexOf('\n', a + 1);
    const c = message.indexOf('\n', b + 1);
    if (a < 0 || b < 0 || c < 0 || message.slice(0, a) === this.id) return;
    const kind = message.slice(a + 1, b) as Kind;
    const roomId = message.slice(b + 1, c);
    const body = message.slice(c + 1);
    for (const l of this.listeners) {
      try {
        if (kind === 'c') l.comment?.(roomId, body);
        else if (kind === 'l') l.likes?.(roomId, Number(body));
        else if (kind === 'e') l.ended?.(roomId);
        else if (kind === 'k') l.kick?.(roomId, body);
        else if (kind === 's') l.changed?.(roomId);
      } catch (err) {
        // One listener's failure must not stop the others or the subscriber connection.
        this.opts.log?.error({ err, roomId, kind }, 'live relay message not handled');
      }
    }
  }

  /**
   * A command failed. Lost connections are openRedis's to log (once per outage); what Redis
   * refused (a script error, out of memory) or never answered (a timeout) is logged here, at
   * most once a minute.
   */
  private failed(err: unknown): void {
    const now = Date.now();
    const refused = err instanceof Error && (err.name === 'ReplyError' || err.message === 'Command timed out');
    if (!refused || now - this.lastError < 60_000) return;
    this.lastError = now;
    this.opts.log?.warn({ err: err instanceof Error ? err.message : String(err) }, 'live relay: a redis command failed; this process serves its own viewers meanwhile');
  }
}
