// Commerce's reaction to a successful payment, in the consumer's one transaction: the checkout's
// orders become paid, and the money is booked from the figures fixed at checkout (never
// recomputed): received at the payment provider, platform-funded discounts as coupon expense,
// owed to each store its goods less its own discounts less the platform fee (plus the shipping
// it charged), and the fee as revenue. An order that was cancelled (deadline passed) while its
// payment was in flight is not revived: its share is owed back to the buyer and refunded.
import type { Tx } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { accounts } from '../ledger/accounts.ts';
import type { LedgerService, LineInput } from '../ledger/service.ts';
import { PAYMENT_TOPICS, type IntentEvent, type PaymentService, type RefundEvent } from '../payments/service.ts';
import type { OrderService } from './orders.ts';

interface OrderMoney {
  id: string;
  store_id: string;
  goods_fen: number;
  shipping_fen: number;
  pay_fen: number;
  platform_discount_fen: number;
  store_discount_fen: number;
  fee_fen: number;
}

/**
 * The lines of one paid order. Debits: what the buyer paid (pay = goods − store discount −
 * platform discount + shipping) and the platform discount; credits: the store's take (goods −
 * store discount − fee + shipping) and the fee. Both sides equal goods − store discount + shipping.
 */
export function orderPaymentLines(o: OrderMoney): LineInput[] {
  const take = o.goods_fen - o.store_discount_fen - o.fee_fen + o.shipping_fen;
  const lines: LineInput[] = [];
  if (o.platform_discount_fen !== 0) lines.push({ account: accounts.couponExpense, amountFen: o.platform_discount_fen });
  if (take !== 0) lines.push({ account: accounts.merchantPayable(o.store_id), amountFen: -take });
  if (o.fee_fen !== 0) lines.push({ account: accounts.feeRevenue, amountFen: -o.fee_fen });
  return lines;
}

async function moneyOf(tx: Tx, orderIds: string[]): Promise<OrderMoney[]> {
  return tx.query<OrderMoney>(
    'SELECT id, store_id, goods_fen, shipping_fen, pay_fen, platform_discount_fen, store_discount_fen, fee_fen FROM orders WHERE id = ANY($1::text[]) ORDER BY id',
    [orderIds],
  );
}

export function handlePayments(bus: EventBus, orders: OrderService, ledger: LedgerService, payments: PaymentService): void {
  bus.subscribe<IntentEvent>('commerce.payment_succeeded', PAYMENT_TOPICS.intentSucceeded, async (event, tx) => {
    const { intentId, reference: checkoutId, amountFen, payerId } = event.payload;
    const intent = await payments.get(intentId, tx);
    const paid = await orders.markCheckoutPaid(tx, checkoutId, amountFen);
    const paidFen = paid.reduce((a, o) => a + o.payFen, 0);
    const lines: LineInput[] = [{ account: accounts.pspClearing(intent.provider), amountFen }];
    for (const o of await moneyOf(tx, paid.map((p) => p.orderId))) lines.push(...orderPaymentLines(o));
    const lateFen = amountFen - paidFen;
    if (lateFen > 0) lines.push({ account: accounts.buyerRefundable(payerId), amountFen: -lateFen });
    await ledger.post(tx, { kind: 'order_payment', refType: 'checkout', refId: checkoutId, memo: `payment ${intentId}`, lines });
    if (lateFen > 0) await payments.refund(tx, { intentId, amountFen: lateFen, reason: 'order cancelled before the payment arrived', idempotencyKey: `${LATE}${intentId}` });
  });

  // The late payment's refund left the provider: what was owed to the buyer is paid out.
  // (After-sales refunds of paid orders will book against the store's payable instead.)
  bus.subscribe<RefundEvent>('commerce.refund_succeeded', PAYMENT_TOPICS.refundSucceeded, async (event, tx) => {
    const { refundId, intentId, amountFen } = event.payload;
    const refund = (await payments.refunds(intentId, tx)).find((r) => r.id === refundId);
    if (!refund?.idempotencyKey.startsWith(LATE)) return;
    const intent = await payments.get(intentId, tx);
    await ledger.post(tx, {
      kind: 'refund',
      refType: 'refund',
      refId: refundId,
      memo: refund.reason,
      lines: [
        { account: accounts.buyerRefundable(intent.payerId), amountFen },
        { account: accounts.pspClearing(intent.provider), amountFen: -amountFen },
      ],
    });
  });
}

const LATE = 'late:';
