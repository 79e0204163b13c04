// Agent authority (pure): what an agent may pay out on the spot. Each tier has a limit per case
// (all compensation on one ticket, this one included) and per day (everything the agent paid
// today). Within both: done at once; above either: a supervisor must approve.
export interface TierLimits {
  caseFen: number;
  dayFen: number;
}

export type AuthorityLimits = Readonly<Record<1 | 2 | 3, TierLimits>>;

export type Verdict = { within: true } | { within: false; over: 'case' | 'day' };

export function judge(limits: TierLimits, ask: { amountFen: number; caseUsedFen: number; dayUsedFen: number }): Verdict {
  if (ask.caseUsedFen + ask.amountFen > limits.caseFen) return { within: false, over: 'case' };
  if (ask.dayUsedFen + ask.amountFen > limits.dayFen) return { within: false, over: 'day' };
  return { within: true };
}

/** What the agent may still pay on this case right now, without approval. */
export function remaining(limits: TierLimits, used: { caseUsedFen: number; dayUsedFen: number }): { caseFen: number; dayFen: number; nowFen: number } {
  const caseFen = Math.max(0, limits.caseFen - used.caseUsedFen);
  const dayFen = Math.max(0, limits.dayFen - used.dayUsedFen);
  return { caseFen, dayFen, nowFen: Math.min(caseFen, dayFen) };
}

/** A supervisor approves a request only when the tier is higher and the amount fits its own case limit. */
export function canApprove(approver: { tier: number; limits: TierLimits } | 'operator', request: { agentTier: number; amountFen: number; caseUsedFen: number }): boolean {
  if (approver === 'operator') return true;
  return approver.tier > request.agentTier && request.caseUsedFen + request.amountFen <= approver.limits.caseFen;
}
