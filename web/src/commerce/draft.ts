// What the shopper is about to buy, between the cart or product page and the confirm-order page
// (确认订单). Kept in sessionStorage so a detour to add an address, or a reload, loses nothing.
import type { OptionValues, Source } from '../types';

export interface DraftLine {
  skuId: string;
  productId: string;
  storeId: string;
  title: string;
  optionValues: OptionValues;
  imageUrl: string | null;
  unitPriceFen: number;
  quantity: number;
  /** Bought at this flash sale's price (unitPriceFen is the sale's). */
  flashSaleId?: string;
}

export interface CheckoutDraft {
  lines: DraftLine[];
  /** Buy the whole cart (the server takes the cart's lines and clears them). */
  fromCart: boolean;
  source: Source;
  /** The address picked on the confirm page ('' = the default). */
  addressId: string;
  /** User-coupon ids picked by hand; null = the quote's best choice. */
  couponIds: string[] | null;
}

const KEY = 'flywheel.checkoutDraft';
const PICKED = 'flywheel.pickedAddress';

function store(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function saveDraft(d: CheckoutDraft): void {
  store()?.setItem(KEY, JSON.stringify(d));
}

export function loadDraft(): CheckoutDraft | null {
  const raw = store()?.getItem(KEY);
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v === 'object' && v !== null && 'lines' in v && Array.isArray(v.lines) && v.lines.length > 0) {
      const d = v as CheckoutDraft;
      return { ...d, addressId: d.addressId ?? '', couponIds: d.couponIds ?? null };
    }
  } catch {
    // a damaged entry: start again from the cart
  }
  return null;
}

export function clearDraft(): void {
  store()?.removeItem(KEY);
}

/** The address just added from the confirm page's picker, to select on the way back. */
export function notePickedAddress(id: string): void {
  store()?.setItem(PICKED, id);
}

export function takePickedAddress(): string | null {
  const s = store();
  const id = s?.getItem(PICKED) ?? null;
  s?.removeItem(PICKED);
  return id;
}

/** Per store, in first-seen order (one order per store at checkout). */
export function linesByStore(lines: DraftLine[]): { storeId: string; lines: DraftLine[]; goodsFen: number }[] {
  const out = new Map<string, { storeId: string; lines: DraftLine[]; goodsFen: number }>();
  for (const l of lines) {
    const g = out.get(l.storeId) ?? { storeId: l.storeId, lines: [], goodsFen: 0 };
    g.lines.push(l);
    g.goodsFen += l.unitPriceFen * l.quantity;
    out.set(l.storeId, g);
  }
  return [...out.values()];
}
