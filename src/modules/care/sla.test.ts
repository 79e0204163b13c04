import { describe, expect, it } from 'vitest';
import { breaches, dueTimes } from './sla.ts';

const cfg = { firstResponseMinutes: 30, resolveHours: 24 };
const t0 = new Date('2026-11-26T08:00:00Z');

describe('SLA timers', () => {
  it('scales the normal times by urgency', () => {
    expect(dueTimes(cfg, 'normal', t0)).toEqual({ firstResponseDue: new Date('2026-11-26T08:30:00Z'), resolveDue: new Date('2026-11-27T08:00:00Z') });
    expect(dueTimes(cfg, 'urgent', t0)).toEqual({ firstResponseDue: new Date('2026-11-26T08:03:00Z'), resolveDue: new Date('2026-11-26T12:00:00Z') });
    expect(dueTimes(cfg, 'low', t0).firstResponseDue).toEqual(new Date('2026-11-26T10:00:00Z'));
  });

  it('breaks a timer only when it was not met in time', () => {
    const due = dueTimes(cfg, 'normal', t0);
    const base = { ...due, firstResponseAt: null, resolvedAt: null, closedAt: null };
    expect(breaches(base, new Date('2026-11-26T08:29:00Z'))).toEqual([]);
    expect(breaches(base, new Date('2026-11-26T08:31:00Z'))).toEqual(['first_response']);
    expect(breaches({ ...base, firstResponseAt: new Date('2026-11-26T08:10:00Z') }, new Date('2026-11-28T00:00:00Z'))).toEqual(['resolve']);
    expect(breaches({ ...base, firstResponseAt: new Date('2026-11-26T08:10:00Z'), resolvedAt: new Date('2026-11-26T09:00:00Z') }, new Date('2026-12-30T00:00:00Z'))).toEqual([]);
  });
});
