// Buying from a live room. Every order placed from the room carries the source
// {type:'live_room', id: roomId} (it is how the room is credited); a product on a running flash
// sale is bought at its price straight from the 确认订单 page (items[].flashSaleId), anything
// else through the product page with `?live=<roomId>`, which ProductPage passes on.
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, errorMessage } from '../api';
import { useAuth } from '../auth';
import { saveDraft } from '../commerce/draft';
import type { FlashSaleCard, ProductCard, RoomState, Source } from '../types';

export const liveSource = (roomId: string): Source => ({ type: 'live_room', id: roomId });

/** The `?live=` a product page was opened with, when it looks like a room id. */
export function liveRoomParam(search: URLSearchParams): string | null {
  const id = search.get('live');
  return id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

/**
 * The flash sale a viewer buys this product at now: running (started, not over), this room's own
 * sale before a store-wide one, then the lowest price. Sold-out sales still count (shown as such).
 */
export function runningSale(state: RoomState, productId: string, roomId: string, now: number): FlashSaleCard | null {
  const running = state.flashSales.filter((f) => f.productId === productId && Date.parse(f.startsAt) <= now && Date.parse(f.endsAt) > now);
  running.sort((a, b) => Number(b.liveRoomId === roomId) - Number(a.liveRoomId === roomId) || Number(b.remaining > 0) - Number(a.remaining > 0) || a.priceFen - b.priceFen);
  return running[0] ?? null;
}

/** The clock, ticking every `ms` (for countdowns). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

/** A start time as people read it: 11/26 20:00 (no seconds, no year). */
export function startTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** 04:59, or 1:04:59 when an hour or more is left. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${m}:${s}` : `${m}:${s}`;
}

/** buy(card, sale): to 确认订单 at the sale's price, or to the product page; both from the room. */
export function useLiveBuy(roomId: string) {
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function buy(card: ProductCard, sale: FlashSaleCard | null) {
    setError(null);
    if (!sale || sale.remaining <= 0) {
      navigate(`/products/${encodeURIComponent(card.id)}?live=${encodeURIComponent(roomId)}`);
      return;
    }
    if (!user) {
      navigate('/login', { state: { from: location.pathname } });
      return;
    }
    setBusy(true);
    try {
      const product = await api.product(card.id);
      const sku = product.skus.find((s) => s.id === sale.skuId);
      if (!sku) throw new Error('sku');
      saveDraft({
        lines: [{ skuId: sku.id, productId: product.id, storeId: product.storeId, title: product.title, optionValues: sku.optionValues, imageUrl: product.images[0]?.thumbUrl ?? card.imageUrl, unitPriceFen: sale.priceFen, quantity: 1, flashSaleId: sale.id }],
        fromCart: false,
        source: liveSource(roomId),
        addressId: '',
        couponIds: null,
      });
      navigate('/checkout');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return { buy, busy, error };
}
