// Creator reputation on figures worked out by hand.
import { describe, expect, it } from 'vitest';
import { reputationOf } from './reputation.ts';

const f = (o: Partial<Parameters<typeof reputationOf>[0]>) => ({ creatorId: 'c', orders: 0, returned: 0, complained: 0, promoters: 0, passives: 0, detractors: 0, ...o });

describe('creator reputation', () => {
  it('20 orders, 2 returned, 1 complaint, NPS from 4 promoters 1 passive 1 detractor', () => {
    // R = 100·(1 − .1/.2) = 50; C = 100·(1 − .05/.1) = 50; NPS = 100·(4 − 1)/6 = 50 → N = 75
    // .4·50 + .3·50 + .3·75 = 20 + 15 + 22.5 = 57.5
    const r = reputationOf(f({ orders: 20, returned: 2, complained: 1, promoters: 4, passives: 1, detractors: 1 }), 5);
    expect(r).toMatchObject({ score: 57.5, nps: 50, npsResponses: 6, returnRate: 0.1, complaintRate: 0.05, parts: { returns: 50, complaints: 50, nps: 75 } });
  });
  it('without NPS answers returns and complaints share the weight; rates past the ceiling score 0', () => {
    // R = 100·(1 − .05/.2) = 75; C = 0 (complaints 30 % > 10 %) → (.4·75 + .3·0)/.7 = 42.857… → 42.9
    expect(reputationOf(f({ orders: 20, returned: 1, complained: 6 }), 5)).toMatchObject({ score: 42.9, nps: null, parts: { returns: 75, complaints: 0, nps: null } });
    // a clean record: 100
    expect(reputationOf(f({ orders: 5, promoters: 2 }), 5).score).toBe(100);
  });
  it('too few orders: not scored', () => {
    expect(reputationOf(f({ orders: 4, returned: 1 }), 5)).toMatchObject({ score: null, reason: 'not_enough_orders', returnRate: 0.25 });
  });
});
