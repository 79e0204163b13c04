// Commerce's reaction to a successful payment, in the consumer's one transaction: the checkout's
// orders become paid, and the money is booked — received at the payment provider, owed to each
// store less the platform fee. An order that was cancelled (deadline passed) while its payment
// was in flight is not revived: its share is owed back to the buyer and refunded.
import type { EventBus } from '../../platform/events/bus.ts';
import { accounts, FeeSchedule } from '../ledger/accounts.ts';
import type { LedgerService } from '../ledger/service.ts';
import { PAYMENT_TOPICS, type IntentEvent, type PaymentService, type RefundEvent } from '../payments/service.ts';
import type { OrderService } from './orders.ts';

export function handlePayments(bus: EventBus, orders: OrderService, ledger: LedgerService, payments: PaymentService, fees: FeeSchedule): void {
  bus.subscribe<IntentEvent>('commerce.payment_succeeded', PAYMENT_TOPICS.intentSucceeded, async (event, tx) => {
    const { intentId, reference: checkoutId, amountFen, payerId } = event.payload;
    const intent = await payments.get(intentId, tx);
    const paid = await orders.markCheckoutPaid(tx, checkoutId, amountFen);
    const paidFen = paid.reduce((a, o) => a + o.payFen, 0);
    const lines = [{ account: accounts.pspClearing(intent.provider), amountFen }];
    for (const o of paid) {
      // Per-category rates need the category on order lines; until then the default rate applies.
      const fee = fees.feeFen(o.payFen, fees.defaultBps);
      if (o.payFen - fee !== 0) lines.push({ account: accounts.merchantPayable(o.storeId), amountFen: -(o.payFen - fee) });
      if (fee !== 0) lines.push({ account: 'platform:fee_revenue', amountFen: -fee });
    }
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
