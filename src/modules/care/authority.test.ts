import { describe, expect, it } from 'vitest';
import { canApprove, judge, remaining } from './authority.ts';

const tier1 = { caseFen: 5_000, dayFen: 50_000 };

describe('agent authority', () => {
  it('is within up to the case limit, counting what the case already got', () => {
    expect(judge(tier1, { amountFen: 5_000, caseUsedFen: 0, dayUsedFen: 0 })).toEqual({ within: true });
    expect(judge(tier1, { amountFen: 1_000, caseUsedFen: 4_000, dayUsedFen: 4_000 })).toEqual({ within: true });
    expect(judge(tier1, { amountFen: 1_001, caseUsedFen: 4_000, dayUsedFen: 4_000 })).toEqual({ within: false, over: 'case' });
    expect(judge(tier1, { amountFen: 5_001, caseUsedFen: 0, dayUsedFen: 0 })).toEqual({ within: false, over: 'case' });
  });

  it('is over the day limit when today’s payments would pass it', () => {
    expect(judge(tier1, { amountFen: 1_000, caseUsedFen: 0, dayUsedFen: 49_000 })).toEqual({ within: true });
    expect(judge(tier1, { amountFen: 1_000, caseUsedFen: 0, dayUsedFen: 49_001 })).toEqual({ within: false, over: 'day' });
  });

  it('tells what is left: the smaller of case and day', () => {
    expect(remaining(tier1, { caseUsedFen: 1_000, dayUsedFen: 48_000 })).toEqual({ caseFen: 4_000, dayFen: 2_000, nowFen: 2_000 });
    expect(remaining(tier1, { caseUsedFen: 6_000, dayUsedFen: 0 })).toEqual({ caseFen: 0, dayFen: 50_000, nowFen: 0 });
  });

  it('lets only a higher tier approve, within its own case limit; operators always', () => {
    const tier3 = { tier: 3, limits: { caseFen: 50_000, dayFen: 1_000_000 } };
    expect(canApprove(tier3, { agentTier: 1, amountFen: 20_000, caseUsedFen: 0 })).toBe(true);
    expect(canApprove(tier3, { agentTier: 1, amountFen: 50_001, caseUsedFen: 0 })).toBe(false);
    expect(canApprove(tier3, { agentTier: 3, amountFen: 100, caseUsedFen: 0 })).toBe(false);
    expect(canApprove('operator', { agentTier: 3, amountFen: 10_000_000, caseUsedFen: 0 })).toBe(true);
  });
});
