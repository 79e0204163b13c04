// Governance's pure rules: what a store's penalties do to its reach and whether it may use the
// alliance. No database: the service hands in the rows.

export type PenaltyKind = 'warning' | 'points' | 'reduced_reach' | 'takedown' | 'alliance_suspension';

export interface PenaltyFacts {
  kind: PenaltyKind;
  status: 'active' | 'appealed' | 'revoked';
  points: number;
  factor: number;
  startsAt: Date;
  endsAt: Date | null;
}

export interface ReachPolicy {
  /** Points within POINTS_WINDOW_DAYS at or above this cut reach automatically… */
  pointsReachThreshold: number;
  /** …to this factor (0..1). */
  pointsReachFactor: number;
}

export const POINTS_WINDOW_DAYS = 365;
const DAY = 86_400_000;

/** In effect at `now`: not revoked (an appealed penalty holds until decided), started and not ended. */
export const inEffect = (p: PenaltyFacts, now: Date): boolean =>
  p.status !== 'revoked' && p.startsAt <= now && (p.endsAt === null || p.endsAt > now);

/** Points that count at `now`: those of unrevoked points penalties of the last 365 days. */
export function pointsAt(ps: PenaltyFacts[], now: Date): number {
  return ps.filter((p) => p.kind === 'points' && p.status !== 'revoked' && p.startsAt.getTime() > now.getTime() - POINTS_WINDOW_DAYS * DAY && p.startsAt <= now).reduce((a, p) => a + p.points, 0);
}

/**
 * A store's reach factor (0..1, 1 = untouched) and until when it holds (null: no end known, or
 * factor 1): the lowest of its reduced-reach penalties in effect and, while its points reach the
 * threshold, the points factor (until enough points leave the 365-day window).
 */
export function reachOf(ps: PenaltyFacts[], now: Date, policy: ReachPolicy): { factor: number; until: Date | null } {
  let factor = 1;
  let until: Date | null = null;
  const lower = (f: number, end: Date | null) => {
    if (f < factor) {
      factor = f;
      until = end;
    } else if (f === factor && f < 1) until = until === null || end === null ? null : end > until ? end : until;
  };
  for (const p of ps) if (p.kind === 'reduced_reach' && inEffect(p, now)) lower(Math.max(0, Math.min(1, p.factor)), p.endsAt);
  if (pointsAt(ps, now) >= policy.pointsReachThreshold) {
    // The oldest points leave the window first: the factor holds until the sum drops below the threshold.
    const counted = ps.filter((p) => p.kind === 'points' && p.status !== 'revoked' && p.startsAt.getTime() > now.getTime() - POINTS_WINDOW_DAYS * DAY && p.startsAt <= now).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    let sum = counted.reduce((a, p) => a + p.points, 0);
    let end: Date | null = null;
    for (const p of counted) {
      sum -= p.points;
      if (sum < policy.pointsReachThreshold) {
        end = new Date(p.startsAt.getTime() + POINTS_WINDOW_DAYS * DAY);
        break;
      }
    }
    lower(Math.max(0, Math.min(1, policy.pointsReachFactor)), end);
  }
  return { factor, until: factor < 1 ? until : null };
}

export interface GateAnswer {
  allowed: boolean;
  score: number | null;
  minScore: number;
  /** Why not: the score is under the threshold, or an alliance suspension is in effect. */
  reasons: Array<'score_below_threshold' | 'alliance_suspended'>;
  suspendedUntil: string | null;
}

/** The alliance gate: score ≥ minScore (no score yet: not gated) and no alliance suspension in effect. */
export function gate(score: number | null, ps: PenaltyFacts[], now: Date, minScore: number): GateAnswer {
  const reasons: GateAnswer['reasons'] = [];
  if (score !== null && score < minScore) reasons.push('score_below_threshold');
  const suspensions = ps.filter((p) => p.kind === 'alliance_suspension' && inEffect(p, now));
  if (suspensions.length) reasons.push('alliance_suspended');
  const ends = suspensions.map((p) => p.endsAt);
  const suspendedUntil = suspensions.length === 0 ? null : ends.some((e) => e === null) ? null : new Date(Math.max(...ends.map((e) => e!.getTime()))).toISOString();
  return { allowed: reasons.length === 0, score, minScore, reasons, suspendedUntil };
}
