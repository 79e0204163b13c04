// What an order shows of its after-sales, for the Order API object (orders.ts hydrate), and the
// completion hold: an order with an open case must not complete by itself.
import type { Queryable } from '../../../platform/db/index.ts';
import type { OrderAfterSales } from './schemas.ts';
import { OPEN_STATUSES } from './state.ts';

export const NO_AFTER_SALES: OrderAfterSales = { openCaseId: null, refundedFen: 0, refundingFen: 0, compensatedFen: 0 };

export async function afterSalesSummaries(q: Queryable, orderIds: readonly string[]): Promise<Map<string, OrderAfterSales>> {
  const out = new Map<string, OrderAfterSales>();
  if (orderIds.length === 0) return out;
  const cases = await q.query<{ order_id: string; open_case_id: string | null; refunded: number | string; refunding: number | string; postage: number | string }>(
    `SELECT order_id,
            max(id) FILTER (WHERE status = ANY($2::text[])) AS open_case_id,
            coalesce(sum(amount_fen) FILTER (WHERE refunded_at IS NOT NULL), 0) AS refunded,
            coalesce(sum(amount_fen) FILTER (WHERE refund_issued_at IS NOT NULL AND refunded_at IS NULL), 0) AS refunding,
            coalesce(sum(postage_paid_fen) FILTER (WHERE refund_issued_at IS NOT NULL), 0) AS postage
       FROM after_sales_cases WHERE order_id = ANY($1::text[]) GROUP BY order_id`,
    [orderIds, OPEN_STATUSES],
  );
  const paid = await q.query<{ order_id: string; total: number | string }>('SELECT order_id, sum(amount_fen) AS total FROM after_sales_compensations WHERE order_id = ANY($1::text[]) GROUP BY order_id', [orderIds]);
  for (const c of cases) out.set(c.order_id, { openCaseId: c.open_case_id, refundedFen: Number(c.refunded), refundingFen: Number(c.refunding), compensatedFen: Number(c.postage) });
  for (const p of paid) {
    const s = out.get(p.order_id) ?? { ...NO_AFTER_SALES };
    out.set(p.order_id, { ...s, compensatedFen: s.compensatedFen + Number(p.total) });
  }
  return out;
}

/** Units and money refunded per order line (cases whose refund was issued), keyed `orderId:lineNo`. */
export async function refundedByLine(q: Queryable, orderIds: readonly string[]): Promise<Map<string, { quantity: number; fen: number }>> {
  if (orderIds.length === 0) return new Map();
  const rows = await q.query<{ order_id: string; line_no: number; quantity: number | string; fen: number | string }>(
    `SELECT c.order_id, l.line_no, sum(l.quantity) AS quantity, sum(l.refund_fen) AS fen
       FROM after_sales_case_lines l JOIN after_sales_cases c ON c.id = l.case_id
      WHERE c.order_id = ANY($1::text[]) AND c.refund_issued_at IS NOT NULL AND l.line_no > 0 GROUP BY c.order_id, l.line_no`,
    [orderIds],
  );
  return new Map(rows.map((r) => [`${r.order_id}:${r.line_no}`, { quantity: Number(r.quantity), fen: Number(r.fen) }]));
}

/** Whether the order has an open after-sales case (a hold on its auto-completion). */
export async function hasOpenCase(q: Queryable, orderId: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM after_sales_cases WHERE order_id = $1 AND status = ANY($2::text[]) LIMIT 1', [orderId, OPEN_STATUSES]);
  return rows.length > 0;
}
