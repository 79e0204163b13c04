// The discount engine: pure functions, no I/O. Given a checkout's goods (one order per store,
// lines in fen) and the coupons a shopper picked from the wallet, it says which coupon takes how
// many fen off which line — or why a coupon does not apply — and it finds the best combination
// for a quote. Checkout, quote and (later) after-sales all book the figures it returns.
//
// Rules (the stacking rules):
// 1. Who funds a coupon decides its slot. Per store order at most ONE store-funded coupon (scope
//    'store' or 'live_room'); per checkout at most ONE platform-funded coupon. A store coupon and
//    the platform coupon stack.
// 2. Scope decides which goods a coupon may touch: 'platform' any store's; 'store' one store's;
//    'live_room' one store's, and only when the checkout's source is that live room.
// 3. Store coupons apply first, each to its own store's goods (the order's goods_fen), and their
//    threshold (满X) is checked against those goods.
// 4. The platform coupon applies second: its threshold is checked against the goods it may touch
//    AFTER store discounts, its percent is taken of that amount, and its discount is allocated to
//    the orders in proportion to their amounts after store discounts.
// 5. Within an order a discount is allocated to lines in proportion to what is left of each line;
//    fen that the proportional (rounded-down) shares leave over go to the largest line (then the
//    next largest, if the largest is full), so every fen of a discount lands on exactly one line.
// 6. A discount never exceeds what it applies to, and every order keeps at least MIN_PAY_FEN to
//    pay: an order is never free, so every order goes through payment and the ledger like any
//    other (an order whose goods cost 0 fen stays at 0 and takes no discount).
// 7. A coupon is usable from startsAt (inclusive) until endsAt (exclusive).
// 8. A coupon that would take nothing off (e.g. a percent of a few fen) is refused rather than
//    spent for nothing.

export type Funder = 'platform' | 'store';
export type Scope = 'platform' | 'store' | 'live_room';
export type CouponKind = 'amount' | 'percent';

/** Every order keeps at least this much to pay (rule 6). */
export const MIN_PAY_FEN = 1;

/** What the engine needs to know of one coupon in the shopper's wallet. */
export interface CouponTerms {
  /** The wallet entry (user coupon) id: what the shopper selects. */
  ref: string;
  funder: Funder;
  scope: Scope;
  /** The store for scopes 'store' and 'live_room'; null for 'platform'. */
  storeId: string | null;
  liveRoomId: string | null;
  kind: CouponKind;
  thresholdFen: number;
  amountOffFen: number | null;
  percentOffBps: number | null;
  maxOffFen: number | null;
  startsAt: Date;
  endsAt: Date;
}

export interface BasketOrder {
  storeId: string;
  /** line_fen of each line, in line order. */
  lines: number[];
}

export interface PricingContext {
  source: { type: string; id?: string | null } | null;
  now: Date;
}

export type RefusalCode = 'duplicate' | 'not_started' | 'expired' | 'wrong_store' | 'wrong_live_room' | 'stacking' | 'threshold' | 'no_discount';

export interface Refusal {
  /** Index of the refused coupon in the selection. */
  index: number;
  code: RefusalCode;
  message: string;
}

export interface PricedLine {
  lineFen: number;
  storeDiscountFen: number;
  platformDiscountFen: number;
}

export interface PricedOrder {
  storeId: string;
  goodsFen: number;
  storeDiscountFen: number;
  platformDiscountFen: number;
  /** goods − discounts; shipping is the caller's to add. */
  payFen: number;
  /** ref of the store-funded coupon on this order. */
  storeCoupon: string | null;
  lines: PricedLine[];
}

export interface Priced {
  orders: PricedOrder[];
  /** ref of the platform-funded coupon, if any. */
  platformCoupon: string | null;
  goodsFen: number;
  discountFen: number;
  payFen: number;
  /** Each selected coupon with what it took off in all and per order (same order as `orders`). */
  applied: Array<{ ref: string; funder: Funder; discountFen: number; perOrderFen: number[] }>;
}

const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/**
 * Splits `total` fen over items in proportion to `weights`, never giving an item more than its
 * cap: rounded-down shares first, then the fen left over to the largest weight that still has
 * room, then the next. Exact integers (BigInt), so Σ shares === total always.
 */
export function allocate(total: number, weights: number[], caps: number[] = weights): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new Error(`cannot allocate ${total} fen`);
  if (total > sum(caps)) throw new Error(`cannot allocate ${total} fen within caps summing to ${sum(caps)}`);
  const shares = weights.map(() => 0);
  if (total === 0) return shares;
  const w = sum(weights);
  if (w > 0) {
    weights.forEach((x, i) => {
      shares[i] = Math.min(caps[i]!, Number((BigInt(total) * BigInt(x)) / BigInt(w)));
    });
  }
  let left = total - sum(shares);
  const byWeight = weights.map((x, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b);
  for (const i of byWeight) {
    if (left === 0) break;
    const give = Math.min(caps[i]! - shares[i]!, left);
    shares[i]! += give;
    left -= give;
  }
  return shares;
}

/** What a coupon takes off `baseFen` before the per-order floor (its threshold already met). */
export function rawDiscount(c: CouponTerms, baseFen: number): number {
  if (c.kind === 'amount') return Math.min(c.amountOffFen ?? 0, baseFen);
  const pct = Number((BigInt(baseFen) * BigInt(c.percentOffBps ?? 0)) / 10_000n);
  return Math.min(pct, c.maxOffFen ?? Number.MAX_SAFE_INTEGER, baseFen);
}

/** Checks that need only the coupon, the stores in the checkout and the context (rules 2, 7). */
export function reach(c: CouponTerms, storeIds: readonly string[], ctx: PricingContext): Omit<Refusal, 'index'> | null {
  if (ctx.now < c.startsAt) return { code: 'not_started', message: `This coupon can be used from ${c.startsAt.toISOString()}` };
  if (ctx.now >= c.endsAt) return { code: 'expired', message: 'This coupon has expired' };
  if (c.scope !== 'platform' && !storeIds.includes(c.storeId ?? '')) return { code: 'wrong_store', message: "This coupon is for another store's goods" };
  if (c.scope === 'live_room' && !(ctx.source?.type === 'live_room' && ctx.source.id === c.liveRoomId)) {
    return { code: 'wrong_live_room', message: 'This coupon is only for goods bought in its live room' };
  }
  return null;
}

/** Prices a checkout with the selected coupons, or says why the first refused coupon is refused. */
export function price(orders: BasketOrder[], selected: CouponTerms[], ctx: PricingContext): { ok: true; priced: Priced } | { ok: false; refusal: Refusal } {
  const storeIds = orders.map((o) => o.storeId);
  const goods = orders.map((o) => sum(o.lines));
  const storeCoupon = new Map<string, { c: CouponTerms; index: number }>();
  let platform: { c: CouponTerms; index: number } | null = null;
  const seen = new Set<string>();
  for (const [index, c] of selected.entries()) {
    if (seen.has(c.ref)) return { ok: false, refusal: { index, code: 'duplicate', message: 'This coupon is selected twice' } };
    seen.add(c.ref);
    if (c.funder === 'store' && c.scope === 'platform') throw new Error(`store-funded coupon ${c.ref} cannot have platform scope`);
    const out = reach(c, storeIds, ctx);
    if (out) return { ok: false, refusal: { index, ...out } };
    if (c.funder === 'store') {
      if (storeCoupon.has(c.storeId!)) return { ok: false, refusal: { index, code: 'stacking', message: "Only one of a store's own coupons per order" } };
      storeCoupon.set(c.storeId!, { c, index });
    } else {
      if (platform) return { ok: false, refusal: { index, code: 'stacking', message: 'Only one platform coupon per checkout' } };
      platform = { c, index };
    }
  }

  // Rule 3: store coupons, each on its own store's order.
  const storeOff = orders.map(() => 0);
  for (const [i, o] of orders.entries()) {
    const s = storeCoupon.get(o.storeId);
    if (!s) continue;
    if (goods[i]! < s.c.thresholdFen) return { ok: false, refusal: { index: s.index, code: 'threshold', message: `This coupon needs ${yuan(s.c.thresholdFen)} of this store's goods; there are ${yuan(goods[i]!)}` } };
    storeOff[i] = Math.min(rawDiscount(s.c, goods[i]!), Math.max(0, goods[i]! - MIN_PAY_FEN));
    if (storeOff[i] === 0) return { ok: false, refusal: { index: s.index, code: 'no_discount', message: 'This coupon takes nothing off these goods' } };
  }
  const storeLines = orders.map((o, i) => allocate(storeOff[i]!, o.lines));

  // Rule 4: the platform coupon, on what is left of the goods it may touch.
  const platformOff = orders.map(() => 0);
  if (platform) {
    const p = platform.c;
    const eligible = orders.map((o) => p.scope === 'platform' || o.storeId === p.storeId);
    const bases = orders.map((_, i) => (eligible[i] ? goods[i]! - storeOff[i]! : 0));
    const base = sum(bases);
    if (base < p.thresholdFen) {
      return { ok: false, refusal: { index: platform.index, code: 'threshold', message: `This coupon needs ${yuan(p.thresholdFen)} of goods after store discounts; there are ${yuan(base)}` } };
    }
    const caps = bases.map((b) => Math.max(0, b - MIN_PAY_FEN));
    const off = Math.min(rawDiscount(p, base), sum(caps));
    if (off === 0) return { ok: false, refusal: { index: platform.index, code: 'no_discount', message: 'This coupon takes nothing off these goods' } };
    allocate(off, bases, caps).forEach((x, i) => (platformOff[i] = x));
  }

  const pricedOrders: PricedOrder[] = orders.map((o, i) => {
    const left = o.lines.map((l, j) => l - storeLines[i]![j]!);
    const platformLines = allocate(platformOff[i]!, left);
    return {
      storeId: o.storeId,
      goodsFen: goods[i]!,
      storeDiscountFen: storeOff[i]!,
      platformDiscountFen: platformOff[i]!,
      payFen: goods[i]! - storeOff[i]! - platformOff[i]!,
      storeCoupon: storeCoupon.get(o.storeId)?.c.ref ?? null,
      lines: o.lines.map((l, j) => ({ lineFen: l, storeDiscountFen: storeLines[i]![j]!, platformDiscountFen: platformLines[j]! })),
    };
  });
  const applied: Priced['applied'] = selected.map((c) => {
    const perOrderFen = orders.map((o, i) => (c.funder === 'platform' ? platformOff[i]! : storeCoupon.get(o.storeId)?.c.ref === c.ref ? storeOff[i]! : 0));
    return { ref: c.ref, funder: c.funder, discountFen: sum(perOrderFen), perOrderFen };
  });
  const goodsFen = sum(goods);
  const discountFen = sum(storeOff) + sum(platformOff);
  return { ok: true, priced: { orders: pricedOrders, platformCoupon: platform?.c.ref ?? null, goodsFen, discountFen, payFen: goodsFen - discountFen, applied } };
}

/** Beyond this many combinations, `best` stops searching and takes each store's largest discount. */
export const MAX_COMBINATIONS = 2000;

/**
 * The selection from `wallet` that takes the most off (for a quote, pre-selected for the shopper).
 * Store coupons are independent per store except through the platform coupon's threshold (a
 * bigger store discount can drop the rest below it), so the combinations are searched; when
 * there are too many, each store takes its largest discount. Ties go to fewer coupons, then to
 * the coupons that expire sooner (use them before they lapse), then to the smaller ref.
 */
export function best(orders: BasketOrder[], wallet: CouponTerms[], ctx: PricingContext): { selected: CouponTerms[]; priced: Priced } {
  const storeIds = orders.map((o) => o.storeId);
  const usable = wallet.filter((c) => !(c.funder === 'store' && c.scope === 'platform') && reach(c, storeIds, ctx) === null);
  // Per store, the store coupons worth trying: one per distinct discount (others are equivalent).
  const perStore: CouponTerms[][] = orders.map((o) => {
    const options = new Map<number, CouponTerms>();
    for (const c of usable.filter((x) => x.funder === 'store' && x.storeId === o.storeId)) {
      const r = price([o], [c], ctx);
      if (!r.ok) continue;
      const off = r.priced.discountFen;
      const prev = options.get(off);
      if (!prev || preferred(c, prev)) options.set(off, c);
    }
    return [...options.entries()].sort(([a], [b]) => b - a).map(([, c]) => c);
  });
  const platforms: Array<CouponTerms | null> = [null, ...usable.filter((c) => c.funder === 'platform')];
  const combos = perStore.reduce((n, opts) => n * (opts.length + 1), 1);

  const found: { top: { selected: CouponTerms[]; priced: Priced } | null } = { top: null };
  const consider = (selected: CouponTerms[]) => {
    const r = price(orders, selected, ctx);
    if (r.ok && (!found.top || better({ selected, priced: r.priced }, found.top))) found.top = { selected, priced: r.priced };
  };
  for (const p of platforms) {
    const withP = p ? [p] : [];
    if (combos * platforms.length > MAX_COMBINATIONS) {
      consider([...perStore.flatMap((opts) => opts.slice(0, 1)), ...withP]);
      continue;
    }
    // Every choice per store (none, or one of its options), as a mixed-radix counter.
    const pick = perStore.map(() => 0);
    for (let n = 0; n < combos; n++) {
      consider([...perStore.flatMap((opts, i) => (pick[i]! > 0 ? [opts[pick[i]! - 1]!] : [])), ...withP]);
      for (let i = 0; i < pick.length; i++) {
        pick[i]! += 1;
        if (pick[i]! <= perStore[i]!.length) break;
        pick[i] = 0;
      }
    }
  }
  if (found.top) return found.top;
  const none = price(orders, [], ctx);
  if (!none.ok) throw new Error('pricing without coupons cannot fail');
  return { selected: [], priced: none.priced };
}

function preferred(a: CouponTerms, b: CouponTerms): boolean {
  return a.endsAt.getTime() !== b.endsAt.getTime() ? a.endsAt < b.endsAt : a.ref < b.ref;
}

function better(a: { selected: CouponTerms[]; priced: Priced }, b: { selected: CouponTerms[]; priced: Priced }): boolean {
  if (a.priced.discountFen !== b.priced.discountFen) return a.priced.discountFen > b.priced.discountFen;
  if (a.selected.length !== b.selected.length) return a.selected.length < b.selected.length;
  const ends = (s: CouponTerms[]) => sum(s.map((c) => c.endsAt.getTime()));
  if (ends(a.selected) !== ends(b.selected)) return ends(a.selected) < ends(b.selected);
  return a.selected.map((c) => c.ref).join() < b.selected.map((c) => c.ref).join();
}
