// NPS arithmetic, pure (no database, no clock): scores → bands → counts → NPS, and counts per day
// folded into a trend of day or ISO-week buckets. The SQL in report.ts only counts answers per
// band and day with the thresholds below; every figure shown is computed here.

/** Scores at or above this are promoters (9–10). */
export const PROMOTER_MIN = 9;
/** Scores at or above this and below PROMOTER_MIN are passives (7–8); below it, detractors (0–6). */
export const PASSIVE_MIN = 7;

export interface Tally {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface Figure extends Tally {
  responses: number;
  /** % promoters − % detractors, a whole number from −100 to 100; null when nobody answered (not 0). */
  nps: number | null;
}

export const ZERO: Tally = { promoters: 0, passives: 0, detractors: 0 };

export type Band = 'promoter' | 'passive' | 'detractor';

export function bandOf(score: number): Band {
  if (!Number.isInteger(score) || score < 0 || score > 10) throw new RangeError(`an NPS score is an integer 0–10, not ${score}`);
  return score >= PROMOTER_MIN ? 'promoter' : score >= PASSIVE_MIN ? 'passive' : 'detractor';
}

export function tally(scores: readonly number[]): Tally {
  const t = { ...ZERO };
  for (const s of scores) {
    const b = bandOf(s);
    if (b === 'promoter') t.promoters++;
    else if (b === 'passive') t.passives++;
    else t.detractors++;
  }
  return t;
}

export const add = (a: Tally, b: Tally): Tally => ({ promoters: a.promoters + b.promoters, passives: a.passives + b.passives, detractors: a.detractors + b.detractors });

/**
 * NPS of a tally, rounded half away from zero (so a result and its mirror image round alike:
 * +12.5 → 13, −12.5 → −13; Math.round alone would give −12). Computed from the exact fraction
 * 100·(P − D)/N, never from rounded percentages.
 */
export function npsOf(t: Tally): number | null {
  const n = t.promoters + t.passives + t.detractors;
  if (n === 0) return null;
  const exact = (100 * (t.promoters - t.detractors)) / n;
  const r = Math.sign(exact) * Math.round(Math.abs(exact));
  return r === 0 ? 0 : r; // no −0 in JSON
}

export const figure = (t: Tally): Figure => ({ promoters: t.promoters, passives: t.passives, detractors: t.detractors, responses: t.promoters + t.passives + t.detractors, nps: npsOf(t) });

// ---- days and weeks ---------------------------------------------------------------------------

/**
 * Days are the platform's business days in China Standard Time (UTC+8, no daylight saving), so
 * an answer at 07:00 Beijing time is not counted in the day before.
 */
export const TZ_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The day number (days since 1970-01-01 in UTC+8) of an instant. */
export const dayOf = (at: Date): number => Math.floor((at.getTime() + TZ_OFFSET_MS) / DAY_MS);

/** A day number as its calendar date, YYYY-MM-DD. */
export const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The first day (a Monday) of the ISO week holding `day`: day 0, 1970-01-01, was a Thursday. */
export const weekStart = (day: number): number => Math.floor((day + 3) / 7) * 7 - 3;

/** An ISO week label (2025-W03) for the week starting on Monday `monday`. */
export function isoWeek(monday: number): string {
  const thursday = monday + 3; // the ISO year is the year of the week's Thursday
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export type Bucket = 'day' | 'week';

export interface TrendPoint extends Figure {
  /** The bucket's first day, YYYY-MM-DD (a Monday for weeks). */
  start: string;
  /** 2025-03-14 for a day, 2025-W11 for a week. */
  label: string;
}

/**
 * Counts per day folded into every bucket from the one holding `from` to the one holding the
 * last instant before `to` (exclusive), in order; a bucket with no answers has nps null.
 */
export function trend(days: ReadonlyArray<Tally & { day: number }>, from: Date, to: Date, bucket: Bucket): TrendPoint[] {
  const keyOf = (day: number) => (bucket === 'week' ? weekStart(day) : day);
  const step = bucket === 'week' ? 7 : 1;
  const first = keyOf(dayOf(from));
  const last = keyOf(dayOf(new Date(to.getTime() - 1)));
  const sums = new Map<number, Tally>();
  for (const d of days) {
    const k = keyOf(d.day);
    sums.set(k, add(sums.get(k) ?? ZERO, d));
  }
  const out: TrendPoint[] = [];
  for (let k = first; k <= last; k += step) {
    out.push({ start: dateOf(k), label: bucket === 'week' ? isoWeek(k) : dateOf(k), ...figure(sums.get(k) ?? ZERO) });
  }
  return out;
}

// ---- rankings ---------------------------------------------------------------------------------

/**
 * The best and worst `n` by NPS among those with at least `minResponses` answers (a store with
 * two answers is not the platform's worst); ties go to the one with more answers, then by key.
 */
export function rank<T extends Figure & { key: string }>(rows: readonly T[], minResponses: number, n: number): { top: T[]; bottom: T[] } {
  const eligible = rows.filter((r) => r.nps !== null && r.responses >= minResponses);
  const by = (dir: 1 | -1) => (a: T, b: T) => dir * ((a.nps ?? 0) - (b.nps ?? 0)) || b.responses - a.responses || a.key.localeCompare(b.key);
  return { top: [...eligible].sort(by(-1)).slice(0, n), bottom: [...eligible].sort(by(1)).slice(0, n) };
}
