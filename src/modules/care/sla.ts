// SLA timers (pure): when a ticket must get its first agent reply and when it must be resolved.
// The configured times are for a normal ticket; other urgencies scale them, so one number per
// timer tunes the whole desk.
import type { Urgency } from './triage/triage.ts';

export interface SlaConfig {
  /** Minutes to the first agent reply, for a normal ticket. */
  firstResponseMinutes: number;
  /** Hours to resolution, for a normal ticket. */
  resolveHours: number;
}

/** Share of the normal time each urgency gets: urgent 1/10 (3 min of 30), high 1/3, low 4×. */
export const URGENCY_FACTOR: Readonly<Record<Urgency, { firstResponse: number; resolve: number }>> = {
  urgent: { firstResponse: 0.1, resolve: 1 / 6 },
  high: { firstResponse: 1 / 3, resolve: 0.5 },
  normal: { firstResponse: 1, resolve: 1 },
  low: { firstResponse: 4, resolve: 3 },
};

export function dueTimes(cfg: SlaConfig, urgency: Urgency, openedAt: Date): { firstResponseDue: Date; resolveDue: Date } {
  const f = URGENCY_FACTOR[urgency];
  return {
    firstResponseDue: new Date(openedAt.getTime() + Math.round(cfg.firstResponseMinutes * f.firstResponse * 60_000)),
    resolveDue: new Date(openedAt.getTime() + Math.round(cfg.resolveHours * f.resolve * 3_600_000)),
  };
}

export type Breach = 'first_response' | 'resolve';

/** Which timers a ticket has broken at `now` (a timer met in time never breaks later). */
export function breaches(t: { firstResponseDue: Date; resolveDue: Date; firstResponseAt: Date | null; resolvedAt: Date | null; closedAt: Date | null }, now: Date): Breach[] {
  const out: Breach[] = [];
  const responded = t.firstResponseAt ?? t.closedAt;
  if ((responded ? responded.getTime() : now.getTime()) > t.firstResponseDue.getTime()) out.push('first_response');
  const done = t.resolvedAt ?? t.closedAt;
  if ((done ? done.getTime() : now.getTime()) > t.resolveDue.getTime()) out.push('resolve');
  return out;
}
