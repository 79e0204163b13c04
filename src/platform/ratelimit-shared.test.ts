// Limits shared by processes through Redis: two processes (two connections) count in one
// window; a process whose Redis is away counts on its own instead of failing or letting all through.
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../cluster/launch.ts';
import { localLimits, redisLimits } from './ratelimit-shared.ts';
import { openRedis, type RedisConn } from './redis.ts';

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
const sharedRedis = await canConnect(6379);
const prefix = `fwtest-rl-${process.pid}-${Date.now().toString(36)}`;
const conns: RedisConn[] = [];
afterAll(async () => {
  for (const c of conns) await c.close();
});

async function healthy(c: RedisConn): Promise<RedisConn> {
  for (let i = 0; i < 100 && !c.healthy; i++) await new Promise((r) => setTimeout(r, 20));
  return c;
}

describe('local limits', () => {
  it('count in this process: over the limit the caller waits, a reset forgets', async () => {
    const l = localLimits('t', 3, 60_000);
    expect([await l.hit('k'), await l.hit('k'), await l.hit('k')]).toEqual([0, 0, 0]);
    expect(await l.peek('k')).toBeGreaterThan(0);
    expect(await l.hit('k')).toBeGreaterThan(0);
    await l.reset('k');
    expect(await l.peek('k')).toBe(0);
  });
});

describe.skipIf(!sharedRedis)('limits shared through Redis (needs Redis at 127.0.0.1:6379)', () => {
  it('two processes count in one window: together they get the limit, not twice it', async () => {
    const [a, b] = await Promise.all([0, 1].map(async () => {
      const c = await healthy(openRedis('redis://127.0.0.1:6379'));
      conns.push(c);
      return redisLimits(c, prefix)('login.account', 5, 60_000);
    }));
    const waits = [];
    for (let i = 0; i < 3; i++) waits.push(await a!.hit('someone@example.com'), await b!.hit('someone@example.com'));
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits[5]).toBeGreaterThan(0);
    expect(await b!.peek('someone@example.com')).toBeGreaterThan(0);
    expect(await a!.peek('another@example.com')).toBe(0);
    await a!.reset('someone@example.com');
    expect(await b!.peek('someone@example.com')).toBe(0);
    // The key names no email.
    const keys = await conns[0]!.client.keys(`${prefix}:*`);
    expect(keys.join(' ')).not.toContain('@');
  });
});

describe('limits when Redis is away', () => {
  it('fall back to this process’s own window: still limited, never an error', async () => {
    const c = openRedis(`redis://127.0.0.1:${await freePort()}`); // nothing listens there
    conns.push(c);
    const l = redisLimits(c, prefix)('events.actor', 2, 60_000);
    expect([await l.hit('device:1'), await l.hit('device:1')]).toEqual([0, 0]);
    expect(await l.hit('device:1')).toBeGreaterThan(0);
    expect(await l.peek('device:1')).toBeGreaterThan(0);
  });
});
