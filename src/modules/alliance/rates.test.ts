import { describe, expect, it } from 'vitest';
import { coexistenceConflict, effectiveRate, pendingAt, planRateChange, rateAt, type PlanFacts, type RateStep } from './rates.ts';

const DAY = 86_400_000;
const T0 = new Date('2026-01-01T00:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const POLICY = { lockMs: 30 * DAY, noticeMs: 2 * DAY };
const step = (rateBps: number, setDay: number, effDay = setDay, supersededDay: number | null = null): RateStep => ({ rateBps, setAt: at(setDay), effectiveAt: at(effDay), supersededAt: supersededDay === null ? null : at(supersededDay) });
const plan = (id: string, over: Partial<PlanFacts> & { rate?: number } = {}): PlanFacts => ({
  id, kind: 'open', creatorId: null, approvalRequired: false, flatFeeFen: 0, createdAt: T0, endedAt: null, steps: [step(over.rate ?? 1000, 0)], ...over,
});

describe('rateAt', () => {
  it('is the latest effective step that was never superseded', () => {
    const steps = [step(2000, 0), step(1000, 5, 31), step(1500, 10, 40, 20)];
    expect(rateAt(steps, at(-1))).toBeNull();
    expect(rateAt(steps, at(30))).toBe(2000);
    expect(rateAt(steps, at(31))).toBe(1000);
    // The step superseded on day 20 never applies, not even after its effective time.
    expect(rateAt(steps, at(41))).toBe(1000);
    expect(pendingAt(steps, at(10))?.rateBps).toBe(1000);
    expect(pendingAt(steps, at(31))).toBeNull();
  });
});

describe('planRateChange', () => {
  it('applies an increase at once', () => {
    expect(planRateChange([step(1000, 0)], 1500, at(1), POLICY)).toEqual({ kind: 'increase', effectiveAt: at(1), supersedePending: false });
  });
  it('holds a decrease until the lock since the last rate set ends, when that is later than the notice', () => {
    expect(planRateChange([step(2000, 0)], 1000, at(1), POLICY)).toEqual({ kind: 'decrease', effectiveAt: at(30), supersedePending: false });
  });
  it('gives at least the notice period once the lock is over', () => {
    expect(planRateChange([step(2000, 0)], 1000, at(45), POLICY)).toEqual({ kind: 'decrease', effectiveAt: at(47), supersedePending: false });
  });
  it('restarts the lock from an increase', () => {
    const steps = [step(1000, 0), step(3000, 40)];
    expect(planRateChange(steps, 2000, at(41), POLICY)).toMatchObject({ kind: 'decrease', effectiveAt: at(70) });
  });
  it('lets an increase or the same rate call off a pending cut, and a second cut replace the first', () => {
    const steps = [step(2000, 0), step(1000, 1, 30)];
    expect(planRateChange(steps, 2500, at(2), POLICY)).toEqual({ kind: 'increase', effectiveAt: at(2), supersedePending: true });
    expect(planRateChange(steps, 2000, at(2), POLICY)).toEqual({ kind: 'restore', effectiveAt: at(2), supersedePending: true });
    expect(planRateChange(steps, 500, at(2), POLICY)).toEqual({ kind: 'decrease', effectiveAt: at(30), supersedePending: true });
    expect(planRateChange([step(2000, 0)], 2000, at(2), POLICY)).toEqual({ kind: 'unchanged' });
  });
});

describe('effectiveRate', () => {
  const me = 'usr_me';
  it('gives the creator the highest rate among the plans that apply', () => {
    const plans = [plan('open', { rate: 1000 }), plan('mine', { kind: 'targeted', creatorId: me, rate: 2500, flatFeeFen: 5000 }), plan('theirs', { kind: 'targeted', creatorId: 'usr_other', rate: 4000 })];
    expect(effectiveRate(plans, me, at(1))).toEqual({ planId: 'mine', kind: 'targeted', rateBps: 2500, flatFeeFen: 5000 });
    expect(effectiveRate(plans, 'usr_third', at(1))).toEqual({ planId: 'open', kind: 'open', rateBps: 1000, flatFeeFen: 0 });
  });
  it('keeps an open plan above a lower targeted one', () => {
    const plans = [plan('open', { rate: 3000 }), plan('mine', { kind: 'targeted', creatorId: me, rate: 2000, flatFeeFen: 100 })];
    expect(effectiveRate(plans, me, at(1))?.planId).toBe('open');
  });
  it('prefers the plan naming the creator on a tie', () => {
    const plans = [plan('open', { rate: 2000 }), plan('mine', { kind: 'targeted', creatorId: me, rate: 2000 })];
    expect(effectiveRate(plans, me, at(1))?.planId).toBe('mine');
  });
  it('counts an open plan with approval only once the creator is approved', () => {
    const plans = [plan('gated', { approvalRequired: true, rate: 3000 })];
    expect(effectiveRate(plans, me, at(1))).toBeNull();
    expect(effectiveRate(plans, me, at(1), new Set(['gated']))?.rateBps).toBe(3000);
  });
  it('answers for a time: before a plan, after it ended, and across a scheduled cut', () => {
    const plans = [plan('open', { createdAt: at(5), endedAt: at(50), steps: [step(2000, 5), step(1000, 6, 35)] })];
    expect(effectiveRate(plans, me, at(4))).toBeNull();
    expect(effectiveRate(plans, me, at(34))?.rateBps).toBe(2000);
    expect(effectiveRate(plans, me, at(35))?.rateBps).toBe(1000);
    expect(effectiveRate(plans, me, at(50))).toBeNull();
  });
});

describe('coexistenceConflict', () => {
  it('lets an exclusive plan stand only alone', () => {
    expect(coexistenceConflict('exclusive', [])).toBeNull();
    expect(coexistenceConflict('exclusive', ['open'])).not.toBeNull();
    expect(coexistenceConflict('exclusive', ['targeted'])).not.toBeNull();
    expect(coexistenceConflict('open', ['exclusive'])).not.toBeNull();
    expect(coexistenceConflict('targeted', ['open', 'targeted'])).toBeNull();
  });
});
