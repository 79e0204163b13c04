// Picking a coupon on the confirm-order page: one sheet for a store's slot, one for the
// platform's slot (the stacking rules allow one of each). Choices come from the quote, which
// already says which wallet coupons apply here, what each would take off, and why not.
import { Sheet } from '../components/Sheet';
import { CouponTicket } from '../components/CouponBits';
import { useI18n } from '../i18n';
import { formatFen } from '../money';
import type { Quote } from '../types';

export type CouponSlot = { kind: 'store'; storeId: string } | { kind: 'platform' };
type Choice = Quote['coupons'][number];

/** The quote's coupons that could fill a slot. */
export function slotCoupons(quote: Quote, slot: CouponSlot): Choice[] {
  return quote.coupons.filter((c) => {
    const cp = c.userCoupon.coupon;
    // The slot follows who funds it: one platform-funded coupon per checkout (even one scoped to
    // a store), one store-funded coupon per store.
    if (slot.kind === 'platform') return cp.funder === 'platform';
    return cp.funder === 'store' && cp.storeId === slot.storeId;
  });
}

/** The selection with `slot` set to `userCouponId` (null = none). */
export function withSlot(quote: Quote, slot: CouponSlot, userCouponId: string | null): string[] {
  const inSlot = new Set(slotCoupons(quote, slot).map((c) => c.userCoupon.id));
  const rest = quote.selectedCouponIds.filter((id) => !inSlot.has(id));
  return userCouponId ? [...rest, userCouponId] : rest;
}

export function CouponSheet({ quote, slot, onPick, onClose }: { quote: Quote; slot: CouponSlot; onPick: (userCouponId: string | null) => void; onClose: () => void }) {
  const { t } = useI18n();
  const choices = slotCoupons(quote, slot);
  const usable = choices.filter((c) => c.applicable || c.selected).sort((a, b) => b.discountFen - a.discountFen);
  const unusable = choices.filter((c) => !c.applicable && !c.selected);
  const selected = choices.find((c) => c.selected)?.userCoupon.id ?? null;
  return (
    <Sheet title={slot.kind === 'platform' ? t('coupon.pickPlatform') : t('coupon.pickStore')} onClose={onClose} testId="coupon-sheet">
      {usable.map((c) => (
        <button key={c.userCoupon.id} type="button" className={`coupon-choice ${c.selected ? 'on' : ''}`} onClick={() => onPick(c.userCoupon.id)} data-testid={`coupon-choice-${c.userCoupon.id}`}>
          <CouponTicket
            coupon={c.userCoupon.coupon}
            side={<span className={`radio-dot ${c.selected ? 'on' : ''}`} aria-hidden="true" />}
            note={c.discountFen > 0 ? <span className="danger">{t('coupon.off', { amount: formatFen(c.discountFen) })}</span> : null}
          />
        </button>
      ))}
      <button type="button" className={`coupon-none ${selected === null ? 'on' : ''}`} onClick={() => onPick(null)} data-testid="coupon-choice-none">
        <span>{t('coupon.none')}</span>
        <span className={`radio-dot ${selected === null ? 'on' : ''}`} aria-hidden="true" />
      </button>
      {unusable.length > 0 && (
        <>
          <div className="coupon-group-title">
            {t('coupon.unavailable')} ({unusable.length})
          </div>
          {unusable.map((c) => (
            <CouponTicket key={c.userCoupon.id} coupon={c.userCoupon.coupon} dim note={c.reason ?? undefined} />
          ))}
        </>
      )}
    </Sheet>
  );
}
