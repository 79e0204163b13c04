// The sandbox payment service provider: the provider's own side, as if another company ran it
// inside our process. It keeps its own books (sandbox_psp_* tables), serves the data of its
// hosted pay page, and tells the merchant (us) about every change with signed webhooks POSTed
// over real HTTP by durable jobs: retried with backoff on failure, sometimes sent twice, and
// each copy after a small random delay, so deliveries can arrive out of order.
import type { Db, Queryable, Tx } from '../../../platform/db/index.ts';
import { AppError, forbidden, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { JobHandler, JobQueue } from '../../../platform/jobs/queue.ts';
import type { Log } from '../../../platform/log.ts';
import { SIGNATURE_HEADER, signPayload, type SandboxEvent } from './wire.ts';

export const DELIVER_JOB = 'sandbox_psp.deliver_event';
export const WEBHOOK_PATH = '/api/v1/payments/webhooks/sandbox';

export interface SandboxPspOptions {
  secret: string;
  /** Chance (0…1) that an event is delivered twice. */
  duplicateRate: number;
  /** Each delivery waits a random 0…maxDelayMs first. */
  maxDelayMs: number;
  merchantName: string;
  /** Base URL of the merchant's server, read at delivery time (known only after listen()). */
  webhookBase: () => string;
  random?: () => number;
  log?: Log;
}

export type SandboxPaymentStatus = 'requires_confirmation' | 'succeeded' | 'failed';

export interface SandboxPaymentView {
  providerRef: string;
  amountFen: number;
  currency: string;
  description: string;
  merchantName: string;
  status: SandboxPaymentStatus;
  refundedFen: number;
  createdAt: string;
}

interface PaymentRow {
  ref: string;
  merchant_ref: string;
  payer_id: string;
  amount_fen: number | string;
  currency: string;
  description: string;
  merchant_name: string;
  status: SandboxPaymentStatus;
  refunded_fen: number | string;
  event_seq: number;
  created_at: Date;
}

const view = (r: PaymentRow): SandboxPaymentView => ({
  providerRef: r.ref,
  amountFen: Number(r.amount_fen),
  currency: r.currency,
  description: r.description,
  merchantName: r.merchant_name,
  status: r.status,
  refundedFen: Number(r.refunded_fen),
  createdAt: new Date(r.created_at).toISOString(),
});

export class SandboxPsp {
  private readonly random: () => number;

  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
    private readonly opts: SandboxPspOptions,
  ) {
    this.random = opts.random ?? Math.random;
  }

  /** Registers the webhook delivery worker. */
  registerJobs(): void {
    const handler: JobHandler<{ eventId: string }> = (p, ctx) => this.deliver(p.eventId, ctx.signal);
    this.jobs.register(DELIVER_JOB, handler, { timeoutMs: 15_000 });
  }

  /** Opens a payment; the same merchant reference opens it once. */
  async createPayment(tx: Tx, input: { merchantRef: string; payerId: string; amountFen: number; currency: string; description: string }): Promise<string> {
    const ref = newId('spay');
    await tx.query(
      `INSERT INTO sandbox_psp_payments (ref, merchant_ref, payer_id, amount_fen, currency, description, merchant_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (merchant_ref) DO NOTHING`,
      [ref, input.merchantRef, input.payerId, input.amountFen, input.currency, input.description, this.opts.merchantName],
    );
    const [row] = await tx.query<{ ref: string }>('SELECT ref FROM sandbox_psp_payments WHERE merchant_ref = $1', [input.merchantRef]);
    return row!.ref;
  }

  /** Many payments in one statement; refs in input order. */
  async createPayments(tx: Tx, inputs: Array<{ merchantRef: string; payerId: string; amountFen: number; currency: string; description: string }>): Promise<string[]> {
    const refs = inputs.map(() => newId('spay'));
    const inserted = await tx.query<{ ref: string; merchant_ref: string }>(
      `INSERT INTO sandbox_psp_payments (ref, merchant_ref, payer_id, amount_fen, currency, description, merchant_name)
       SELECT ref, merchant_ref, payer_id, amount_fen, currency, description, $7 FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[])
         AS p (ref, merchant_ref, payer_id, amount_fen, currency, description)
       ON CONFLICT (merchant_ref) DO NOTHING RETURNING ref, merchant_ref`,
      [refs, inputs.map((i) => i.merchantRef), inputs.map((i) => i.payerId), inputs.map((i) => i.amountFen), inputs.map((i) => i.currency), inputs.map((i) => i.description), this.opts.merchantName],
    );
    // A merchant reference seen before keeps its first payment (idempotent, like createPayment).
    let rows = inserted;
    if (rows.length < inputs.length) rows = await tx.query<{ ref: string; merchant_ref: string }>('SELECT ref, merchant_ref FROM sandbox_psp_payments WHERE merchant_ref = ANY($1::text[])', [inputs.map((i) => i.merchantRef)]);
    const byMerchantRef = new Map(rows.map((r) => [r.merchant_ref, r.ref]));
    return inputs.map((i) => byMerchantRef.get(i.merchantRef)!);
  }

  /** What the hosted pay page shows: public, no payer identity. */
  async view(ref: string): Promise<SandboxPaymentView> {
    const [row] = await this.db.query<PaymentRow>('SELECT * FROM sandbox_psp_payments WHERE ref = $1', [ref]);
    if (!row) throw notFound('Payment', 'params.providerRef');
    return view(row);
  }

  /** The payer's decision on the pay page. A failed payment may be tried again. */
  async confirm(ref: string, userId: string, outcome: 'succeed' | 'fail'): Promise<SandboxPaymentView> {
    return this.db.tx(async (tx) => {
      const row = await this.lock(tx, ref);
      if (row.payer_id !== userId) throw forbidden('Only the payer can confirm this payment');
      if (row.status === 'succeeded') throw new AppError('invalid_state', 'This payment has already succeeded');
      const status = outcome === 'succeed' ? 'succeeded' : 'failed';
      const [updated] = await tx.query<PaymentRow>(
        `UPDATE sandbox_psp_payments SET status = $2, attempts = attempts + 1, event_seq = event_seq + 1, updated_at = now()
          WHERE ref = $1 RETURNING *`,
        [ref, status],
      );
      await this.emit(tx, updated!, status === 'succeeded' ? 'payment.succeeded' : 'payment.failed', Number(updated!.amount_fen));
      return view(updated!);
    });
  }

  /** Refunds part or all of a succeeded payment; the same merchant refund id refunds once. */
  async refund(tx: Tx, input: { paymentRef: string; amountFen: number; merchantRefundId: string }): Promise<string> {
    const row = await this.lock(tx, input.paymentRef);
    const [existing] = await tx.query<{ ref: string; amount_fen: number | string }>('SELECT ref, amount_fen FROM sandbox_psp_refunds WHERE merchant_refund_id = $1', [input.merchantRefundId]);
    if (existing) {
      if (Number(existing.amount_fen) !== input.amountFen) throw new AppError('conflict', 'This refund id was used with another amount', 'amountFen');
      return existing.ref;
    }
    if (row.status !== 'succeeded') throw new AppError('invalid_state', 'Only a succeeded payment can be refunded');
    if (input.amountFen <= 0 || input.amountFen > Number(row.amount_fen) - Number(row.refunded_fen)) {
      throw new AppError('invalid_state', 'The refund is more than what is left of the payment', 'amountFen');
    }
    const ref = newId('sref');
    await tx.query('INSERT INTO sandbox_psp_refunds (ref, payment_ref, merchant_refund_id, amount_fen) VALUES ($1, $2, $3, $4)', [ref, row.ref, input.merchantRefundId, input.amountFen]);
    const [updated] = await tx.query<PaymentRow>(
      `UPDATE sandbox_psp_payments SET refunded_fen = refunded_fen + $2, event_seq = event_seq + 1, updated_at = now() WHERE ref = $1 RETURNING *`,
      [row.ref, input.amountFen],
    );
    await this.emit(tx, updated!, 'refund.succeeded', input.amountFen, input.merchantRefundId);
    return ref;
  }

  private async lock(tx: Queryable, ref: string): Promise<PaymentRow> {
    const [row] = await tx.query<PaymentRow>('SELECT * FROM sandbox_psp_payments WHERE ref = $1 FOR UPDATE', [ref]);
    if (!row) throw notFound('Payment', 'params.providerRef');
    return row;
  }

  /** Records an event and schedules its delivery: once or twice, each after a random delay. */
  private async emit(tx: Tx, p: PaymentRow, type: SandboxEvent['type'], amountFen: number, refundId?: string): Promise<void> {
    const id = newId('sevt');
    const body: SandboxEvent = {
      id,
      type,
      created: Math.floor(Date.now() / 1000),
      sequence: p.event_seq,
      data: { paymentRef: p.ref, merchantRef: p.merchant_ref, amountFen, ...(refundId ? { refundId } : {}) },
    };
    await tx.query('INSERT INTO sandbox_psp_events (id, payment_ref, type, seq, body) VALUES ($1, $2, $3, $4, $5)', [id, p.ref, type, p.event_seq, JSON.stringify(body)]);
    const copies = this.random() < this.opts.duplicateRate ? 2 : 1;
    for (let copy = 1; copy <= copies; copy++) {
      const delay = Math.floor(this.random() * this.opts.maxDelayMs);
      await this.jobs.enqueue(tx, DELIVER_JOB, { eventId: id }, { runAt: new Date(Date.now() + delay), dedupeKey: `${DELIVER_JOB}:${id}:${copy}`, maxAttempts: 8 });
    }
  }

  /** POSTs one event to the merchant's webhook endpoint; throws (the job retries) unless 2xx. */
  private async deliver(eventId: string, signal: AbortSignal): Promise<{ status: number }> {
    const [event] = await this.db.query<{ body: SandboxEvent }>('SELECT body FROM sandbox_psp_events WHERE id = $1', [eventId]);
    if (!event) throw new Error(`no sandbox event ${eventId}`);
    const raw = JSON.stringify(event.body);
    let status = 0;
    try {
      const res = await fetch(this.opts.webhookBase() + WEBHOOK_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'flywheel-sandbox-psp/1', [SIGNATURE_HEADER]: signPayload(this.opts.secret, raw) },
        body: raw,
        signal,
      });
      status = res.status;
      await res.text();
      if (!res.ok) throw new Error(`webhook endpoint answered ${res.status}`);
      await this.db.query('UPDATE sandbox_psp_events SET deliveries = deliveries + 1, last_status = $2, last_error = NULL, delivered_at = coalesce(delivered_at, now()) WHERE id = $1', [eventId, status]);
      return { status };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.db.query('UPDATE sandbox_psp_events SET deliveries = deliveries + 1, last_status = $2, last_error = $3 WHERE id = $1', [eventId, status || null, message.slice(0, 500)]);
      this.opts.log?.warn({ eventId, status, err: message }, 'sandbox webhook delivery failed');
      throw err;
    }
  }
}
