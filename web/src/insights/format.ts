// Numbers and days of the dashboards. Money is integer fen shown as ¥ with two decimals (a
// dashboard compares figures, so ¥320.00 beside ¥64.50 reads better than money.ts's trimmed ¥320).
// Days are China days (UTC+8, no daylight saving), the server's unit, wherever the browser is.

/** ¥1,234.50: exact (integer arithmetic), grouped thousands. */
export function money(fen: number | null): string {
  if (fen === null) return '—';
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(Math.trunc(fen));
  const whole = Math.floor(a / 100).toLocaleString('en-US');
  return `${sign}¥${whole}.${String(a % 100).padStart(2, '0')}`;
}

/** Yuan as a plain number, for chart axes and tooltips (not for totals: floats). */
export const yuanNum = (fen: number): number => fen / 100;

/** A count with grouped thousands. */
export const count = (n: number | null): string => (n === null ? '—' : n.toLocaleString('en-US'));

/** A fraction as a percentage (0.3448 → 34.5%); — when the base was 0. */
export function pct(rate: number | null, digits = 1): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/** Watch time: 5.0s, 1m 05s. */
export function watch(ms: number | null): string {
  if (ms === null) return '—';
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  return `${Math.floor(s / 60)}m ${String(Math.round(s % 60)).padStart(2, '0')}s`;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Today in China, YYYY-MM-DD. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** A China minute (an ISO instant) as HH:mm. */
export function chinaMinute(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(11, 16);
}

/** MM-DD for axis labels. */
export const shortDay = (day: string): string => day.slice(5);

export const RANGE_PRESETS = [7, 30, 90] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface DayRange {
  from: string;
  to: string;
}

/** The last `days` China days, today included. */
export function presetRange(days: RangePreset, now = Date.now()): DayRange {
  const to = chinaToday(now);
  return { from: addDays(to, -(days - 1)), to };
}

export function presetOf(r: DayRange, now = Date.now()): RangePreset | null {
  return RANGE_PRESETS.find((p) => {
    const x = presetRange(p, now);
    return x.from === r.from && x.to === r.to;
  }) ?? null;
}
