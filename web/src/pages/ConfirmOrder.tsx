// 确认订单: where the goods ship (address card + picker), each store's goods with its coupon
// slot, the platform coupon, the price breakdown from the server's quote, and 提交订单. The
// quote pre-selects the best coupons; a shopper's own picks are sent from then on.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, Navigate } from 'react-router';
import { api } from '../api';
import { useAuth } from '../auth';
import { AddressSection } from '../checkout/AddressPicker';
import { CouponSheet, slotCoupons, withSlot, type CouponSlot } from '../checkout/CouponPicker';
import { useCheckout } from '../commerce/checkout';
import { useStoreName } from '../commerce/cartStore';
import { linesByStore, loadDraft, saveDraft, takePickedAddress, type CheckoutDraft, type DraftLine } from '../commerce/draft';
import { checkoutBody, useQuote } from '../commerce/useQuote';
import { OrderLineRow } from '../components/OrderBits';
import { Price } from '../components/Price';
import { TopBar } from '../components/ShopLayout';
import { Empty, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { formatFen } from '../money';
import type { Address, Quote } from '../types';

export function ConfirmOrder() {
  const { t } = useI18n();
  const { user, loading } = useAuth();
  const [draft] = useState<CheckoutDraft | null>(loadDraft);
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: '/checkout' }} />;
  return (
    <div className="confirm-page">
      <TopBar title={t('confirm.title')} />
      {draft ? (
        <ConfirmBody initial={draft} />
      ) : (
        <div className="state">
          <Empty text={t('confirm.empty')} />
          <Link to="/cart" className="btn btn-outline btn-sm">
            {t('confirm.backToCart')}
          </Link>
        </div>
      )}
    </div>
  );
}

function useChosenAddress(draft: CheckoutDraft, setDraft: (d: CheckoutDraft) => void) {
  const addresses = useLoad(() => api.addresses(), []);
  // An address just added from the picker is the one the shopper wants.
  const [picked] = useState(takePickedAddress);
  const list = addresses.data;
  const wanted = picked ?? draft.addressId;
  const chosen: Address | null = list ? (list.find((a) => a.id === wanted) ?? list.find((a) => a.isDefault) ?? list[0] ?? null) : null;
  useEffect(() => {
    if (chosen && chosen.id !== draft.addressId) setDraft({ ...draft, addressId: chosen.id });
  }, [chosen, draft, setDraft]);
  return { list, chosen };
}

function ConfirmBody({ initial }: { initial: CheckoutDraft }) {
  const { t } = useI18n();
  const [draft, setDraftState] = useState(initial);
  const setDraft = useCallback((d: CheckoutDraft) => {
    setDraftState(d);
    saveDraft(d);
  }, []);
  const [tick, setTick] = useState(0);
  const { list, chosen } = useChosenAddress(draft, setDraft);
  const q = useQuote(draft, draft.couponIds, tick);
  const checkout = useCheckout(() => setTick((n) => n + 1));
  const [slot, setSlot] = useState<CouponSlot | null>(null);

  // A picked coupon that is no longer usable: let the server choose again.
  useEffect(() => {
    if (q.couponRejected && draft.couponIds !== null) setDraft({ ...draft, couponIds: null });
  }, [q.couponRejected, draft, setDraft]);

  const groups = useMemo(() => linesByStore(draft.lines), [draft.lines]);
  const quote = q.quote;
  const goodsFen = quote?.goodsFen ?? groups.reduce((s, g) => s + g.goodsFen, 0);
  const totalFen = quote?.totalFen ?? goodsFen;
  const count = draft.lines.reduce((n, l) => n + l.quantity, 0);
  const storeDiscount = quote?.stores.reduce((s, x) => s + x.storeDiscountFen, 0) ?? 0;
  const platformDiscount = quote?.stores.reduce((s, x) => s + x.platformDiscountFen, 0) ?? 0;

  function submit() {
    const body = checkoutBody(draft, quote ? quote.selectedCouponIds : draft.couponIds);
    if (chosen) body.addressId = chosen.id;
    body.expectedTotalFen = totalFen;
    void checkout.submit(body);
  }

  return (
    <>
      <AddressSection addresses={list} chosen={chosen} onChoose={(id) => setDraft({ ...draft, addressId: id })} invalid={checkout.errorField === 'addressId'} />

      {groups.map((g) => (
        <StoreBlock key={g.storeId} storeId={g.storeId} lines={g.lines} goodsFen={g.goodsFen} quote={quote} onSlot={setSlot} />
      ))}

      <section className="card pad confirm-sum" data-testid="confirm-summary">
        {quote && <CouponRow label={t('confirm.platformCoupon')} quote={quote} slot={{ kind: 'platform' }} discountFen={platformDiscount} onOpen={setSlot} testId="confirm-platform-coupon" />}
        <dl className="amounts">
          <div>
            <dt>{t('confirm.goods')}</dt>
            <dd>{formatFen(goodsFen)}</dd>
          </div>
          {storeDiscount > 0 && (
            <div>
              <dt>{t('confirm.storeCoupon')}</dt>
              <dd className="danger" data-testid="confirm-store-discount">
                -{formatFen(storeDiscount)}
              </dd>
            </div>
          )}
          {platformDiscount > 0 && (
            <div>
              <dt>{t('confirm.platformCoupon')}</dt>
              <dd className="danger" data-testid="confirm-platform-discount">
                -{formatFen(platformDiscount)}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('confirm.shipping')}</dt>
            <dd>{t('confirm.freeShipping')}</dd>
          </div>
          <div className="amount-total">
            <dt>{t('confirm.total')}</dt>
            <dd>
              <Price fen={totalFen} size="md" />
            </dd>
          </div>
        </dl>
      </section>
      {q.error && !q.couponRejected && <p className="cart-hint muted small">{t('confirm.quoteFailed')}</p>}

      <div className="cart-bar-spacer" />
      <footer className="cart-bar confirm-bar">
        {checkout.error && (
          <div className="action-note action-err" role="alert" data-testid="confirm-error">
            {checkout.error}
          </div>
        )}
        <div className="cart-bar-row">
          <span className="muted small">{t('confirm.count', { n: count })}</span>
          <div className="cart-total confirm-total">
            <span>{t('confirm.total')}</span>
            <Price fen={totalFen} size="md" testId="confirm-total" />
            {quote && quote.discountFen > 0 && <span className="confirm-saved">{t('confirm.saved', { amount: formatFen(quote.discountFen) })}</span>}
          </div>
          <button type="button" className="btn btn-buy cart-checkout" disabled={checkout.busy || q.loading || !chosen} onClick={submit} data-testid="confirm-submit">
            {checkout.busy ? t('common.working') : t('confirm.submit')}
          </button>
        </div>
      </footer>

      {slot && quote && (
        <CouponSheet
          quote={quote}
          slot={slot}
          onClose={() => setSlot(null)}
          onPick={(id) => {
            setDraft({ ...draft, couponIds: withSlot(quote, slot, id) });
            setSlot(null);
          }}
        />
      )}
    </>
  );
}

function StoreBlock({ storeId, lines, goodsFen, quote, onSlot }: { storeId: string; lines: DraftLine[]; goodsFen: number; quote: Quote | null; onSlot: (s: CouponSlot) => void }) {
  const { t } = useI18n();
  const name = useStoreName(storeId);
  const q = quote?.stores.find((s) => s.storeId === storeId);
  return (
    <section className="card pad confirm-store" data-testid="confirm-store">
      <div className="cart-store-head">
        <span aria-hidden="true">▤</span> {name || t('cart.store')}
      </div>
      {lines.map((l) => (
        <OrderLineRow key={l.skuId} line={{ ...l, noReasonReturn: false }} link={false} />
      ))}
      {quote && <CouponRow label={t('confirm.storeCoupon')} quote={quote} slot={{ kind: 'store', storeId }} discountFen={q?.storeDiscountFen ?? 0} onOpen={onSlot} testId={`confirm-store-coupon-${storeId}`} />}
      <div className="confirm-row">
        <span>{t('confirm.shipping')}</span>
        <span>{t('confirm.freeShipping')}</span>
      </div>
      <div className="confirm-row confirm-row-sub">
        <span>{t('confirm.subtotal')}</span>
        <Price fen={q ? q.goodsFen - q.storeDiscountFen : goodsFen} size="sm" />
      </div>
    </section>
  );
}

function CouponRow({ label, quote, slot, discountFen, onOpen, testId }: { label: string; quote: Quote; slot: CouponSlot; discountFen: number; onOpen: (s: CouponSlot) => void; testId: string }) {
  const { t } = useI18n();
  const choices = slotCoupons(quote, slot);
  const usable = choices.filter((c) => c.applicable || c.selected).length;
  const selected = choices.find((c) => c.selected);
  if (choices.length === 0) {
    return (
      <div className="confirm-row" data-testid={testId}>
        <span>{label}</span>
        <span className="muted">{t('confirm.noCoupon')}</span>
      </div>
    );
  }
  return (
    <button type="button" className="confirm-row confirm-row-btn" onClick={() => onOpen(slot)} data-testid={testId} data-selected={selected?.userCoupon.id ?? ''}>
      <span>{label}</span>
      <span className="confirm-coupon-value">
        {selected ? (
          <>
            <span className="confirm-coupon-title">{selected.userCoupon.coupon.title}</span>
            <span className="danger">-{formatFen(discountFen)}</span>
          </>
        ) : usable > 0 ? (
          <span className="confirm-coupon-count">{t('confirm.couponsAvailable', { n: usable })}</span>
        ) : (
          <span className="muted">{t('confirm.notUsed')}</span>
        )}
        <span className="muted">›</span>
      </span>
    </button>
  );
}
