import { describe, expect, it } from 'vitest';
import { RateLimiter } from './ratelimit.ts';

describe('RateLimiter', () => {
  it('allows max hits per window, then says how long to wait', () => {
    const rl = new RateLimiter(3, 60_000);
    const t = 1_000_000;
    expect([rl.hit('k', t), rl.hit('k', t), rl.hit('k', t)]).toEqual([0, 0, 0]);
    expect(rl.hit('k', t + 10_000)).toBe(50);
    expect(rl.hit('other', t)).toBe(0);
    expect(rl.hit('k', t + 60_000)).toBe(0); // a new window
    rl.reset('k');
    expect(rl.hit('k', t + 60_001)).toBe(0);
  });

  it('counts a batch as many hits', () => {
    const rl = new RateLimiter(100, 60_000);
    expect(rl.hit('k', 0, 60)).toBe(0);
    expect(rl.hit('k', 0, 40)).toBe(0);
    expect(rl.hit('k', 30_000, 1)).toBe(30);
  });

  it('peeks without counting', () => {
    const rl = new RateLimiter(2, 1000);
    expect(rl.peek('k', 0)).toBe(0);
    rl.hit('k', 0);
    expect(rl.peek('k', 0)).toBe(0);
    rl.hit('k', 0);
    expect(rl.peek('k', 500)).toBe(1);
    expect(rl.peek('k', 1000)).toBe(0);
  });
});
