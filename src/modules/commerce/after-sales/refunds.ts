// The money side of a case, in the caller's transaction: issuing the refund (ledger reversal of
// the payment booking, return postage paid by the store, the provider refund), settling it when
// the provider's `payment.refund.succeeded` arrives, and, before shipping, cancelling the order
// with its stock given back.
//
// Refunds at the provider carry the idempotency key `as:<caseId>`, which tells our subscriber
// (consumer `commerce.after_sales_refund_settled`) they are ours; commerce's payment handler only
// settles its own `late:` refunds. Ledger entries: `after_sales_refund` and `return_postage` per
// case (refType `after_sales_case`), `refund` per provider refund (refType `refund`, as for late
// payments), `compensation` per compensation.
import type { Tx } from '../../../platform/db/index.ts';
import type { EventBus } from '../../../platform/events/bus.ts';
import { accounts } from '../../ledger/accounts.ts';
import type { LedgerService } from '../../ledger/service.ts';
import type { ProductService } from '../../catalog/products.ts';
import { PAYMENT_TOPICS, type PaymentService, type RefundEvent } from '../../payments/service.ts';
import type { OrderService } from '../orders.ts';
import { payoutLines, refundLines, settlementLines, spreadFee } from './money.ts';
import { caseLines, caseRow, type CaseRow, type OrderFacts } from './repo.ts';
import { move } from './transition.ts';

export const REFUND_KEY_PREFIX = 'as:';
export const REFUND_CONSUMER = 'commerce.after_sales_refund_settled';

export class CaseMoney {
  constructor(
    private readonly bus: EventBus,
    private readonly ledger: LedgerService,
    private readonly payments: PaymentService,
    private readonly products: ProductService,
    private readonly orders: OrderService,
  ) {}

  /**
   * The order's lines with the fee the payment posting actually booked for it. Orders are paid
   * per checkout: the checkout's `order_payment` entry credits each store's payable once, so the
   * order's fee is what it paid plus the platform's subsidy minus what its store was credited.
   * When that differs from the lines' own fees (a posting that charged one rate on the whole
   * payment), the booked fee is spread over the lines, so a full refund reverses it exactly.
   */
  async bookedLines(tx: Tx, order: OrderFacts): Promise<OrderFacts['lines']> {
    const entry = (await this.ledger.entriesFor('checkout', order.checkoutId, tx)).find((e) => e.kind === 'order_payment');
    if (!entry) return order.lines;
    const credited = -entry.lines.filter((l) => l.account === accounts.merchantPayable(order.storeId)).reduce((a, l) => a + l.amountFen, 0);
    const subsidy = order.lines.reduce((a, l) => a + l.platformDiscountFen, 0);
    const booked = order.payFen + subsidy - credited;
    if (booked < 0) return order.lines;
    const spread = spreadFee(order.lines, booked);
    return order.lines.map((l, i) => ({ ...l, feeFen: spread[i]!.feeFen }));
  }

  /**
   * Issues the case's refund: reverses the payment booking for its lines, pays return postage
   * from the store, and asks the provider to refund the buyer. A refund of 0 fen (goods paid for
   * entirely by a platform subsidy) settles at once. Returns the updated row.
   */
  async issue(tx: Tx, row: CaseRow, order: OrderFacts, fast: boolean): Promise<CaseRow> {
    const lines = await caseLines(tx, row.id);
    const amountFen = Number(row.amount_fen);
    const parts = lines.map((l) => ({ refundFen: Number(l.refund_fen), feeFen: Number(l.fee_fen), platformDiscountFen: Number(l.platform_discount_fen), storeDiscountFen: Number(l.store_discount_fen) }));
    const reversal = refundLines(parts, row.store_id, row.user_id);
    if (reversal.length >= 2) await this.ledger.post(tx, { kind: 'after_sales_refund', refType: 'after_sales_case', refId: row.id, memo: `after-sales ${row.type} ${row.reason}`, lines: reversal });
    const postage = Number(row.postage_paid_fen);
    if (postage > 0) await this.ledger.post(tx, { kind: 'return_postage', refType: 'after_sales_case', refId: row.id, memo: 'return postage paid by the store', lines: payoutLines(postage, { store: row.store_id }, row.user_id) });
    let refundId: string | null = null;
    if (amountFen > 0) {
      if (!order.paymentIntentId) throw new Error(`order ${order.id} is paid but has no payment intent`);
      const refund = await this.payments.refund(tx, { intentId: order.paymentIntentId, amountFen, reason: `after-sales ${row.id}`, idempotencyKey: `${REFUND_KEY_PREFIX}${row.id}` });
      refundId = refund.id;
    }
    const [updated] = await tx.query<CaseRow>(
      `UPDATE after_sales_cases SET refund_id = $2, refund_issued_at = now(), fast_refund = $3, refunded_at = CASE WHEN $4::boolean THEN now() ELSE NULL END, updated_at = now() WHERE id = $1 RETURNING *`,
      [row.id, refundId, fast, amountFen === 0],
    );
    if (amountFen === 0 && updated!.status === 'refunding') return move(this.bus, tx, updated!, 'refund_settled', { type: 'system', id: null }, 'nothing to return to the payment method');
    return updated!;
  }

  /** Before shipping: the order is cancelled and its stock goes back on sale (flash-sale units do not). */
  async cancelUnshipped(tx: Tx, row: CaseRow, order: OrderFacts): Promise<void> {
    await this.orders.cancel(tx, order.id, { type: 'system', id: null }, `refunded before shipping (after-sales ${row.id})`);
    const lines = order.lines.filter((l) => l.skuId && !l.flashSaleId).sort((a, b) => a.skuId.localeCompare(b.skuId));
    for (const l of lines) await this.products.adjustStock(tx, l.skuId, l.quantity, 'release', row.user_id, `after-sales ${row.id}`);
    await tx.query(`UPDATE stock_reservations SET status = 'released', settled_at = now() WHERE order_id = $1 AND status = 'committed' AND flash_sale_id IS NULL`, [order.id]);
  }

  /** Settles our refunds when the provider confirms them; other refunds are not ours. */
  subscribe(): void {
    this.bus.subscribe<RefundEvent>(REFUND_CONSUMER, PAYMENT_TOPICS.refundSucceeded, async (event, tx) => {
      const { refundId, intentId, amountFen } = event.payload;
      const refund = (await this.payments.refunds(intentId, tx)).find((r) => r.id === refundId);
      if (!refund?.idempotencyKey.startsWith(REFUND_KEY_PREFIX)) return;
      const caseId = refund.idempotencyKey.slice(REFUND_KEY_PREFIX.length);
      const intent = await this.payments.get(intentId, tx);
      const [c] = await tx.query<{ order_id: string }>('SELECT order_id FROM after_sales_cases WHERE id = $1', [caseId]);
      if (!c) throw new Error(`refund ${refundId} names after-sales case ${caseId}, which does not exist`);
      await tx.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE', [c.order_id]); // case actions lock the order first, then the case
      const row = await caseRow(tx, caseId, true);
      await this.ledger.post(tx, { kind: 'refund', refType: 'refund', refId: refundId, memo: `after-sales ${caseId}`, lines: settlementLines(amountFen, intent.provider, row.user_id) });
      if (row.refunded_at) return;
      const [settled] = await tx.query<CaseRow>('UPDATE after_sales_cases SET refunded_at = now(), updated_at = now() WHERE id = $1 RETURNING *', [caseId]);
      await move(this.bus, tx, settled!, 'refund_settled', { type: 'system', id: null }, `refund ${refundId} confirmed by ${intent.provider}`);
    });
  }
}
