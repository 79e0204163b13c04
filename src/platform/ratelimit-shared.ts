// Fixed-window limits shared by every process through Redis (REDIS_URL), so N api processes
// do not allow N times the sign-in attempts or event floods. While Redis is away each process
// falls back to its own in-memory window (still bounded, per process) instead of failing or
// letting everything through. Keys are hashed: an email never becomes a Redis key.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisConn } from './redis.ts';
import { RateLimiter } from './ratelimit.ts';

/** What a limit does, wherever its windows live; each answers seconds to wait (0: go ahead). */
export interface Limit {
  /** Counts `cost` hits; seconds to wait when that takes the key over the limit. */
  hit(key: string, cost?: number): Promise<number>;
  /** Seconds to wait if the key used up its window; counts nothing. */
  peek(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

/** Makes the limits of a process: shared through Redis when it has one, else its own. */
export type LimitFactory = (name: string, max: number, windowMs: number) => Limit;

export const localLimits: LimitFactory = (_name, max, windowMs) => {
  const l = new RateLimiter(max, windowMs);
  return { hit: async (key, cost = 1) => l.hit(key, Date.now(), cost), peek: async (key) => l.peek(key), reset: async (key) => l.reset(key) };
};

// Counts in the window that the first hit opens; answers [count, ms left in the window].
const HIT_LUA = `
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
return {n, ttl}`;

type Scripted = Redis & { flywheelLimitHit(key: string, cost: number, windowMs: number): Promise<[number, number]> };

export function redisLimits(redis: RedisConn, prefix: string): LimitFactory {
  if (!('flywheelLimitHit' in redis.client)) redis.client.defineCommand('flywheelLimitHit', { numberOfKeys: 1, lua: HIT_LUA });
  const client = redis.client as Scripted;
  return (name, max, windowMs) => {
    const local = new RateLimiter(max, windowMs);
    const keyOf = (key: string) => `${prefix}:rl:${name}:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
    const wait = (n: number, ttl: number) => (n > max ? Math.max(1, Math.ceil(ttl / 1000)) : 0);
    return {
      async hit(key, cost = 1) {
        if (!redis.healthy) return local.hit(key, Date.now(), cost);
        try {
          const [n, ttl] = await client.flywheelLimitHit(keyOf(key), cost, windowMs);
          return wait(n, ttl);
        } catch {
          return local.hit(key, Date.now(), cost);
        }
      },
      async peek(key) {
        if (!redis.healthy) return local.peek(key);
        try {
          const r = await client.multi().get(keyOf(key)).pttl(keyOf(key)).exec();
          const n = Number(r?.[0]?.[1] ?? 0);
          const ttl = Number(r?.[1]?.[1] ?? 0);
          return n >= max ? Math.max(1, Math.ceil(ttl / 1000)) : 0;
        } catch {
          return local.peek(key);
        }
      },
      async reset(key) {
        local.reset(key);
        await client.del(keyOf(key)).catch(() => undefined);
      },
    };
  };
}
