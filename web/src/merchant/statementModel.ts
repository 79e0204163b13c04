// The statement page's date range and entry kinds. Dates are the merchant's local calendar days;
// the API takes instants, so a day range becomes [first day 00:00, day after the last 00:00).

export type RangePreset = 'all' | 'today' | '7d' | '30d' | 'month' | 'custom';
export const RANGE_PRESETS: RangePreset[] = ['all', 'today', '7d', '30d', 'month'];

export interface DayRange {
  /** YYYY-MM-DD, inclusive; '' = open. */
  from: string;
  /** YYYY-MM-DD, inclusive; '' = open. */
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(s: string | null | undefined): s is string {
  if (!s || !DAY.test(s)) return false;
  const d = parseDay(s);
  return d !== null && dayOf(d) === s;
}

function parseDay(s: string): Date | null {
  const [y, m, d] = s.split('-').map(Number);
  if (!y || !m || !d) return null;
  const date = new Date(y, m - 1, d);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A local date as YYYY-MM-DD. */
export function dayOf(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function addDays(d: Date, n: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
}

export function presetRange(preset: RangePreset, now = new Date()): DayRange {
  const today = dayOf(now);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case '7d':
      return { from: dayOf(addDays(now, -6)), to: today };
    case '30d':
      return { from: dayOf(addDays(now, -29)), to: today };
    case 'month':
      return { from: dayOf(new Date(now.getFullYear(), now.getMonth(), 1)), to: today };
    default:
      return { from: '', to: '' };
  }
}

/** Which preset a range is, so the matching button lights up. */
export function presetOf(range: DayRange, now = new Date()): RangePreset {
  for (const p of RANGE_PRESETS) {
    const r = presetRange(p, now);
    if (r.from === range.from && r.to === range.to) return p;
  }
  return 'custom';
}

/** The API's instants for a day range (local midnight, `to` exclusive). */
export function rangeQuery(range: DayRange): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  const from = range.from ? parseDay(range.from) : null;
  const to = range.to ? parseDay(range.to) : null;
  if (from) out.from = from.toISOString();
  if (to) out.to = addDays(to, 1).toISOString();
  return out;
}

/** The statement's kinds of entry, grouped into what a merchant recognises. */
export type KindGroup = 'sale' | 'refund' | 'fee' | 'coupon' | 'compensation' | 'payout' | 'adjustment' | 'other';

export function kindGroup(kind: string): KindGroup {
  const k = kind.toLowerCase();
  if (/refund|after_sales|aftersales|return/.test(k)) return 'refund';
  if (/compensation/.test(k)) return 'compensation';
  if (/payout|withdraw|settle/.test(k)) return 'payout';
  if (/fee/.test(k)) return 'fee';
  if (/coupon/.test(k)) return 'coupon';
  if (/payment|captured|order|sale/.test(k)) return 'sale';
  if (/adjust|correction/.test(k)) return 'adjustment';
  return 'other';
}
