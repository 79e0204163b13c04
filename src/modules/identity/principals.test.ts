import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/http/access.ts';
import { PrincipalCache } from './principals.ts';

const ada: Principal = { userId: 'usr_ada', sessionId: 'ses_1', roles: ['shopper'], displayName: '阿达' };
const adaPhone: Principal = { ...ada, sessionId: 'ses_2' };
const bo: Principal = { userId: 'usr_bo', sessionId: 'ses_3', roles: ['shopper', 'merchant'], displayName: '阿博' };

describe('remembered principals', () => {
  it('are kept until the time limit or the session’s expiry, whichever is first', () => {
    const c = new PrincipalCache(10_000);
    c.set('h1', ada, 1_000_000 + 60_000, c.mark(), 1_000_000);
    c.set('h2', bo, 1_000_000 + 4_000, c.mark(), 1_000_000);
    expect(c.get('h1', 1_009_999)).toEqual(ada);
    expect(c.get('h1', 1_010_000)).toBeNull();
    expect(c.get('h2', 1_003_999)).toEqual(bo);
    expect(c.get('h2', 1_004_000)).toBeNull();
    expect(c.size).toBe(0);
  });

  it('forget one session on sign-out, and all of a user’s sessions when their roles change', () => {
    const c = new PrincipalCache(10_000);
    const now = 1_000_000;
    c.set('h1', ada, now + 60_000, c.mark(), now);
    c.set('h2', adaPhone, now + 60_000, c.mark(), now);
    c.set('h3', bo, now + 60_000, c.mark(), now);
    c.forget({ sessionId: 'ses_1' });
    expect([c.get('h1', now), c.get('h2', now), c.get('h3', now)]).toEqual([null, adaPhone, bo]);
    c.forget({ userId: 'usr_ada' });
    expect([c.get('h2', now), c.get('h3', now)]).toEqual([null, bo]);
  });

  it('are not kept from a lookup that began before a sign-out or a change of roles', () => {
    const c = new PrincipalCache(10_000);
    const mark = c.mark();
    c.forget({ sessionId: 'ses_1' }); // committed while the lookup was reading the old row
    c.set('h1', ada, 2_000_000, mark, 1_000_000);
    expect(c.get('h1', 1_000_000)).toBeNull();
    c.set('h1', ada, 2_000_000, c.mark(), 1_000_000);
    expect(c.get('h1', 1_000_000)).toEqual(ada);
  });

  it('hold at most so many entries, the oldest leaving first; a time limit of 0 keeps none', () => {
    const c = new PrincipalCache(10_000, 2);
    c.set('h1', ada, 2_000_000, c.mark(), 1_000_000);
    c.set('h2', adaPhone, 2_000_000, c.mark(), 1_000_000);
    c.set('h3', bo, 2_000_000, c.mark(), 1_000_000);
    expect([c.get('h1', 1_000_000), c.get('h2', 1_000_000), c.get('h3', 1_000_000)]).toEqual([null, adaPhone, bo]);
    const off = new PrincipalCache(0);
    off.set('h1', ada, 2_000_000, off.mark(), 1_000_000);
    expect(off.get('h1', 1_000_000)).toBeNull();
  });
});
