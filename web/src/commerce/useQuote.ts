// Prices the confirm-order page's basket on the server (POST /api/v1/checkout/quote): goods,
// store and platform discounts of the picked coupons (or the best ones from the wallet), total.
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, errorMessage } from '../api';
import type { CheckoutInput, Quote } from '../types';
import type { CheckoutDraft } from './draft';

export interface QuoteState {
  quote: Quote | null;
  loading: boolean;
  /** A coupon the shopper picked was refused (someone used it up, it expired…). */
  couponRejected: boolean;
  error: string | null;
}

export function checkoutBody(draft: CheckoutDraft, couponIds: string[] | null): CheckoutInput {
  const body: CheckoutInput = { source: draft.source };
  if (!draft.fromCart) body.items = draft.lines.map((l) => (l.flashSaleId ? { skuId: l.skuId, quantity: l.quantity, flashSaleId: l.flashSaleId } : { skuId: l.skuId, quantity: l.quantity }));
  if (couponIds) body.couponIds = couponIds;
  return body;
}

export function useQuote(draft: CheckoutDraft | null, couponIds: string[] | null, tick: number): QuoteState {
  const [state, setState] = useState<QuoteState>({ quote: null, loading: true, couponRejected: false, error: null });
  const seq = useRef(0);
  const key = draft ? JSON.stringify(checkoutBody(draft, couponIds)) : '';

  useEffect(() => {
    if (!draft) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, couponRejected: false }));
    api.quote(checkoutBody(draft, couponIds)).then(
      (quote) => mine === seq.current && setState({ quote, loading: false, couponRejected: false, error: null }),
      (err: unknown) => {
        if (mine !== seq.current) return;
        const field = err instanceof ApiError ? (err.problem.field ?? '').replace(/^body\./, '') : '';
        setState({ quote: null, loading: false, couponRejected: field.startsWith('couponIds'), error: errorMessage(err) });
      },
    );
    // `key` stands for draft + couponIds
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);

  return state;
}
