// The alliance's rate rules, pure (no clock, no database): which rate is in force at a time, how a
// merchant's rate change is scheduled, and which plan a creator earns by when several apply.
//
// Why changes are stored as steps rather than overwriting a rate: a creator picks goods and makes
// videos on the promise of a rate, so a cut must not land under them. Increases take effect at
// once; a decrease takes effect only after `noticeMs` from when it is announced and never before
// `lockMs` has passed since the rate in force was set. Every step keeps when it was set and when it
// takes effect, so "the rate at time t" (what an order attributed at t earns) is answerable later.

export interface RatePolicy {
  /** A rate in force may not be cut until this long after it was set. */
  lockMs: number;
  /** A cut is announced this long before it takes effect. */
  noticeMs: number;
}

export interface RateStep {
  rateBps: number;
  setAt: Date;
  effectiveAt: Date;
  /** Set when a later change replaced this step before it took effect: it never applied. */
  supersededAt: Date | null;
}

export type PlanKind = 'open' | 'targeted' | 'exclusive';

/** What precedence needs of a plan; `creatorId` is null for open plans. */
export interface PlanFacts {
  id: string;
  kind: PlanKind;
  creatorId: string | null;
  approvalRequired: boolean;
  flatFeeFen: number;
  createdAt: Date;
  /** When the plan stopped; it applies to times before this. */
  endedAt: Date | null;
  steps: RateStep[];
}

/** The step in force at `at`: the latest effective one that was never superseded. */
export function stepAt(steps: readonly RateStep[], at: Date): RateStep | null {
  let best: RateStep | null = null;
  for (const s of steps) {
    if (s.supersededAt !== null || s.effectiveAt > at) continue;
    // Ties (two steps effective at the same instant) go to the one set later.
    if (!best || s.effectiveAt > best.effectiveAt || (s.effectiveAt.getTime() === best.effectiveAt.getTime() && s.setAt > best.setAt)) best = s;
  }
  return best;
}

export const rateAt = (steps: readonly RateStep[], at: Date): number | null => stepAt(steps, at)?.rateBps ?? null;

/** The change announced but not yet in force at `at`, if any. */
export function pendingAt(steps: readonly RateStep[], at: Date): RateStep | null {
  const pending = steps.filter((s) => s.supersededAt === null && s.effectiveAt > at);
  return pending.sort((a, b) => b.setAt.getTime() - a.setAt.getTime())[0] ?? null;
}

export type RateChange =
  /** Nothing to do: the rate asked for is in force and nothing is pending. */
  | { kind: 'unchanged' }
  /** Takes effect now; any pending change is superseded (an increase, or a cut called off). */
  | { kind: 'increase' | 'restore'; effectiveAt: Date; supersedePending: boolean }
  /** A cut: takes effect at `effectiveAt`; a pending change it replaces is superseded. */
  | { kind: 'decrease'; effectiveAt: Date; supersedePending: boolean };

/**
 * How a merchant's new rate is applied at `now`. A plan always has a step in force (its first is
 * effective when the plan is created), so `steps` is never empty for a live plan.
 */
export function planRateChange(steps: readonly RateStep[], newRateBps: number, now: Date, policy: RatePolicy): RateChange {
  const current = stepAt(steps, now);
  if (!current) throw new Error('a plan without a rate in force');
  const pending = pendingAt(steps, now) !== null;
  if (newRateBps > current.rateBps) return { kind: 'increase', effectiveAt: now, supersedePending: pending };
  if (newRateBps === current.rateBps) return pending ? { kind: 'restore', effectiveAt: now, supersedePending: true } : { kind: 'unchanged' };
  // The lock runs from when the rate in force was set; notice from now.
  const lockEnds = current.effectiveAt.getTime() + policy.lockMs;
  const noticeEnds = now.getTime() + policy.noticeMs;
  return { kind: 'decrease', effectiveAt: new Date(Math.max(lockEnds, noticeEnds)), supersedePending: pending };
}

export interface EffectiveRate {
  planId: string;
  kind: PlanKind;
  rateBps: number;
  flatFeeFen: number;
}

/** Whether the plan lets this creator earn at `at` (before any rate is looked at). */
export function appliesTo(p: PlanFacts, creatorId: string, at: Date, approvedPlanIds: ReadonlySet<string>): boolean {
  if (p.createdAt > at || (p.endedAt !== null && p.endedAt <= at)) return false;
  if (p.kind === 'open') return !p.approvalRequired || approvedPlanIds.has(p.id);
  return p.creatorId === creatorId;
}

/**
 * The plan a creator earns by at `at`: the highest rate among the plans that apply to them (open
 * plans, once approved where approval is required; targeted and exclusive plans naming them). On a
 * tie, a plan naming the creator wins (it may carry a flat fee), then the older plan. Null: none.
 */
export function effectiveRate(plans: readonly PlanFacts[], creatorId: string, at: Date, approvedPlanIds: ReadonlySet<string> = new Set()): EffectiveRate | null {
  let best: (EffectiveRate & { named: boolean; createdAt: Date }) | null = null;
  for (const p of plans) {
    if (!appliesTo(p, creatorId, at, approvedPlanIds)) continue;
    const rateBps = rateAt(p.steps, at);
    if (rateBps === null) continue;
    const named = p.kind !== 'open';
    const better = !best || rateBps > best.rateBps || (rateBps === best.rateBps && ((named && !best.named) || (named === best.named && p.createdAt < best.createdAt)));
    if (better) best = { planId: p.id, kind: p.kind, rateBps, flatFeeFen: p.kind === 'open' ? 0 : p.flatFeeFen, named, createdAt: p.createdAt };
  }
  return best && { planId: best.planId, kind: best.kind, rateBps: best.rateBps, flatFeeFen: best.flatFeeFen };
}

/** Exclusive plans stand alone on a product; open and targeted plans may sit together. */
export function coexistenceConflict(kind: PlanKind, activeKinds: readonly PlanKind[]): string | null {
  if (kind === 'exclusive' && activeKinds.length > 0) return 'An exclusive plan cannot coexist with the product’s other plans; end them first';
  if (kind !== 'exclusive' && activeKinds.includes('exclusive')) return 'The product has an exclusive plan; end it first';
  return null;
}
