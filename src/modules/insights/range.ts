// Date ranges of the dashboards, in China days (UTC+8, no daylight saving): a merchant's day
// starts at midnight in Beijing wherever the server runs. Pure.
import { invalid } from '../../platform/errors.ts';

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The China day of an instant, as YYYY-MM-DD. */
export function chinaDay(t: Date | number): string {
  const ms = typeof t === 'number' ? t : t.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** The China minute of an instant (its start, as a Date). */
export function minuteOf(t: Date | number): Date {
  const ms = typeof t === 'number' ? t : t.getTime();
  return new Date(Math.floor(ms / 60_000) * 60_000);
}

/** Midnight of a China day, as an instant. */
export function dayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00.000Z`) - Date.parse(`${a}T00:00:00.000Z`)) / DAY_MS);
}

export interface DayRange {
  from: string;
  to: string;
  /** Days in the range, both ends included. */
  days: number;
}

const real = (d: string): boolean => {
  if (!DAY.test(d)) return false;
  const t = Date.parse(`${d}T00:00:00.000Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
};

/**
 * The range a request asks for: both ends included; `to` defaults to today, `from` to `defaultDays`
 * ending at `to`. A day that does not exist, a reversed range, or one longer than `maxDays` is a
 * 400 naming the field.
 */
export function parseRange(q: { from?: string; to?: string }, today: string, opts: { maxDays: number; defaultDays: number }): DayRange {
  if (q.from !== undefined && !real(q.from)) throw invalid('from', 'Not a day (YYYY-MM-DD)');
  if (q.to !== undefined && !real(q.to)) throw invalid('to', 'Not a day (YYYY-MM-DD)');
  const to = q.to ?? (q.from !== undefined && q.from > today ? q.from : today);
  const from = q.from ?? addDays(to, -(opts.defaultDays - 1));
  if (from > to) throw invalid('from', `The range is reversed: ${from} is after ${to}`);
  const days = daysBetween(from, to) + 1;
  if (days > opts.maxDays) throw invalid('to', `At most ${opts.maxDays} days at once (asked ${days})`);
  return { from, to, days };
}

/** Every day of the range, in order. */
export function daysOf(r: DayRange): string[] {
  return Array.from({ length: r.days }, (_, i) => addDays(r.from, i));
}
