// The merchant's new-coupon form: what is typed (yuan, 折, local times) → the API body (fen,
// basis points, ISO instants), with the checks a person needs to see before sending.
import { yuanToFen } from '../money';
import type { StoreCouponInput } from '../types';

export interface CouponDraft {
  title: string;
  kind: 'amount' | 'percent';
  threshold: string;
  amountOff: string;
  zhe: string;
  maxOff: string;
  startsAt: string;
  endsAt: string;
  totalQuantity: string;
  perUserLimit: string;
  scope: 'store' | 'live_room';
  liveRoomId: string;
}

/** A datetime-local value (local time, minutes). */
export function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function newDraft(now = new Date()): CouponDraft {
  const end = new Date(now.getTime() + 7 * 86_400_000);
  return { title: '', kind: 'amount', threshold: '99', amountOff: '10', zhe: '9', maxOff: '', startsAt: localInput(now), endsAt: localInput(end), totalQuantity: '100', perUserLimit: '1', scope: 'store', liveRoomId: '' };
}

export type DraftErrors = Partial<Record<keyof CouponDraft, 'required' | 'number' | 'offTooBig' | 'window'>>;

const int = (s: string, min: number, max: number): number | null => {
  if (!/^\d+$/.test(s.trim())) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
};

/** The request body, or what is wrong with the draft. */
export function toBody(d: CouponDraft): { body: StoreCouponInput } | { errors: DraftErrors } {
  const e: DraftErrors = {};
  if (!d.title.trim()) e.title = 'required';
  const threshold = d.threshold.trim() === '' ? 0 : yuanToFen(d.threshold);
  if (threshold === null) e.threshold = 'number';
  const body: StoreCouponInput = { title: d.title.trim(), kind: d.kind, startsAt: '', endsAt: '', totalQuantity: 0, perUserLimit: 0 };
  if (threshold) body.thresholdFen = threshold;
  if (d.kind === 'amount') {
    const off = yuanToFen(d.amountOff);
    if (off === null || off <= 0) e.amountOff = 'number';
    else if (threshold && off >= threshold) e.amountOff = 'offTooBig';
    else body.amountOffFen = off;
  } else {
    const zhe = Number(d.zhe);
    if (!/^\d(\.\d{1,2})?$/.test(d.zhe.trim()) || zhe <= 0 || zhe >= 10) e.zhe = 'number';
    else body.percentOffBps = Math.round((10 - zhe) * 1000);
    if (d.maxOff.trim()) {
      const cap = yuanToFen(d.maxOff);
      if (cap === null || cap <= 0) e.maxOff = 'number';
      else body.maxOffFen = cap;
    }
  }
  const starts = new Date(d.startsAt);
  const ends = new Date(d.endsAt);
  if (Number.isNaN(starts.getTime())) e.startsAt = 'required';
  if (Number.isNaN(ends.getTime())) e.endsAt = 'required';
  else if (!Number.isNaN(starts.getTime()) && ends <= starts) e.endsAt = 'window';
  const total = int(d.totalQuantity, 1, 10_000_000);
  const per = int(d.perUserLimit, 1, 100);
  if (total === null) e.totalQuantity = 'number';
  if (per === null) e.perUserLimit = 'number';
  if (d.scope === 'live_room') {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(d.liveRoomId.trim())) e.liveRoomId = 'required';
    else body.liveRoomId = d.liveRoomId.trim();
    body.scope = 'live_room';
  }
  if (Object.keys(e).length > 0) return { errors: e };
  return { body: { ...body, startsAt: starts.toISOString(), endsAt: ends.toISOString(), totalQuantity: total ?? 1, perUserLimit: per ?? 1 } };
}
