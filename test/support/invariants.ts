// Money and stock invariants, checked after every test of every whole-platform test file (see
// test/support/setup-each.ts): whatever a test did, nothing was lost or invented. Reads the
// tables of several modules directly: this is an auditor's view from outside the modules.
import type { Platform } from '../../src/main.ts';

export interface Violation {
  invariant: string;
  detail: unknown;
}

type Q = Platform['db'];

/** Every ledger entry sums to zero in each currency, and so does the whole ledger. */
async function ledgerBalanced(db: Q): Promise<Violation[]> {
  const entries = await db.query<{ entry_id: string; currency: string; net: string }>(
    'SELECT entry_id, currency, sum(amount_fen)::text AS net FROM ledger_lines GROUP BY entry_id, currency HAVING sum(amount_fen) <> 0',
  );
  const total = await db.query<{ currency: string; net: string }>('SELECT currency, sum(amount_fen)::text AS net FROM ledger_lines GROUP BY currency HAVING sum(amount_fen) <> 0');
  return [...entries.map((e) => ({ invariant: 'ledger entry sums to zero', detail: e })), ...total.map((t) => ({ invariant: 'ledger sums to zero', detail: t }))];
}

/** A SKU's stock is exactly the sum of its recorded movements, and never negative. */
async function stockMatchesMovements(db: Q): Promise<Violation[]> {
  const rows = await db.query<{ id: string; stock: number; moved: string | null }>(
    `SELECT s.id, s.stock, m.moved::text AS moved FROM skus s
       LEFT JOIN (SELECT sku_id, sum(delta) AS moved FROM stock_movements GROUP BY sku_id) m ON m.sku_id = s.id
      WHERE s.stock <> COALESCE(m.moved, 0) OR s.stock < 0`,
  );
  return rows.map((r) => ({ invariant: 'stock = Σ movements', detail: r }));
}

/**
 * Reservations account for every unit taken from a SKU for orders: units reserved minus units
 * released equal the units still held or committed, SKU by SKU. A held reservation belongs to
 * an unpaid order, and an unpaid order holds all of its reservations.
 */
async function reservationsMatchStock(db: Q): Promise<Violation[]> {
  const perSku = await db.query<{ sku_id: string; taken: string; reserved: string }>(
    `WITH moved AS (SELECT sku_id, -sum(delta) AS taken FROM stock_movements WHERE reason IN ('reserve', 'release') GROUP BY sku_id),
          kept AS (SELECT sku_id, sum(quantity) AS reserved FROM stock_reservations WHERE flash_sale_id IS NULL AND status IN ('held', 'committed') GROUP BY sku_id)
     SELECT COALESCE(moved.sku_id, kept.sku_id) AS sku_id, COALESCE(taken, 0)::text AS taken, COALESCE(reserved, 0)::text AS reserved
       FROM moved FULL JOIN kept ON kept.sku_id = moved.sku_id
      WHERE COALESCE(taken, 0) <> COALESCE(reserved, 0)`,
  );
  const states = await db.query<{ order_id: string; status: string; reservation: string }>(
    `SELECT o.id AS order_id, o.status, r.status AS reservation FROM stock_reservations r JOIN orders o ON o.id = r.order_id
      WHERE (r.status = 'held') <> (o.status = 'created')`,
  );
  return [...perSku.map((r) => ({ invariant: 'reserved − released = held + committed', detail: r })), ...states.map((r) => ({ invariant: 'held ⇔ unpaid order', detail: r }))];
}

/** Flash-sale units: each claimed unit belongs to an order that reserved it. */
async function flashUnitsMatchReservations(db: Q): Promise<Violation[]> {
  const rows = await db.query<{ sale_id: string; units: string; reserved: string }>(
    `WITH u AS (SELECT sale_id, count(*) AS units FROM flash_sale_units WHERE order_id IS NOT NULL GROUP BY sale_id),
          r AS (SELECT flash_sale_id AS sale_id, sum(quantity) AS reserved FROM stock_reservations WHERE flash_sale_id IS NOT NULL AND status IN ('held', 'committed') GROUP BY flash_sale_id)
     SELECT COALESCE(u.sale_id, r.sale_id) AS sale_id, COALESCE(units, 0)::text AS units, COALESCE(reserved, 0)::text AS reserved
       FROM u FULL JOIN r ON r.sale_id = u.sale_id WHERE COALESCE(units, 0) <> COALESCE(reserved, 0)`,
  );
  // Units a SKU gave to its flash sales and did not get back are exactly the sales' unit rows.
  const perSku = await db.query<{ sku_id: string; given: string; units: string }>(
    `WITH g AS (SELECT sku_id, -sum(delta) AS given FROM stock_movements WHERE reason = 'flash_sale' GROUP BY sku_id),
          u AS (SELECT s.sku_id, count(*) AS units FROM flash_sale_units fu JOIN flash_sales s ON s.id = fu.sale_id GROUP BY s.sku_id)
     SELECT COALESCE(g.sku_id, u.sku_id) AS sku_id, COALESCE(given, 0)::text AS given, COALESCE(units, 0)::text AS units
       FROM g FULL JOIN u ON u.sku_id = g.sku_id WHERE COALESCE(given, 0) <> COALESCE(units, 0)`,
  );
  return [...rows.map((r) => ({ invariant: 'claimed flash units = flash reservations', detail: r })), ...perSku.map((r) => ({ invariant: 'stock given to flash sales = their units', detail: r }))];
}

/**
 * What the payment provider holds for us, by the ledger, equals what was paid for checkouts
 * minus what was refunded, by the payments module's own records.
 */
async function clearingMatchesPayments(db: Q): Promise<Violation[]> {
  const rows = await db.query<{ provider: string; ledger: string; payments: string }>(
    `WITH p AS (
       SELECT i.provider, sum(i.amount_fen) - COALESCE(sum(rf.refunded), 0) AS net
         FROM payment_intents i
         JOIN checkouts c ON c.id = i.reference
         LEFT JOIN (SELECT intent_id, sum(amount_fen) AS refunded FROM payment_refunds WHERE status = 'succeeded' GROUP BY intent_id) rf ON rf.intent_id = i.id
        WHERE i.status = 'succeeded' GROUP BY i.provider),
     l AS (SELECT split_part(account_code, ':', 2) AS provider, sum(amount_fen) AS net FROM ledger_lines WHERE account_code LIKE 'psp:%:clearing' GROUP BY 1)
     SELECT COALESCE(p.provider, l.provider) AS provider, COALESCE(l.net, 0)::text AS ledger, COALESCE(p.net, 0)::text AS payments
       FROM p FULL JOIN l ON l.provider = p.provider
      WHERE COALESCE(l.net, 0) <> COALESCE(p.net, 0)
        -- providers the payments module knows (the ledger's own tests post to a made-up one)
        AND COALESCE(p.provider, l.provider) IN (SELECT provider FROM payment_intents)`,
  );
  return rows.map((r) => ({ invariant: 'psp clearing = paid − refunded', detail: r }));
}

/**
 * Coupons and the money figures fixed at checkout: a coupon's claimed count is its copies in
 * wallets; an order's discounts and fee are the sums of its lines'; a live (not cancelled)
 * order's discount is what the coupons spent on it took off; a used copy is spent on some order.
 */
async function couponsMatchOrders(db: Q): Promise<Violation[]> {
  const claimed = await db.query<{ id: string; claimed: number; copies: number }>(
    `SELECT c.id, c.claimed, count(u.id)::int AS copies FROM coupons c LEFT JOIN user_coupons u ON u.coupon_id = c.id GROUP BY c.id HAVING c.claimed <> count(u.id)`,
  );
  const lines = await db.query<{ order_id: string }>(
    `SELECT o.id AS order_id FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.id
      HAVING sum(l.store_discount_fen) <> max(o.store_discount_fen) OR sum(l.platform_discount_fen) <> max(o.platform_discount_fen) OR sum(l.fee_fen) <> max(o.fee_fen)`,
  );
  const spent = await db.query<{ order_id: string; discount: string; redeemed: string }>(
    `SELECT o.id AS order_id, o.discount_fen::text AS discount, COALESCE(sum(r.discount_fen), 0)::text AS redeemed
       FROM orders o LEFT JOIN coupon_redemptions r ON r.order_id = o.id AND r.returned_at IS NULL
      WHERE o.status <> 'cancelled' GROUP BY o.id HAVING o.discount_fen <> COALESCE(sum(r.discount_fen), 0)`,
  );
  const used = await db.query<{ id: string; status: string }>(
    `SELECT u.id, u.status FROM user_coupons u WHERE (u.status = 'used') <> EXISTS (SELECT 1 FROM coupon_redemptions r WHERE r.user_coupon_id = u.id AND r.returned_at IS NULL)`,
  );
  return [
    ...claimed.map((r) => ({ invariant: 'coupon claimed = copies in wallets', detail: r })),
    ...lines.map((r) => ({ invariant: 'order discounts and fee = Σ its lines', detail: r })),
    ...spent.map((r) => ({ invariant: 'live order discount = coupons spent on it', detail: r })),
    ...used.map((r) => ({ invariant: 'used copy ⇔ spent on an order', detail: r })),
  ];
}

/**
 * The ledger's balances match the orders: what commerce's postings (payments, after-sales
 * refunds, return postage, compensation) credited each store, took as fee and spent on coupons
 * equals what the order, case and compensation rows say — paid orders in, issued refunds out.
 * Postings of other kinds (the ledger's own tests) are left out of the sums.
 */
async function balancesMatchOrders(db: Q): Promise<Violation[]> {
  const KINDS = `('order_payment', 'after_sales_refund', 'return_postage', 'compensation')`;
  const rows = await db.query<{ account: string; ledger: string; orders: string }>(
    `WITH paid AS (
       SELECT store_id, sum(goods_fen - store_discount_fen - fee_fen + shipping_fen) AS store_fen, sum(fee_fen) AS fee_fen, sum(platform_discount_fen) AS subsidy_fen
         FROM orders WHERE paid_at IS NOT NULL GROUP BY store_id),
     refunded AS (
       SELECT c.store_id, sum(l.refund_fen + l.platform_discount_fen - l.fee_fen) AS store_fen, sum(l.fee_fen) AS fee_fen, sum(l.platform_discount_fen) AS subsidy_fen
         FROM after_sales_cases c JOIN after_sales_case_lines l ON l.case_id = c.id WHERE c.refund_issued_at IS NOT NULL GROUP BY c.store_id),
     postage AS (SELECT store_id, sum(postage_paid_fen) AS fen FROM after_sales_cases WHERE refund_issued_at IS NOT NULL GROUP BY store_id),
     comp AS (SELECT store_id, sum(amount_fen) FILTER (WHERE funded_by = 'store') AS fen FROM after_sales_compensations GROUP BY store_id),
     stores AS (SELECT store_id FROM paid UNION SELECT store_id FROM comp),
     expected AS (
       SELECT 'merchant:' || s.store_id || ':payable' AS account,
              COALESCE(p.store_fen, 0) - COALESCE(r.store_fen, 0) - COALESCE(po.fen, 0) - COALESCE(c.fen, 0) AS fen
         FROM stores s LEFT JOIN paid p USING (store_id) LEFT JOIN refunded r USING (store_id) LEFT JOIN postage po USING (store_id) LEFT JOIN comp c USING (store_id)
       UNION ALL SELECT 'platform:fee_revenue', COALESCE((SELECT sum(fee_fen) FROM paid), 0) - COALESCE((SELECT sum(fee_fen) FROM refunded), 0)
       UNION ALL SELECT 'platform:coupon_expense', -(COALESCE((SELECT sum(subsidy_fen) FROM paid), 0) - COALESCE((SELECT sum(subsidy_fen) FROM refunded), 0))),
     booked AS (
       SELECT l.account_code AS account, -sum(l.amount_fen) AS fen FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id
        WHERE e.kind IN ${KINDS} AND (l.account_code LIKE 'merchant:%:payable' OR l.account_code IN ('platform:fee_revenue', 'platform:coupon_expense'))
        GROUP BY l.account_code)
     SELECT COALESCE(x.account, b.account) AS account, COALESCE(b.fen, 0)::text AS ledger, COALESCE(x.fen, 0)::text AS orders
       FROM expected x FULL JOIN booked b ON b.account = x.account WHERE COALESCE(b.fen, 0) <> COALESCE(x.fen, 0)`,
  );
  return rows.map((r) => ({ invariant: 'ledger balances = orders, refunds, compensation', detail: r }));
}

/**
 * Commission money matches the alliance's rows: each creator's pending account holds what their
 * pending commissions accrued, their balance what settled (less the service fee) minus what they
 * withdrew; each store paid out exactly what its live commissions accrued; the in-transit account
 * holds the withdrawals still processing; the service fee revenue is the fees taken.
 */
async function commissionsMatchLedger(db: Q): Promise<Violation[]> {
  const rows = await db.query<{ account: string; ledger: string; rows: string }>(
    `WITH c AS (SELECT * FROM alliance_commissions),
     w AS (SELECT * FROM alliance_withdrawals),
     expected AS (
       SELECT 'creator:' || creator_id || ':pending' AS account, sum(accrued_fen) FILTER (WHERE status = 'pending') AS fen FROM c GROUP BY creator_id
       UNION ALL
       SELECT 'creator:' || u.id || ':payable', COALESCE((SELECT sum(accrued_fen - service_fee_fen) FROM c WHERE c.creator_id = u.id AND status = 'settled'), 0)
                                               - COALESCE((SELECT sum(amount_fen) FROM w WHERE w.creator_id = u.id AND status <> 'failed'), 0)
         FROM (SELECT creator_id AS id FROM c UNION SELECT creator_id FROM w) u
       UNION ALL
       SELECT 'platform:alliance_fee_revenue', COALESCE((SELECT sum(service_fee_fen) FROM c WHERE status = 'settled'), 0)
       UNION ALL
       SELECT 'payout:sandbox:in_transit', COALESCE((SELECT sum(amount_fen) FROM w WHERE status = 'processing'), 0)),
     booked AS (
       SELECT account_code AS account, -sum(amount_fen) AS fen FROM ledger_lines
        WHERE account_code LIKE 'creator:%' OR account_code IN ('platform:alliance_fee_revenue', 'payout:sandbox:in_transit') GROUP BY account_code),
     store_paid AS (
       SELECT 'merchant:' || store_id || ':payable' AS account, sum(accrued_fen) AS fen FROM c WHERE status IN ('pending', 'settled') GROUP BY store_id),
     store_booked AS (
       SELECT l.account_code AS account, sum(l.amount_fen) AS fen FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id
        WHERE e.kind IN ('commission.accrued', 'commission.adjusted') AND l.account_code LIKE 'merchant:%' GROUP BY l.account_code)
     SELECT COALESCE(x.account, b.account) AS account, COALESCE(b.fen, 0)::text AS ledger, COALESCE(x.fen, 0)::text AS rows
       FROM expected x FULL JOIN booked b ON b.account = x.account WHERE COALESCE(b.fen, 0) <> COALESCE(x.fen, 0)
     UNION ALL
     SELECT COALESCE(x.account, b.account), COALESCE(b.fen, 0)::text, COALESCE(x.fen, 0)::text
       FROM store_paid x FULL JOIN store_booked b ON b.account = x.account WHERE COALESCE(b.fen, 0) <> COALESCE(x.fen, 0)`,
  );
  return rows.map((r) => ({ invariant: 'commission accounts = commission and withdrawal rows', detail: r }));
}

export const INVARIANTS = [ledgerBalanced, stockMatchesMovements, reservationsMatchStock, flashUnitsMatchReservations, clearingMatchesPayments, couponsMatchOrders, balancesMatchOrders, commissionsMatchLedger];

/** Drains the event bus (so every reaction to what the test did has happened) and checks. */
export async function checkInvariants(platform: Platform): Promise<Violation[]> {
  await platform.bus.drain();
  return invariantViolations(platform.db);
}

/** The checks alone, on any connection to the database (a cluster's, whose bus runs elsewhere). */
export async function invariantViolations(db: Q): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const check of INVARIANTS) out.push(...(await check(db)));
  return out;
}
