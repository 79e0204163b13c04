// Refund amounts and their ledger lines, pure (integer fen, exact BigInt arithmetic).
//
// What a refund may return: the paid share of the units refunded. A line's paid amount is
// line_fen − platform_discount_fen − store_discount_fen; its units share it pro rata, rounded
// down, and the unit that completes the line takes the remainder, so refunding every unit of a
// line (in any number of cases) returns exactly what was paid for it. Units already refunded are
// counted by `fromUnit`: k units starting at unit n are worth cum(n + k) − cum(n), where
// cum(u) = floor(total × u / quantity) and cum(quantity) = total. The same rule splits the line's
// platform fee and both discounts, so a full refund reverses them exactly too.
//
// Line 0 stands for the order's shipping charge (paid − Σ lines' paid); it is refunded only with
// the whole order before shipping (after shipping the carriage was used).
//
// The ledger: the payment booked, per line, Dr psp clearing P + Dr platform:coupon_expense Dp =
// Cr merchant payable (P + Dp − F) + Cr platform:fee_revenue F (F the fee, charged on
// line − store discount; the store discount was never booked: it only lowered the store's take).
// A refund of r (of the units' paid share P) reverses that with the psp line replaced by what is
// now owed to the buyer:
//   Dr merchant payable (r + dp − f) + Dr fee revenue f = Cr coupon expense dp + Cr buyer refundable r
// where f and dp are the units' fee and platform-discount shares, scaled by r / P when the buyer
// asks for less than the full paid share (a partial refund returns part of the fee and subsidy).
// When the provider confirms the refund: Dr buyer refundable r, Cr psp clearing r.
import { accounts } from '../../ledger/accounts.ts';
import type { LineInput } from '../../ledger/service.ts';

export const SHIPPING_LINE = 0;

export interface LineMoney {
  lineNo: number;
  quantity: number;
  /** What the buyer paid for the whole line (line − both discounts). */
  paidFen: number;
  feeFen: number;
  platformDiscountFen: number;
  storeDiscountFen: number;
}

/** Money of some units of a line (or what of it is refunded). */
export interface Share {
  refundFen: number;
  feeFen: number;
  platformDiscountFen: number;
  storeDiscountFen: number;
}

export interface Part extends Share {
  lineNo: number;
  quantity: number;
  fromUnit: number;
}

const big = (n: number, what: string): bigint => {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${what} ${n} is not a whole, non-negative number`);
  return BigInt(n);
};

/** The share of `total` that the first `units` of `quantity` units carry. */
export function cumulative(total: number, units: number, quantity: number): number {
  if (!Number.isInteger(quantity) || quantity <= 0 || !Number.isInteger(units) || units < 0 || units > quantity) throw new Error(`units ${units} of ${quantity} is not a range of the line`);
  if (units === quantity) return total;
  return Number((big(total, 'amount') * BigInt(units)) / BigInt(quantity));
}

/** What units fromUnit .. fromUnit+k−1 of a line are worth. */
export function unitsShare(line: LineMoney, fromUnit: number, k: number): Share {
  const range = (total: number) => cumulative(total, fromUnit + k, line.quantity) - cumulative(total, fromUnit, line.quantity);
  return { refundFen: range(line.paidFen), feeFen: range(line.feeFen), platformDiscountFen: range(line.platformDiscountFen), storeDiscountFen: range(line.storeDiscountFen) };
}

/**
 * Splits `amount` over `weights` pro rata: each gets the floor of its exact share, and the fen
 * left over go one each to the largest fractional parts (ties: earlier first). No part exceeds its
 * weight when amount ≤ Σ weights, and the parts sum to `amount` exactly.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  const a = big(amount, 'amount');
  const w = weights.map((x) => big(x, 'weight'));
  const total = w.reduce((s, x) => s + x, 0n);
  if (total === 0n) {
    if (a !== 0n) throw new Error(`cannot split ${amount} fen over nothing`);
    return weights.map(() => 0);
  }
  const floors = w.map((x) => (a * x) / total);
  const rems = w.map((x, i) => ({ i, rem: (a * x) % total }));
  let left = a - floors.reduce((s, x) => s + x, 0n);
  rems.sort((p, q) => (p.rem === q.rem ? p.i - q.i : p.rem > q.rem ? -1 : 1));
  for (const { i } of rems) {
    if (left === 0n) break;
    floors[i]! += 1n;
    left -= 1n;
  }
  return floors.map(Number);
}

/** The units' share when the buyer gets `refundFen` of their paid share (all of it: unchanged). */
export function scaleShare(full: Share, refundFen: number): Share {
  if (refundFen > full.refundFen) throw new Error(`refund ${refundFen} is more than the paid share ${full.refundFen}`);
  if (refundFen === full.refundFen) return { ...full };
  if (full.refundFen === 0) return { refundFen: 0, feeFen: 0, platformDiscountFen: 0, storeDiscountFen: 0 };
  const part = (x: number) => Number((big(x, 'share') * BigInt(refundFen)) / BigInt(full.refundFen));
  return { refundFen, feeFen: part(full.feeFen), platformDiscountFen: part(full.platformDiscountFen), storeDiscountFen: part(full.storeDiscountFen) };
}

/** A selection of units, each with its full share: what the case may refund at most. */
export interface Quote {
  maxFen: number;
  parts: Part[];
}

export function quote(lines: readonly LineMoney[], refundedUnits: ReadonlyMap<number, number>, selection: ReadonlyArray<{ lineNo: number; quantity: number }>): Quote {
  const parts = selection.map((s) => {
    const line = lines.find((l) => l.lineNo === s.lineNo);
    if (!line) throw new Error(`no line ${s.lineNo}`);
    const fromUnit = refundedUnits.get(s.lineNo) ?? 0;
    if (fromUnit + s.quantity > line.quantity) throw new Error(`line ${s.lineNo}: ${s.quantity} more units than the ${line.quantity - fromUnit} not yet refunded`);
    return { lineNo: s.lineNo, quantity: s.quantity, fromUnit, ...unitsShare(line, fromUnit, s.quantity) };
  });
  return { maxFen: parts.reduce((a, p) => a + p.refundFen, 0), parts };
}

/** The quote's parts holding `amountFen` in all (≤ maxFen), split pro rata to their paid shares. */
export function split(q: Quote, amountFen: number): Part[] {
  if (amountFen > q.maxFen) throw new Error(`refund ${amountFen} is more than the ${q.maxFen} that may be refunded`);
  const amounts = allocate(amountFen, q.parts.map((p) => p.refundFen));
  return q.parts.map((p, i) => ({ ...p, ...scaleShare(p, amounts[i]!) }));
}

/** Adds up lines per account and drops zeros (the ledger refuses zero lines). */
function merge(lines: LineInput[]): LineInput[] {
  const by = new Map<string, number>();
  for (const l of lines) by.set(l.account, (by.get(l.account) ?? 0) + l.amountFen);
  return [...by].filter(([, v]) => v !== 0).map(([account, amountFen]) => ({ account, amountFen }));
}

/** The entry that reverses the payment booking for the refunded parts. */
export function refundLines(parts: readonly Share[], storeId: string, buyerId: string): LineInput[] {
  const sum = (k: keyof Share) => parts.reduce((a, p) => a + p[k], 0);
  const r = sum('refundFen');
  const f = sum('feeFen');
  const dp = sum('platformDiscountFen');
  return merge([
    { account: accounts.merchantPayable(storeId), amountFen: r + dp - f },
    { account: accounts.feeRevenue, amountFen: f },
    { account: accounts.couponExpense, amountFen: -dp },
    { account: accounts.buyerRefundable(buyerId), amountFen: -r },
  ]);
}

/** The provider returned the refund to the buyer's payment method. */
export function settlementLines(amountFen: number, provider: string, buyerId: string): LineInput[] {
  return merge([
    { account: accounts.buyerRefundable(buyerId), amountFen },
    { account: accounts.pspClearing(provider), amountFen: -amountFen },
  ]);
}

/** Money the store or the platform pays into the buyer's balance (return postage, compensation). */
export function payoutLines(amountFen: number, fundedBy: { store: string } | 'platform', buyerId: string): LineInput[] {
  return merge([
    { account: fundedBy === 'platform' ? accounts.compensationExpense : accounts.merchantPayable(fundedBy.store), amountFen },
    { account: accounts.buyerBalance(buyerId), amountFen: -amountFen },
  ]);
}

/**
 * Spreads the fee the payment posting actually booked for an order over its parts, by their fee
 * base (line − store discount; shipping: its charge), when it differs from the lines' own fees
 * (a posting made before fees were fixed per line charged one rate on the whole payment).
 */
export function spreadFee(lines: readonly LineMoney[], bookedFeeFen: number): LineMoney[] {
  if (lines.reduce((a, l) => a + l.feeFen, 0) === bookedFeeFen) return lines.map((l) => ({ ...l }));
  const fees = allocate(bookedFeeFen, lines.map((l) => l.paidFen + l.platformDiscountFen));
  return lines.map((l, i) => ({ ...l, feeFen: fees[i]! }));
}
