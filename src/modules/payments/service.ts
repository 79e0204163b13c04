// Payments: intents (one per thing paid for), refunds, and the provider's webhooks applied
// through the state machine in state.ts. Every state change publishes its event through the
// outbox in the same transaction.
import type { Db, Queryable, Tx } from '../../platform/db/index.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { PaymentProvider, ProviderEvent } from './provider.ts';
import { decidePaymentEvent, decideRefundEvent, nextStatus, refundable, type IntentState, type IntentStatus, type RefundStatus } from './state.ts';

export const PAYMENT_TOPICS = {
  intentSucceeded: 'payment.intent.succeeded',
  intentFailed: 'payment.intent.failed',
  refundSucceeded: 'payment.refund.succeeded',
} as const;

/** Payload of `payment.intent.succeeded` and `payment.intent.failed`. */
export interface IntentEvent {
  intentId: string;
  reference: string;
  amountFen: number;
  payerId: string;
}

/** Payload of `payment.refund.succeeded`. */
export interface RefundEvent {
  refundId: string;
  intentId: string;
  reference: string;
  amountFen: number;
}

export interface PaymentIntent {
  id: string;
  reference: string;
  payerId: string;
  amountFen: number;
  currency: 'CNY';
  description: string;
  status: IntentStatus;
  provider: string;
  providerRef: string;
  /** The hosted pay page in the web app: `/pay/<providerRef>`. */
  payUrl: string;
  refundedFen: number;
  fullyRefunded: boolean;
  createdAt: string;
  succeededAt: string | null;
  failedAt: string | null;
}

export interface Refund {
  id: string;
  intentId: string;
  amountFen: number;
  reason: string;
  idempotencyKey: string;
  status: RefundStatus;
  createdAt: string;
  succeededAt: string | null;
}

export type WebhookOutcome = { outcome: 'applied' } | { outcome: 'duplicate' } | { outcome: 'ignored'; why: string };

type IntentRow = Record<'id' | 'reference' | 'payer_id' | 'description' | 'status' | 'provider' | 'provider_ref' | 'pay_url', string> & {
  amount_fen: number | string;
  refunded_fen: number | string;
  last_event_seq: number;
  created_at: Date;
  succeeded_at: Date | null;
  failed_at: Date | null;
};
type RefundRow = Record<'id' | 'intent_id' | 'reason' | 'idempotency_key' | 'status', string> & { amount_fen: number | string; created_at: Date; succeeded_at: Date | null };

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toIntent(r: IntentRow): PaymentIntent {
  const amountFen = Number(r.amount_fen);
  const refundedFen = Number(r.refunded_fen);
  return {
    id: r.id,
    reference: r.reference,
    payerId: r.payer_id,
    amountFen,
    currency: 'CNY',
    description: r.description,
    status: r.status as IntentStatus,
    provider: r.provider,
    providerRef: r.provider_ref,
    payUrl: r.pay_url,
    refundedFen,
    fullyRefunded: refundedFen === amountFen,
    createdAt: new Date(r.created_at).toISOString(),
    succeededAt: iso(r.succeeded_at),
    failedAt: iso(r.failed_at),
  };
}

const toRefund = (r: RefundRow): Refund => ({
  id: r.id,
  intentId: r.intent_id,
  amountFen: Number(r.amount_fen),
  reason: r.reason,
  idempotencyKey: r.idempotency_key,
  status: r.status as RefundStatus,
  createdAt: new Date(r.created_at).toISOString(),
  succeededAt: iso(r.succeeded_at),
});

const stateOf = (r: IntentRow): IntentState => ({ status: r.status as IntentStatus, amountFen: Number(r.amount_fen), refundedFen: Number(r.refunded_fen), lastEventSeq: r.last_event_seq });
const MAX_FEN = 10_000_000_000;

function checkText(field: string, value: string, max: number): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max || value.includes('\u0000')) throw invalid(field, `must be 1 to ${max} characters`);
}

export class PaymentService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    readonly provider: PaymentProvider,
  ) {}

  /** Opens (or returns) the intent for `reference` and the provider payment behind it. */
  async createIntent(tx: Tx, input: { reference: string; amountFen: number; currency?: 'CNY'; payerId: string; description: string }): Promise<PaymentIntent> {
    checkText('reference', input.reference, 100);
    checkText('payerId', input.payerId, 100);
    checkText('description', input.description, 200);
    if (!Number.isInteger(input.amountFen) || input.amountFen <= 0 || input.amountFen > MAX_FEN) throw invalid('amountFen', `must be a whole number of fen between 1 and ${MAX_FEN}`);
    if ((input.currency ?? 'CNY') !== 'CNY') throw invalid('currency', 'only CNY is supported');
    const id = newId('pi');
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO payment_intents (id, reference, payer_id, amount_fen, description, provider) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (reference) DO NOTHING RETURNING id`,
      [id, input.reference, input.payerId, input.amountFen, input.description, this.provider.name],
    );
    if (inserted.length === 0) {
      const existing = (await this.byReference(input.reference, tx))!;
      if (existing.amountFen !== input.amountFen) throw conflict(`A payment for ${input.reference} exists with another amount`, 'amountFen');
      if (existing.payerId !== input.payerId) throw conflict(`A payment for ${input.reference} exists for another payer`, 'payerId');
      return existing;
    }
    const { providerRef, payUrl } = await this.provider.createPayment(tx, { intentId: id, amountFen: input.amountFen, currency: 'CNY', description: input.description, payerId: input.payerId });
    const [row] = await tx.query<IntentRow>('UPDATE payment_intents SET provider_ref = $2, pay_url = $3 WHERE id = $1 RETURNING *', [id, providerRef, payUrl]);
    return toIntent(row!);
  }

  /**
   * Intents for many new references at once (batched checkouts): three statements whatever the
   * count. The references must be new: each is unique, and a clash aborts the caller's transaction.
   */
  async createIntents(tx: Tx, inputs: Array<{ reference: string; amountFen: number; payerId: string; description: string }>): Promise<Array<{ id: string; payUrl: string }>> {
    if (inputs.length === 0) return [];
    for (const input of inputs) {
      checkText('reference', input.reference, 100);
      checkText('payerId', input.payerId, 100);
      checkText('description', input.description, 200);
      if (!Number.isInteger(input.amountFen) || input.amountFen <= 0 || input.amountFen > MAX_FEN) throw invalid('amountFen', `must be a whole number of fen between 1 and ${MAX_FEN}`);
    }
    const ids = inputs.map(() => newId('pi'));
    // The provider first (its records are keyed by our intent ids), then our intents with its refs.
    const calls = inputs.map((input, k) => ({ intentId: ids[k]!, amountFen: input.amountFen, currency: 'CNY' as const, description: input.description, payerId: input.payerId }));
    let opened: Array<{ providerRef: string; payUrl: string }> = [];
    if (this.provider.createPayments) opened = await this.provider.createPayments(tx, calls);
    else for (const c of calls) opened.push(await this.provider.createPayment(tx, c));
    await tx.query(
      `INSERT INTO payment_intents (id, reference, payer_id, amount_fen, description, provider, provider_ref, pay_url)
       SELECT id, reference, payer_id, amount_fen, description, $5, ref, url FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $6::text[], $7::text[], $8::text[])
         AS i (id, reference, payer_id, amount_fen, description, ref, url)`,
      [ids, inputs.map((i) => i.reference), inputs.map((i) => i.payerId), inputs.map((i) => i.amountFen), this.provider.name, inputs.map((i) => i.description), opened.map((o) => o.providerRef), opened.map((o) => o.payUrl)],
    );
    return ids.map((id, k) => ({ id, payUrl: opened[k]!.payUrl }));
  }

  async get(intentId: string, q: Queryable = this.db): Promise<PaymentIntent> {
    const [row] = await q.query<IntentRow>('SELECT * FROM payment_intents WHERE id = $1', [intentId]);
    if (!row) throw notFound('Payment', 'intentId');
    return toIntent(row);
  }

  /** The intent, for its payer only: anyone else gets the same 404 as for a missing one. */
  async getForPayer(intentId: string, userId: string, q: Queryable = this.db): Promise<PaymentIntent> {
    const intent = await this.get(intentId, q);
    if (intent.payerId !== userId) throw notFound('Payment', 'intentId');
    return intent;
  }

  async byReference(reference: string, q: Queryable = this.db): Promise<PaymentIntent | null> {
    const [row] = await q.query<IntentRow>('SELECT * FROM payment_intents WHERE reference = $1', [reference]);
    return row ? toIntent(row) : null;
  }

  /** A failed intent may be paid again: back to requires_payment (the pay page still works). */
  async retry(tx: Tx, intentId: string): Promise<PaymentIntent> {
    const row = await this.lock(tx, intentId);
    if (nextStatus(row.status as IntentStatus, 'retry') === null) throw new AppError('invalid_state', `A ${row.status} payment cannot be retried`);
    const [updated] = await tx.query<IntentRow>(`UPDATE payment_intents SET status = 'requires_payment', updated_at = now() WHERE id = $1 AND status = 'failed' RETURNING *`, [intentId]);
    return toIntent(updated!);
  }

  /** Asks the provider for a refund; it settles when the provider's `refund.succeeded` arrives. */
  async refund(tx: Tx, input: { intentId: string; amountFen: number; reason: string; idempotencyKey: string }): Promise<Refund> {
    if (!Number.isInteger(input.amountFen) || input.amountFen <= 0 || input.amountFen > MAX_FEN) throw invalid('amountFen', 'must be a positive whole number of fen');
    checkText('reason', input.reason, 200);
    checkText('idempotencyKey', input.idempotencyKey, 100);
    const row = await this.lock(tx, input.intentId);
    const [same] = await tx.query<RefundRow>('SELECT * FROM payment_refunds WHERE intent_id = $1 AND idempotency_key = $2', [row.id, input.idempotencyKey]);
    if (same) {
      if (Number(same.amount_fen) !== input.amountFen) throw conflict('This idempotency key was used for another amount', 'idempotencyKey');
      return toRefund(same);
    }
    if (row.status !== 'succeeded') throw new AppError('invalid_state', `A ${row.status} payment has nothing to refund`, 'intentId');
    const [{ pending } = { pending: 0 }] = await tx.query<{ pending: number | string }>(
      `SELECT coalesce(sum(amount_fen), 0) AS pending FROM payment_refunds WHERE intent_id = $1 AND status = 'pending'`,
      [row.id],
    );
    const left = refundable(stateOf(row), Number(pending));
    if (input.amountFen > left) throw new AppError('invalid_state', `At most ${left} fen can still be refunded`, 'amountFen');
    const id = newId('rfd');
    await tx.query('INSERT INTO payment_refunds (id, intent_id, amount_fen, reason, idempotency_key) VALUES ($1, $2, $3, $4, $5)', [id, row.id, input.amountFen, input.reason, input.idempotencyKey]);
    const { providerRefundRef } = await this.provider.refund(tx, { providerRef: row.provider_ref, amountFen: input.amountFen, refundId: id });
    const [created] = await tx.query<RefundRow>('UPDATE payment_refunds SET provider_refund_ref = $2 WHERE id = $1 RETURNING *', [id, providerRefundRef]);
    return toRefund(created!);
  }

  async refunds(intentId: string, q: Queryable = this.db): Promise<Refund[]> {
    return (await q.query<RefundRow>('SELECT * FROM payment_refunds WHERE intent_id = $1 ORDER BY created_at, id', [intentId])).map(toRefund);
  }

  /**
   * Applies a verified provider event once: a redelivered event id is a duplicate; an event that
   * would move the intent backwards (stale, or not allowed from its state) is recorded and ignored.
   */
  async handleWebhook(event: ProviderEvent): Promise<WebhookOutcome> {
    return this.db.tx(async (tx) => {
      const fresh = await tx.query(
        `INSERT INTO payment_webhook_events (provider, event_id, type, provider_ref, outcome, payload) VALUES ($1, $2, $3, $4, 'ignored', $5)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.provider.name, event.id, event.type, event.providerRef, JSON.stringify(event)],
      );
      if (fresh.length === 0) return { outcome: 'duplicate' as const };
      const [row] = await tx.query<IntentRow>('SELECT * FROM payment_intents WHERE provider = $1 AND provider_ref = $2 FOR UPDATE', [this.provider.name, event.providerRef]);
      const why = row ? await this.apply(tx, row, event) : 'no payment with this provider reference';
      await tx.query('UPDATE payment_webhook_events SET outcome = $3, note = $4 WHERE provider = $1 AND event_id = $2', [this.provider.name, event.id, why === null ? 'applied' : 'ignored', why]);
      return why === null ? { outcome: 'applied' as const } : { outcome: 'ignored' as const, why };
    });
  }

  /** Applies one event to a locked intent; returns why it was ignored, or null when applied. */
  private async apply(tx: Tx, row: IntentRow, event: ProviderEvent): Promise<string | null> {
    if (event.type === 'refund.succeeded') {
      const [refund] = event.refundId ? await tx.query<RefundRow>('SELECT * FROM payment_refunds WHERE id = $1 AND intent_id = $2 FOR UPDATE', [event.refundId, row.id]) : [];
      const decision = decideRefundEvent(stateOf(row), refund ? { status: refund.status as RefundStatus, amountFen: Number(refund.amount_fen) } : null, event);
      if (!decision.apply) return decision.why;
      await tx.query(`UPDATE payment_refunds SET status = 'succeeded', succeeded_at = now() WHERE id = $1 AND status = 'pending'`, [refund!.id]);
      await tx.query('UPDATE payment_intents SET refunded_fen = $2, updated_at = now() WHERE id = $1 AND refunded_fen = $3', [row.id, decision.to, row.refunded_fen]);
      await this.bus.publish<RefundEvent>(tx, PAYMENT_TOPICS.refundSucceeded, { refundId: refund!.id, intentId: row.id, reference: row.reference, amountFen: Number(refund!.amount_fen) });
      return null;
    }
    const decision = decidePaymentEvent(stateOf(row), { type: event.type, sequence: event.sequence, amountFen: event.amountFen });
    if (!decision.apply) return decision.why;
    const updated = await tx.query(
      `UPDATE payment_intents SET status = $3, last_event_seq = $4, updated_at = now(),
              succeeded_at = CASE WHEN $3 = 'succeeded' THEN now() ELSE succeeded_at END,
              failed_at = CASE WHEN $3 = 'failed' THEN now() ELSE failed_at END
        WHERE id = $1 AND status = $2 RETURNING id`,
      [row.id, row.status, decision.to, event.sequence],
    );
    if (updated.length !== 1) throw new Error(`intent ${row.id} changed under its lock`);
    const payload: IntentEvent = { intentId: row.id, reference: row.reference, amountFen: Number(row.amount_fen), payerId: row.payer_id };
    await this.bus.publish(tx, decision.to === 'succeeded' ? PAYMENT_TOPICS.intentSucceeded : PAYMENT_TOPICS.intentFailed, payload);
    return null;
  }

  private async lock(tx: Tx, intentId: string): Promise<IntentRow> {
    const [row] = await tx.query<IntentRow>('SELECT * FROM payment_intents WHERE id = $1 FOR UPDATE', [intentId]);
    if (!row) throw notFound('Payment', 'intentId');
    return row;
  }
}
