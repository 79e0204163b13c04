// 领券: a store's claimable coupons as a strip of small tags (on the store and product pages);
// a tap opens them as tickets with 领取 buttons. What the shopper already holds comes from the
// wallet, so a coupon at its per-person limit shows 已领取 instead of a button.
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, errorMessage } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { Coupon, UserCoupon } from '../types';
import { couponShort, CouponTicket } from './CouponBits';
import { Sheet } from './Sheet';
import { useLoad } from './useLoad';

function heldCounts(wallet: UserCoupon[]): Map<string, number> {
  const held = new Map<string, number>();
  for (const w of wallet) held.set(w.couponId, (held.get(w.couponId) ?? 0) + 1);
  return held;
}

export function CouponStrip({ storeId, variant = 'card' }: { storeId: string; variant?: 'card' | 'banner' }) {
  const coupons = useLoad(() => api.storeCoupons(storeId), [storeId]);
  return <CouponStripOf coupons={coupons.data?.items ?? []} variant={variant} />;
}

/** The strip for a list the caller already has (a live room's coupons arrive with its state). */
export function CouponStripOf({ coupons: list, variant = 'card' }: { coupons: Coupon[]; variant?: 'card' | 'banner' | 'live' }) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const [open, setOpen] = useState(false);
  if (list.length === 0) return null;
  return (
    <>
      <button type="button" className={`coupon-strip coupon-strip-${variant}`} onClick={() => setOpen(true)} data-testid="coupon-strip">
        <span className="coupon-strip-label">{t('coupon.strip')}</span>
        <span className="coupon-strip-tags">
          {list.slice(0, 3).map((c) => (
            <span key={c.id} className="coupon-strip-tag">
              {couponShort(c, t, lang)}
            </span>
          ))}
        </span>
        <span className="coupon-strip-more">›</span>
      </button>
      {open && <ClaimSheet coupons={list} signedIn={!!user} onClose={() => setOpen(false)} />}
    </>
  );
}

function ClaimSheet({ coupons, signedIn, onClose }: { coupons: Coupon[]; signedIn: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const wallet = useLoad(() => (signedIn ? api.myCoupons({ limit: 100 }).then((p) => p.items) : Promise.resolve([])), [signedIn]);
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const held = heldCounts(wallet.data ?? []);

  async function claim(c: Coupon) {
    if (!signedIn) {
      navigate('/login', { state: { from: location.pathname } });
      return;
    }
    setBusy(c.id);
    setNote(null);
    try {
      const got = await api.claimCoupon(c.id);
      wallet.setData([got, ...(wallet.data ?? []).filter((w) => w.id !== got.id)]);
      setNote({ ok: true, text: t('coupon.claimOk') });
    } catch (err) {
      setNote({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Sheet title={t('coupon.storeCoupons')} onClose={onClose} testId="coupon-claim-sheet">
      {note && <div className={`sheet-note ${note.ok ? 'sheet-note-ok' : 'sheet-note-err'}`}>{note.text}</div>}
      {coupons.map((c) => {
        const mine = held.get(c.id) ?? 0;
        const full = mine >= c.perUserLimit;
        const gone = c.remaining <= 0;
        const side = full ? (
          <span className="ticket-stamp">{t('coupon.claimed')}</span>
        ) : (
          <button type="button" className="btn btn-primary btn-xs" disabled={gone || busy === c.id || c.status !== 'active'} onClick={() => void claim(c)} data-testid={`claim-${c.id}`}>
            {gone ? t('coupon.soldOut') : c.status === 'scheduled' ? t('coupon.notStarted') : mine > 0 ? t('coupon.claimAgain') : t('coupon.claim')}
          </button>
        );
        return <CouponTicket key={c.id} coupon={c} side={side} note={<span className="muted">{t('coupon.remaining', { n: c.remaining })}</span>} testId={`coupon-${c.id}`} />;
      })}
    </Sheet>
  );
}
