// Checkout: one Idempotency-Key per submission (reused when the same submission is retried, so
// a double click or a retry after a network error never makes two orders), then on to the pay page.
import { useCallback, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, errorMessage } from '../api';
import { useI18n } from '../i18n';
import type { CheckoutInput, CheckoutResult } from '../types';
import { refreshCart } from './cartStore';
import { clearDraft } from './draft';

export interface PayTicket {
  checkoutId: string;
  orderIds: string[];
  totalFen: number;
}

const TICKET_KEY = (ref: string) => `flywheel.pay.${ref}`;
const PAY_URL_KEY = (checkoutId: string) => `flywheel.payUrl.${checkoutId}`;

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // storage unavailable: the pay page falls back to the order list
  }
}

/** `/pay/<providerRef>` → providerRef. */
export function providerRefOf(payUrl: string): string {
  const path = payUrl.split(/[?#]/)[0] ?? '';
  return decodeURIComponent(path.split('/').filter(Boolean).pop() ?? '');
}

export function payTicket(providerRef: string): PayTicket | null {
  const raw = read(TICKET_KEY(providerRef));
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v === 'object' && v !== null && 'checkoutId' in v && 'orderIds' in v && Array.isArray(v.orderIds)) return v as PayTicket;
  } catch {
    // ignore a damaged entry
  }
  return null;
}

/** The pay page of a checkout, when this tab made it (the API has no GET of a payment intent). */
export function payUrlFor(checkoutId: string): string | null {
  return read(PAY_URL_KEY(checkoutId));
}

function remember(result: CheckoutResult): void {
  if (!result.payment) return;
  const ticket: PayTicket = { checkoutId: result.checkoutId, orderIds: result.orders.map((o) => o.id), totalFen: result.totalFen };
  write(TICKET_KEY(providerRefOf(result.payment.payUrl)), JSON.stringify(ticket));
  write(PAY_URL_KEY(result.checkoutId), result.payment.payUrl);
}

function newKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `ck-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Navigates to a pay URL (same-origin path or absolute URL). */
export function usePayNavigate(): (payUrl: string) => void {
  const navigate = useNavigate();
  return useCallback(
    (payUrl: string) => {
      if (payUrl.startsWith('/')) navigate(payUrl);
      else window.location.assign(payUrl);
    },
    [navigate],
  );
}

export function useCheckout(onPriceChanged?: () => void) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const goPay = usePayNavigate();
  const attempt = useRef<{ sig: string; key: string } | null>(null);
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorField, setErrorField] = useState('');

  const submit = useCallback(
    async (body: CheckoutInput) => {
      if (inFlight.current) return;
      const sig = JSON.stringify(body);
      if (attempt.current?.sig !== sig) attempt.current = { sig, key: newKey() };
      inFlight.current = true;
      setBusy(true);
      setError(null);
      setErrorField('');
      try {
        const result = await api.checkout(attempt.current.key, body);
        remember(result);
        attempt.current = null;
        clearDraft();
        void refreshCart();
        if (result.payment) goPay(result.payment.payUrl);
        else navigate(result.orders[0] ? `/orders/${result.orders[0].id}` : '/orders');
      } catch (err) {
        const field = err instanceof ApiError ? (err.problem.field ?? '').replace(/^body\./, '') : '';
        setErrorField(field);
        if (field === 'expectedTotalFen') {
          setError(t('checkout.priceChanged'));
          onPriceChanged?.();
        } else if (field === 'addressId') setError(t('address.none'));
        else if (field.startsWith('couponIds')) {
          setError(t('confirm.couponGone'));
          onPriceChanged?.();
        } else if (/^items\.\d+\.quantity$/.test(field)) setError(t('checkout.stockShort'));
        else if (/^items\.\d+\.skuId$/.test(field)) setError(t('checkout.skuGone'));
        else setError(errorMessage(err));
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [goPay, navigate, onPriceChanged, t],
  );

  return { submit, busy, error, errorField, clearError: () => setError(null) };
}
