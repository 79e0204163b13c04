// Reading cases: rows → API objects, with their lines and history; and the order facts a case
// is judged on (lines with their money, units already refunded, delivery time).
import type { Queryable } from '../../../platform/db/index.ts';
import { notFound } from '../../../platform/errors.ts';
import { imageUrl } from '../../media/service.ts';
import { SHIPPING_LINE, type LineMoney } from './money.ts';
import type { Reason } from './policy.ts';
import type { AfterSalesCase } from './schemas.ts';
import type { CaseFacts, CaseStatus, CaseType } from './state.ts';

export interface CaseRow {
  id: string;
  order_id: string;
  user_id: string;
  store_id: string;
  type: CaseType;
  status: CaseStatus;
  reason: Reason;
  note: string;
  amount_fen: number | string;
  order_status: string;
  reply_deadline: Date | null;
  merchant_reply: string | null;
  rejected_at: Date | null;
  escalate_by: Date | null;
  escalation_note: string | null;
  escalated_at: Date | null;
  decided_by: string | null;
  decision_approve: boolean | null;
  decision_note: string | null;
  decided_at: Date | null;
  return_due: Date | null;
  return_carrier: string | null;
  return_tracking_no: string | null;
  return_shipped_at: Date | null;
  return_received_at: Date | null;
  postage_claimed_fen: number | string;
  postage_paid_fen: number | string;
  fast_refund: boolean;
  refund_id: string | null;
  refund_issued_at: Date | null;
  refunded_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface CaseLineRow {
  case_id: string;
  line_no: number;
  quantity: number;
  from_unit: number;
  refund_fen: number | string;
  fee_fen: number | string;
  platform_discount_fen: number | string;
  store_discount_fen: number | string;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const factsOf = (r: CaseRow): CaseFacts => ({ type: r.type, returnShipped: r.return_shipped_at !== null, refundIssued: r.refund_issued_at !== null, refundSettled: r.refunded_at !== null });

export async function hydrateCases(q: Queryable, rows: CaseRow[]): Promise<AfterSalesCase[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const lines = await q.query<CaseLineRow & { title: string | null; image_id: string | null }>(
    `SELECT cl.*, ol.title, ol.image_id FROM after_sales_case_lines cl JOIN after_sales_cases c ON c.id = cl.case_id
       LEFT JOIN order_lines ol ON ol.order_id = c.order_id AND ol.line_no = cl.line_no
      WHERE cl.case_id = ANY($1::text[]) ORDER BY cl.case_id, cl.line_no`,
    [ids],
  );
  const history = await q.query<{ case_id: string; from_status: string | null; to_status: string; action: string; actor_type: string; note: string; at: Date }>(
    'SELECT * FROM after_sales_transitions WHERE case_id = ANY($1::text[]) ORDER BY id',
    [ids],
  );
  return rows.map((r) => ({
    id: r.id,
    orderId: r.order_id,
    storeId: r.store_id,
    userId: r.user_id,
    type: r.type,
    status: r.status,
    reason: r.reason,
    note: r.note,
    amountFen: Number(r.amount_fen),
    beforeShipping: r.order_status === 'paid',
    lines: lines.filter((l) => l.case_id === r.id).map((l) => ({ lineNo: l.line_no, title: l.title ?? '', imageUrl: l.image_id ? imageUrl(l.image_id, 'w240') : null, quantity: l.quantity, refundFen: Number(l.refund_fen) })),
    replyDeadline: r.status === 'requested' ? iso(r.reply_deadline) : null,
    merchantReply: r.merchant_reply,
    escalateBy: r.status === 'rejected' ? iso(r.escalate_by) : null,
    escalation: r.escalated_at ? { note: r.escalation_note ?? '', at: iso(r.escalated_at)! } : null,
    decision: r.decided_at ? { approve: r.decision_approve === true, note: r.decision_note ?? '', at: iso(r.decided_at)! } : null,
    returnDue: r.status === 'awaiting_return' ? iso(r.return_due) : null,
    returnShipment: r.return_shipped_at ? { carrier: r.return_carrier ?? '', trackingNo: r.return_tracking_no ?? '', shippedAt: iso(r.return_shipped_at)!, receivedAt: iso(r.return_received_at) } : null,
    postage: { claimedFen: Number(r.postage_claimed_fen), paidFen: Number(r.postage_paid_fen) },
    refund: { status: r.refunded_at ? 'succeeded' : r.refund_issued_at ? 'pending' : 'none', fast: r.fast_refund, issuedAt: iso(r.refund_issued_at), succeededAt: iso(r.refunded_at) },
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    closedAt: iso(r.closed_at),
    history: history.filter((h) => h.case_id === r.id).map((h) => ({ from: h.from_status, to: h.to_status, action: h.action, actor: h.actor_type, note: h.note, at: iso(h.at)! })),
  }));
}

export async function caseRow(q: Queryable, caseId: string, lock = false): Promise<CaseRow> {
  const [row] = await q.query<CaseRow>(`SELECT * FROM after_sales_cases WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [caseId]);
  if (!row) throw notFound('After-sales case', 'caseId');
  return row;
}

export async function caseLines(q: Queryable, caseId: string): Promise<CaseLineRow[]> {
  return q.query<CaseLineRow>('SELECT * FROM after_sales_case_lines WHERE case_id = $1 ORDER BY line_no', [caseId]);
}

/** The order as after-sales judges it. */
export interface OrderFacts {
  id: string;
  checkoutId: string;
  userId: string;
  storeId: string;
  status: string;
  payFen: number;
  paymentIntentId: string | null;
  deliveredAt: Date | null;
  lines: Array<LineMoney & { skuId: string; flashSaleId: string | null; noReasonReturn: boolean }>;
}

/** Reads (and with `lock`, locks) the order: its lines' money and, as line 0, its shipping charge. */
export async function orderFacts(q: Queryable, orderId: string, lock = false): Promise<OrderFacts> {
  const [o] = await q.query<{ id: string; checkout_id: string; user_id: string; store_id: string; status: string; pay_fen: number | string; payment_intent_id: string | null; delivered_at: Date | null }>(
    `SELECT id, checkout_id, user_id, store_id, status, pay_fen, payment_intent_id,
            coalesce(delivered_at, (SELECT max(t.at) FROM order_transitions t WHERE t.order_id = orders.id AND t.to_status = 'delivered')) AS delivered_at
       FROM orders WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [orderId],
  );
  if (!o) throw notFound('Order', 'orderId');
  const rows = await q.query<{ line_no: number; sku_id: string; quantity: number; line_fen: number | string; fee_fen: number | string; platform_discount_fen: number | string; store_discount_fen: number | string; flash_sale_id: string | null; no_reason_return: boolean }>(
    'SELECT line_no, sku_id, quantity, line_fen, fee_fen, platform_discount_fen, store_discount_fen, flash_sale_id, no_reason_return FROM order_lines WHERE order_id = $1 ORDER BY line_no',
    [orderId],
  );
  const lines: OrderFacts['lines'] = rows.map((l) => ({
    lineNo: l.line_no,
    skuId: l.sku_id,
    flashSaleId: l.flash_sale_id,
    noReasonReturn: l.no_reason_return,
    quantity: l.quantity,
    paidFen: Number(l.line_fen) - Number(l.platform_discount_fen) - Number(l.store_discount_fen),
    feeFen: Number(l.fee_fen),
    platformDiscountFen: Number(l.platform_discount_fen),
    storeDiscountFen: Number(l.store_discount_fen),
  }));
  const shippingFen = Number(o.pay_fen) - lines.reduce((a, l) => a + l.paidFen, 0);
  if (shippingFen < 0) throw new Error(`order ${orderId}: its lines were paid ${-shippingFen} fen more than the order`);
  lines.push({ lineNo: SHIPPING_LINE, skuId: '', flashSaleId: null, noReasonReturn: true, quantity: 1, paidFen: shippingFen, feeFen: 0, platformDiscountFen: 0, storeDiscountFen: 0 });
  return { id: o.id, checkoutId: o.checkout_id, userId: o.user_id, storeId: o.store_id, status: o.status, payFen: Number(o.pay_fen), paymentIntentId: o.payment_intent_id, deliveredAt: o.delivered_at ? new Date(o.delivered_at) : null, lines };
}

/** Units of each line refunded (or being refunded) by earlier cases: those whose refund was issued. */
export async function refundedUnits(q: Queryable, orderId: string): Promise<Map<number, number>> {
  const rows = await q.query<{ line_no: number; n: number }>(
    `SELECT l.line_no, sum(l.quantity)::int AS n FROM after_sales_case_lines l JOIN after_sales_cases c ON c.id = l.case_id
      WHERE c.order_id = $1 AND c.refund_issued_at IS NOT NULL GROUP BY l.line_no`,
    [orderId],
  );
  return new Map(rows.map((r) => [r.line_no, r.n]));
}
