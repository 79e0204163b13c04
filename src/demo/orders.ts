// The demo world's first orders: fifty-odd, placed by the demo shoppers (never the printed
// demo shopper, whose order list stays empty for the visitor to try) through the platform's own
// services, as a shopper and a merchant would: 立即购买 or the cart's 结算 → idempotent checkout
// to the shopper's default address → the sandbox PSP's pay page → its signed webhook, delivered by
// the job queue's workers over HTTP → the bus's handlers mark the orders paid and book the money;
// then the stores ship about a third of them with sandbox carriers, whose parcels the carrier's
// own jobs deliver a few minutes later. Some single-store checkouts are made on a demo creator's
// showcase (橱窗) page, for goods it holds (alliance.ts seeded the showcases before this), so the
// line is credited to the creator, whose commission is pending once the order is paid. Nothing
// here writes a table: stock, ledger, commissions, search and the engine's order signals all
// follow from the services, so the 热卖榜, merchants' order lists and statements and creators'
// earnings have something to show at first start, and every invariant holds.
// The platform must be listening: the webhooks reach it over HTTP, as in production.
import type { Platform } from '../main.ts';
import type { CheckoutRequest } from '../modules/commerce/checkout.ts';
import { AppError } from '../platform/errors.ts';
import { seededRandom } from '../platform/random.ts';
import { demoCreatorIds } from './alliance.ts';
import { SHOPPERS } from './data.ts';

const SEED = 20261127;
/**
 * Orders to place (a checkout with goods of two stores is two orders). Each costs the first start
 * about 70 ms on PGlite (checkout, payment, webhook, the bus's handlers, search and feed keeping
 * up), so fifty-five keep the step under the 5 s it may add to a fresh `npm start` (measured
 * 3.8–4.6 s on a 2-vCPU VM; sixty took 4.9–5.6 s).
 */
export const DEMO_ORDERS = 55;
/** Popular goods per root category (from different stores), ranked by a Zipf-like weight. */
const POPULAR = 5;
/** Share of lines that go to any goods of the category instead of a popular one: the long tail. */
const TAIL = 0.15;
/**
 * How many stores' goods a checkout holds (one order per store), by chance: carts of two or three
 * stores are common, and each checkout costs a payment and its webhook, so fewer, fuller carts
 * place the same orders in less start time.
 */
const STORES_PER_CHECKOUT: ReadonlyArray<readonly [number, number]> = [
  [1, 0.4],
  [2, 0.35],
  [3, 0.25],
];
/**
 * Share of single-store checkouts made on a demo creator's showcase page (立即购买 of one goods it
 * holds): with 40% of checkouts single-store, about 15% of all checkouts — one order in seven or
 * so earns a creator commission, and the checkouts (each a payment) are no more than before.
 */
const SHOWCASE = 0.375;
/** Share of paid orders the store ships at once. */
const SHIP = 0.3;
/** SKUs with less stock than this are not bought, so a demo order never empties a shelf. */
const MIN_STOCK = 10;
const CARRIERS = [
  ['zto', '7'],
  ['yto', 'YT'],
  ['sf', 'SF'],
  ['jd', 'JD'],
  ['yunda', '4'],
  ['jtexpress', 'JT'],
] as const;
const SOURCES: ReadonlyArray<readonly [NonNullable<CheckoutRequest['source']>['type'], number]> = [
  ['mall', 0.35],
  ['search', 0.25],
  ['store_page', 0.15],
  ['product_page', 0.1],
  ['cart', 0.15],
];

export interface PlanGoods {
  productId: string;
  storeId: string;
  skus: ReadonlyArray<{ id: string; stock: number }>;
}
/** A demo creator's showcase: the goods in it (with their SKUs' stock, as for the categories). */
export interface PlanShowcase {
  creatorId: string;
  goods: readonly PlanGoods[];
}
export interface PlannedLine {
  productId: string;
  storeId: string;
  skuId: string;
  quantity: number;
}
export interface PlannedCheckout {
  /** The Idempotency-Key: a retried checkout returns the first result instead of a second order. */
  key: string;
  shopperId: string;
  lines: PlannedLine[];
  /**
   * Where the shopper checked out: 立即购买 on a page (a creator's showcase among them), or 结算 in
   * the cart (several stores' goods).
   */
  source: NonNullable<CheckoutRequest['source']>;
}

/**
 * Who buys what (pure, deterministic for a seed and the same goods): every root category gets at
 * least one line, most lines go to a few popular goods per category (so each has a clear 热卖榜),
 * the favoured stores' goods (the printed demo merchants') lead their categories, and no SKU is
 * sold below `MIN_STOCK` − 1 units left. With `showcases`, `SHOWCASE` of the single-store checkouts
 * are one goods of a creator's showcase bought on that showcase (source `showcase`, the creator's
 * id); without, the plan is the same as before showcases existed.
 */
export function planDemoOrders(input: {
  shopperIds: readonly string[];
  roots: ReadonlyArray<readonly PlanGoods[]>;
  favouredStores: ReadonlySet<string>;
  showcases?: readonly PlanShowcase[];
  orders: number;
  seed: number;
}): PlannedCheckout[] {
  const rand = seededRandom(input.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const left = new Map<string, number>();
  const boards = input.roots
    .map((goods) => goods.filter((g) => g.skus.some((s) => s.stock >= MIN_STOCK)))
    .filter((goods) => goods.length > 0)
    .map((all) => ({ all, popular: popularOf(all, input.favouredStores, rand) }));
  const showcases = (input.showcases ?? []).map((s) => ({ creatorId: s.creatorId, goods: s.goods.filter((g) => g.skus.some((k) => k.stock >= MIN_STOCK)) })).filter((s) => s.goods.length > 0);
  if (boards.length === 0 || input.shopperIds.length === 0) return [];

  /** A line of these goods (1–3 units of a SKU with stock to spare), or null when none is left to sell. */
  const lineOf = (goods: PlanGoods): PlannedLine | null => {
    const r = rand();
    const quantity = r < 0.72 ? 1 : r < 0.92 ? 2 : 3;
    const skus = goods.skus.filter((s) => (left.get(s.id) ?? s.stock) - quantity >= MIN_STOCK - 1);
    if (skus.length === 0) return null;
    const sku = pick(skus);
    left.set(sku.id, (left.get(sku.id) ?? sku.stock) - quantity);
    return { productId: goods.productId, storeId: goods.storeId, skuId: sku.id, quantity };
  };
  const line = (board: (typeof boards)[number], takenStores: ReadonlySet<string>): PlannedLine | null => {
    // A few tries: the goods drawn may be of a store already in this checkout, or sold out for the demo.
    for (let attempt = 0; attempt < 8; attempt++) {
      const goods = rand() < TAIL ? pick(board.all) : weighted(board.popular, rand);
      if (takenStores.has(goods.storeId)) continue;
      const l = lineOf(goods);
      if (l) return l;
    }
    return null;
  };

  const plan: PlannedCheckout[] = [];
  let orders = 0;
  for (let k = 0; orders < input.orders && k < input.orders * 3; k++) {
    // Checkouts start in each category in turn, so every one has a 热卖榜 of a few goods; the
    // other stores' goods in a cart come from any category.
    const first = boards[k % boards.length]!;
    const want = weighted(STORES_PER_CHECKOUT, rand, (s) => s[1])[0];
    // 立即购买 on a creator's showcase page: one goods of it, credited to the creator.
    if (want === 1 && showcases.length > 0 && rand() < SHOWCASE) {
      const showcase = pick(showcases);
      const l = lineOf(pick(showcase.goods));
      if (l) {
        plan.push({ key: `demo-order-${plan.length + 1}`, shopperId: pick(input.shopperIds), lines: [l], source: { type: 'showcase', id: showcase.creatorId } });
        orders += 1;
        continue;
      }
    }
    const lines: PlannedLine[] = [];
    for (let i = 0; i < want; i++) {
      const l = line(i === 0 ? first : pick(boards), new Set(lines.map((x) => x.storeId)));
      if (l) lines.push(l);
    }
    const a = lines[0];
    if (!a) continue;
    const shopperId = pick(input.shopperIds);
    const type = lines.length > 1 ? 'cart' : weighted(SOURCES, rand, (s) => s[1])[0];
    const source = type === 'store_page' ? { type, id: a.storeId } : type === 'product_page' ? { type, id: a.productId } : { type };
    plan.push({ key: `demo-order-${plan.length + 1}`, shopperId, lines, source });
    orders += lines.length;
  }
  return plan;
}

/**
 * The popular goods of a category: favoured stores first, then the others in a seeded order, one
 * goods of each store per round (seeded too), so they spread over stores and a category sold by
 * two stores still has `POPULAR` of them.
 */
function popularOf(all: readonly PlanGoods[], favoured: ReadonlySet<string>, rand: () => number): PlanGoods[] {
  const byStore = new Map<string, Array<{ g: PlanGoods; order: number }>>();
  for (const g of all) byStore.set(g.storeId, [...(byStore.get(g.storeId) ?? []), { g, order: rand() }]);
  const stores = [...byStore.keys()].map((id) => ({ id, order: favoured.has(id) ? -1 : rand() }));
  stores.sort((x, y) => x.order - y.order || x.id.localeCompare(y.id));
  const queues = stores.map((s) => byStore.get(s.id)!.sort((x, y) => x.order - y.order).map((x) => x.g));
  const popular: PlanGoods[] = [];
  for (let round = 0; popular.length < POPULAR && queues.some((q) => q.length > round); round++) {
    for (const q of queues) if (q[round] && popular.length < POPULAR) popular.push(q[round]!);
  }
  return popular;
}

const yieldToEventLoop = () => new Promise<void>((r) => setImmediate(r));

/** Draws by weight; the default is Zipf-like by position (1, 0.38, 0.21, …): the first leads clearly. */
function weighted<T>(xs: readonly T[], rand: () => number, weight: (x: T, i: number) => number = (_, i) => (i + 1) ** -1.4): T {
  const total = xs.reduce((a, x, i) => a + weight(x, i), 0);
  let r = rand() * total;
  for (const [i, x] of xs.entries()) {
    r -= weight(x, i);
    if (r < 0) return x;
  }
  return xs[xs.length - 1]!;
}

export interface DemoOrderStats {
  checkouts: number;
  orders: number;
  units: number;
  /** Orders whose payment webhook was processed before the wait ended (the rest follow in the background). */
  paid: number;
  shipped: number;
  /** Orders placed on a demo creator's showcase (each earns the creator a commission once paid). */
  showcase: number;
  /** Of those, the ones shipped. */
  showcaseShipped: number;
  stores: number;
  ms: number;
  /** Set when nothing was placed, and why. */
  skipped?: string;
}

type OrderPlatform = Pick<Platform, 'services'>;

/** Places the plan through the services; see the top of this file. Placing twice places nothing the second time. */
export async function seedDemoOrders(platform: OrderPlatform, opts: { orders?: number; seed?: number; maxWaitMs?: number } = {}): Promise<DemoOrderStats> {
  const t0 = performance.now();
  const { identity, orders, categories, products, stores, checkout, payments, sandboxPsp, bestSellers, alliance } = platform.services;
  const none = (skipped: string): DemoOrderStats => ({ checkouts: 0, orders: 0, units: 0, paid: 0, shipped: 0, showcase: 0, showcaseShipped: 0, stores: 0, ms: performance.now() - t0, skipped });
  const shopperIds = (await Promise.all(SHOPPERS.map((_, i) => identity.findByEmail(`shopper${i + 2}@demo.flywheel`)))).flatMap((u) => (u ? [u.id] : []));
  if (shopperIds.length === 0) return none('no demo shoppers');
  // Once per world: the demo shoppers buy nothing before this, so an order of theirs means it ran.
  for (const id of shopperIds) if ((await orders.listForBuyer(id, { limit: 1, offset: 0 })).total > 0) return none('the demo shoppers have orders already');

  const favoured = new Set<string>();
  for (const email of ['merchant@demo.flywheel', 'rural@demo.flywheel']) {
    const u = await identity.findByEmail(email);
    if (u) for (const s of await stores.myStores(u.id)) favoured.add(s.id);
  }
  const roots: PlanGoods[][] = [];
  for (const root of await categories.tree()) {
    // The first sixty goods of a category are plenty to pick a few popular ones from.
    const { items } = await products.list({ categoryId: root.id, status: 'active', limit: 60, offset: 0 });
    roots.push(
      items
        .map((p) => ({ productId: p.id, storeId: p.storeId, skus: p.skus.filter((s) => s.status === 'active').map((s) => ({ id: s.id, stock: s.stock })) }))
        .sort((x, y) => x.productId.localeCompare(y.productId)),
    );
  }
  // The demo creators' showcases (alliance.ts filled them): the goods they may still earn on.
  const showcases: PlanShowcase[] = [];
  for (const creatorId of await demoCreatorIds(platform)) {
    const held = (await alliance.showcase.list(creatorId, { limit: 50, offset: 0 })).items.filter((i) => i.myRate !== null).map((i) => i.productId).sort();
    const goods = await Promise.all(held.map((id) => products.load(id)));
    const onSale = goods.filter((p) => p.status === 'active').map((p) => ({ productId: p.id, storeId: p.storeId, skus: p.skus.filter((s) => s.status === 'active').map((s) => ({ id: s.id, stock: s.stock })) }));
    if (onSale.length > 0) showcases.push({ creatorId, goods: onSale });
  }
  const seed = opts.seed ?? SEED;
  const plan = planDemoOrders({ shopperIds, roots, favouredStores: favoured, showcases, orders: opts.orders ?? DEMO_ORDERS, seed });
  if (plan.length === 0) return none('no goods in stock');

  // Which orders the stores ship, and with which carrier and waybill number: decided up front
  // (seeded); shipped once paid, while the last payments' webhooks are still on their way (they
  // wait up to SANDBOX_PSP_MAX_DELAY_MS). The sandbox carrier then picks the parcels up and
  // delivers them over the next few minutes (its scans arrive as signed webhooks too).
  const rand = seededRandom(seed + 1);
  const toShip: Array<{ orderId: string; storeId: string; intentId: string; carrier: string; trackingNo: string; showcase: boolean }> = [];
  const owners = new Map<string, string | null>();
  const succeeded = new Set<string>();
  let shipped = 0;
  let showcaseShipped = 0;
  let showcaseOrders = 0;
  const shipPaid = async (): Promise<void> => {
    for (const s of [...toShip]) {
      // The webhook was handled once the intent succeeded; the bus marks the orders paid just after.
      if (!succeeded.has(s.intentId) && (await payments.get(s.intentId)).status === 'succeeded') succeeded.add(s.intentId);
      if (!succeeded.has(s.intentId)) continue;
      if (!owners.has(s.storeId)) owners.set(s.storeId, (await stores.members(s.storeId)).find((m) => m.role === 'owner')?.userId ?? null);
      const owner = owners.get(s.storeId);
      try {
        if (owner) {
          await orders.ship(s.orderId, owner, { carrier: s.carrier, trackingNo: s.trackingNo });
          shipped++;
          if (s.showcase) showcaseShipped++;
        }
        toShip.splice(toShip.indexOf(s), 1);
      } catch (err) {
        // Paid, but the bus has not marked the order so yet: the next round ships it.
        if (!(err instanceof AppError && err.code === 'invalid_state')) throw err;
      }
    }
  };

  // Checkouts and payments one after another (the database takes one transaction at a time
  // anyway); the job workers deliver the webhooks of the first ones meanwhile.
  const placed: Array<{ orderId: string; storeId: string }> = [];
  const buyers = new Set<string>();
  for (const c of plan) {
    // What the 确认订单 page posts (the cart's too: the chosen lines, with source cart). No
    // addressId: the orders ship to the shopper's default address.
    const req: CheckoutRequest = { items: c.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })), source: c.source };
    const { result } = await checkout.checkout(c.shopperId, c.key, req);
    if (!result.payment) throw new Error(`demo checkout ${c.key} has no payment`);
    // What the pay page's 确认付款 does; the PSP tells us by signed webhook, through its job.
    await sandboxPsp.confirm(result.payment.payUrl.split('/pay/')[1]!, c.shopperId, 'succeed');
    buyers.add(c.shopperId);
    const showcase = c.source.type === 'showcase';
    if (showcase) showcaseOrders++;
    for (const o of result.orders) {
      placed.push({ orderId: o.id, storeId: o.storeId });
      // The showcases' few orders ship at the same rate, spread evenly rather than drawn (the 2nd,
      // the 5th, …), so the creators' commissions include shipped orders too.
      const drawn = rand() < SHIP;
      const ship = showcase ? Math.round(showcaseOrders * SHIP) > Math.round((showcaseOrders - 1) * SHIP) : drawn;
      const [carrier, prefix] = CARRIERS[Math.floor(rand() * CARRIERS.length)]!;
      const trackingNo = `${prefix}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}${String(placed.length).padStart(4, '0')}`;
      if (ship) toShip.push({ orderId: o.id, storeId: o.storeId, intentId: result.payment.intentId, carrier, trackingNo, showcase });
    }
    // PGlite answers without I/O, so a loop of awaits would never let timers, HTTP and the job
    // workers run: yield, so the webhooks of the first payments are delivered meanwhile.
    await yieldToEventLoop();
  }

  // The webhooks are delivered by the job queue's workers and handled by the bus's consumers, as
  // in production: wait until no buyer has an unpaid order left (they had none before) and the
  // chosen orders are shipped. A count per buyer is two small queries.
  const deadline = Date.now() + (opts.maxWaitMs ?? 30_000);
  let unpaid = 0;
  for (;;) {
    unpaid = 0;
    for (const id of buyers) {
      unpaid += (await orders.listForBuyer(id, { status: 'created', limit: 0, offset: 0 })).total;
      if (unpaid > 0 && Date.now() <= deadline) break;
    }
    await shipPaid();
    if ((unpaid === 0 && toShip.length === 0) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  // A 热卖榜 computed while the orders were being placed would be served for a minute.
  bestSellers.clear();
  return {
    checkouts: plan.length,
    orders: placed.length,
    units: plan.reduce((a, c) => a + c.lines.reduce((b, l) => b + l.quantity, 0), 0),
    paid: placed.length - unpaid,
    shipped,
    showcase: plan.filter((c) => c.source.type === 'showcase').length,
    showcaseShipped,
    stores: new Set(placed.map((o) => o.storeId)).size,
    ms: performance.now() - t0,
  };
}
