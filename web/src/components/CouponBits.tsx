// A coupon drawn as a ticket: the value on a coloured stub (¥20 / 8.5折), the terms beside it.
import type { ReactNode } from 'react';
import { useI18n, type Translate } from '../i18n';
import { fenToYuan, formatFen } from '../money';
import type { Coupon } from '../types';

/** 2000 bps off → "8" 折; 1500 → "8.5" 折. */
export function zheOf(bps: number): string {
  const tenths = (10_000 - bps) / 1000;
  return String(Math.round(tenths * 100) / 100);
}

/** The short value: "¥20" or "8.5折" / "20% off". */
export function couponValue(c: Coupon, t: Translate, lang: 'zh' | 'en'): string {
  if (c.kind === 'amount') return formatFen(c.amountOffFen ?? 0);
  const bps = c.percentOffBps ?? 0;
  return lang === 'zh' ? t('coupon.percent', { n: zheOf(bps) }) : t('coupon.percent', { n: String(bps / 100) });
}

/** The tag on a 领券 strip: 满99减10 / 10元无门槛 / 9折. */
export function couponShort(c: Coupon, t: Translate, lang: 'zh' | 'en'): string {
  if (c.kind === 'percent') return couponValue(c, t, lang);
  const off = fenToYuan(c.amountOffFen ?? 0);
  return c.thresholdFen > 0 ? t('coupon.short.amount', { threshold: fenToYuan(c.thresholdFen), off }) : t('coupon.short.noThreshold', { off });
}

/** "满 99 可用" / "无门槛", plus the cap of a percent coupon. */
export function couponTerms(c: Coupon, t: Translate): string {
  const parts = [c.thresholdFen > 0 ? t('coupon.threshold', { amount: fenToYuan(c.thresholdFen) }) : t('coupon.noThreshold')];
  if (c.kind === 'percent' && c.maxOffFen) parts.push(t('coupon.maxOff', { amount: formatFen(c.maxOffFen) }));
  return parts.join(' · ');
}

function day(iso: string, lang: 'zh' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-US', { month: '2-digit', day: '2-digit' }) + ' ' + d.toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-US', { hour: '2-digit', minute: '2-digit', hour12: false });
}

export function couponValidity(c: Coupon, t: Translate, lang: 'zh' | 'en'): string {
  return Date.parse(c.startsAt) > Date.now() ? t('coupon.valid', { from: day(c.startsAt, lang), to: day(c.endsAt, lang) }) : t('coupon.validUntil', { to: day(c.endsAt, lang) });
}

export function CouponTicket({ coupon, side, dim = false, note, testId }: { coupon: Coupon; side?: ReactNode; dim?: boolean; note?: ReactNode; testId?: string }) {
  const { t, lang } = useI18n();
  const value = couponValue(coupon, t, lang);
  const [num, unit] = coupon.kind === 'amount' ? [value.replace(/^¥/, ''), '¥'] : [value, ''];
  return (
    <div className={`ticket ticket-${coupon.funder} ${dim ? 'ticket-dim' : ''}`} data-testid={testId}>
      <div className="ticket-stub">
        <div className="ticket-value">
          {unit && <small>{unit}</small>}
          {num}
        </div>
        <div className="ticket-terms">{coupon.thresholdFen > 0 ? t('coupon.threshold', { amount: fenToYuan(coupon.thresholdFen) }) : t('coupon.noThreshold')}</div>
      </div>
      <div className="ticket-body">
        <div className="ticket-title">
          <span className={`ticket-tag ticket-tag-${coupon.funder}`}>{t(`coupon.funder.${coupon.funder}`)}</span>
          {coupon.title}
        </div>
        <div className="ticket-meta">
          {coupon.scope === 'live_room' && <span className="ticket-live">{t('coupon.scope.live_room')}</span>}
          {coupon.scope === 'platform' ? t('coupon.scopePlatform') : t('coupon.scopeStore')}
          {coupon.kind === 'percent' && coupon.maxOffFen ? ` · ${t('coupon.maxOff', { amount: formatFen(coupon.maxOffFen) })}` : ''}
        </div>
        <div className="ticket-meta">{couponValidity(coupon, t, lang)}</div>
        {note && <div className="ticket-note">{note}</div>}
      </div>
      {side && <div className="ticket-side">{side}</div>}
    </div>
  );
}
