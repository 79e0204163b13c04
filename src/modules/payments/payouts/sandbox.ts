// The sandbox payout bank: the bank's own side, as if another company ran it inside our process.
// It keeps its own books (sandbox_payout_* tables), settles each transfer in a durable job a
// configurable while after it was asked, and tells the merchant (us) the outcome with a signed
// webhook POSTed over real HTTP by another durable job: retried with backoff on failure,
// sometimes sent twice, each copy after a small random delay.
//
// Documented magic amount: a transfer whose amount ends in 13 fen (0.13, 100.13 yuan…) fails
// with `account_frozen`, so tests and demos can force a failure; every other transfer is paid.
import type { Db, Tx } from '../../../platform/db/index.ts';
import { notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { JobHandler, JobQueue } from '../../../platform/jobs/queue.ts';
import type { Log } from '../../../platform/log.ts';
import { SIGNATURE_HEADER, signPayload, type SandboxTransferEvent } from './sandbox-wire.ts';

export const SETTLE_JOB = 'sandbox_payout.settle';
export const DELIVER_JOB = 'sandbox_payout.deliver_event';
export const WEBHOOK_PATH = '/api/v1/payments/payouts/webhooks/sandbox';
/** Fen part (amount mod 100) that makes the sandbox bank refuse a transfer. */
export const FROZEN_ACCOUNT_FEN = 13;
export const FROZEN_ACCOUNT_REASON = 'account_frozen';

export interface SandboxPayoutBankOptions {
  secret: string;
  /** A transfer settles this long after it was asked for (0: at once, for tests). */
  processDelayMs: number;
  /** Chance (0…1) that an event is delivered twice. */
  duplicateRate: number;
  /** Each delivery waits a random 0…maxDelayMs first. */
  maxDelayMs: number;
  /** Base URL of the merchant's server, read at delivery time (known only after listen()). */
  webhookBase: () => string;
  random?: () => number;
  log?: Log;
}

export type SandboxTransferStatus = 'processing' | 'paid' | 'failed';

export interface SandboxTransferView {
  ref: string;
  merchantRef: string;
  payeeId: string;
  amountFen: number;
  currency: string;
  status: SandboxTransferStatus;
  failureReason: string | null;
  createdAt: string;
  settledAt: string | null;
}

interface TransferRow {
  ref: string;
  merchant_ref: string;
  payee_id: string;
  amount_fen: number | string;
  currency: string;
  status: SandboxTransferStatus;
  failure_reason: string | null;
  created_at: Date;
  settled_at: Date | null;
}

const view = (r: TransferRow): SandboxTransferView => ({
  ref: r.ref,
  merchantRef: r.merchant_ref,
  payeeId: r.payee_id,
  amountFen: Number(r.amount_fen),
  currency: r.currency,
  status: r.status,
  failureReason: r.failure_reason,
  createdAt: new Date(r.created_at).toISOString(),
  settledAt: r.settled_at ? new Date(r.settled_at).toISOString() : null,
});

/** The bank's verdict on a transfer of `amountFen`. */
export function sandboxOutcome(amountFen: number): { status: 'paid' } | { status: 'failed'; reason: string } {
  return amountFen % 100 === FROZEN_ACCOUNT_FEN ? { status: 'failed', reason: FROZEN_ACCOUNT_REASON } : { status: 'paid' };
}

export class SandboxPayoutBank {
  private readonly random: () => number;

  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
    private readonly opts: SandboxPayoutBankOptions,
  ) {
    this.random = opts.random ?? Math.random;
  }

  /** Registers the settlement worker and the webhook delivery worker. */
  registerJobs(): void {
    const settle: JobHandler<{ transferRef: string }> = (p) => this.settle(p.transferRef);
    const deliver: JobHandler<{ eventId: string }> = (p, ctx) => this.deliver(p.eventId, ctx.signal);
    this.jobs.register(SETTLE_JOB, settle);
    this.jobs.register(DELIVER_JOB, deliver, { timeoutMs: 15_000 });
  }

  /** Accepts a transfer and schedules its settlement; the same merchant reference is one transfer. */
  async createTransfer(tx: Tx, input: { merchantRef: string; payeeId: string; amountFen: number; currency: string }): Promise<string> {
    const ref = newId('sxfr');
    const fresh = await tx.query<{ ref: string }>(
      `INSERT INTO sandbox_payout_transfers (ref, merchant_ref, payee_id, amount_fen, currency) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (merchant_ref) DO NOTHING RETURNING ref`,
      [ref, input.merchantRef, input.payeeId, input.amountFen, input.currency],
    );
    if (fresh.length === 0) {
      const [existing] = await tx.query<{ ref: string }>('SELECT ref FROM sandbox_payout_transfers WHERE merchant_ref = $1', [input.merchantRef]);
      return existing!.ref;
    }
    // Enqueued in the caller's transaction: a rolled-back payout leaves no transfer to settle.
    await this.jobs.enqueue(tx, SETTLE_JOB, { transferRef: ref }, { runAt: new Date(Date.now() + this.opts.processDelayMs), dedupeKey: `${SETTLE_JOB}:${ref}` });
    return ref;
  }

  /** The bank's record of a transfer (tests, demos). */
  async transfer(ref: string): Promise<SandboxTransferView> {
    const [row] = await this.db.query<TransferRow>('SELECT * FROM sandbox_payout_transfers WHERE ref = $1', [ref]);
    if (!row) throw notFound('Transfer', 'transferRef');
    return view(row);
  }

  /**
   * Decides a transfer's outcome and emits its event; the settlement job calls it. Settling twice
   * (a job retried after its commit) changes nothing: a settled transfer keeps its outcome.
   */
  async settle(ref: string): Promise<SandboxTransferView> {
    return this.db.tx(async (tx) => {
      const [row] = await tx.query<TransferRow>('SELECT * FROM sandbox_payout_transfers WHERE ref = $1 FOR UPDATE', [ref]);
      if (!row) throw new Error(`no sandbox transfer ${ref}`);
      if (row.status !== 'processing') return view(row);
      const outcome = sandboxOutcome(Number(row.amount_fen));
      const reason = outcome.status === 'failed' ? outcome.reason : null;
      const [settled] = await tx.query<TransferRow>(
        `UPDATE sandbox_payout_transfers SET status = $2, failure_reason = $3, settled_at = now(), updated_at = now()
          WHERE ref = $1 AND status = 'processing' RETURNING *`,
        [ref, outcome.status, reason],
      );
      await this.emit(tx, settled!);
      return view(settled!);
    });
  }

  /** Records the outcome event and schedules its delivery: once or twice, each after a random delay. */
  private async emit(tx: Tx, t: TransferRow): Promise<void> {
    const id = newId('sxev');
    const body: SandboxTransferEvent = {
      id,
      type: t.status === 'paid' ? 'transfer.paid' : 'transfer.failed',
      created: Math.floor(Date.now() / 1000),
      data: {
        transferRef: t.ref,
        merchantRef: t.merchant_ref,
        amountFen: Number(t.amount_fen),
        currency: t.currency,
        ...(t.failure_reason ? { failureReason: t.failure_reason } : {}),
      },
    };
    await tx.query('INSERT INTO sandbox_payout_events (id, transfer_ref, type, body) VALUES ($1, $2, $3, $4)', [id, t.ref, body.type, JSON.stringify(body)]);
    const copies = this.random() < this.opts.duplicateRate ? 2 : 1;
    for (let copy = 1; copy <= copies; copy++) {
      const delay = Math.floor(this.random() * this.opts.maxDelayMs);
      await this.jobs.enqueue(tx, DELIVER_JOB, { eventId: id }, { runAt: new Date(Date.now() + delay), dedupeKey: `${DELIVER_JOB}:${id}:${copy}`, maxAttempts: 8 });
    }
  }

  /** POSTs one event to the merchant's webhook endpoint; throws (the job retries) unless 2xx. */
  private async deliver(eventId: string, signal: AbortSignal): Promise<{ status: number }> {
    const [event] = await this.db.query<{ body: SandboxTransferEvent }>('SELECT body FROM sandbox_payout_events WHERE id = $1', [eventId]);
    if (!event) throw new Error(`no sandbox payout event ${eventId}`);
    const raw = JSON.stringify(event.body);
    let status = 0;
    try {
      // Signed per attempt, as a bank does: a retry hours later still carries a fresh timestamp.
      const res = await fetch(this.opts.webhookBase() + WEBHOOK_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'flywheel-sandbox-payout/1', [SIGNATURE_HEADER]: signPayload(this.opts.secret, raw) },
        body: raw,
        signal,
      });
      status = res.status;
      await res.text();
      if (!res.ok) throw new Error(`webhook endpoint answered ${res.status}`);
      await this.db.query('UPDATE sandbox_payout_events SET deliveries = deliveries + 1, last_status = $2, last_error = NULL, delivered_at = coalesce(delivered_at, now()) WHERE id = $1', [eventId, status]);
      return { status };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.db.query('UPDATE sandbox_payout_events SET deliveries = deliveries + 1, last_status = $2, last_error = $3 WHERE id = $1', [eventId, status || null, message.slice(0, 500)]);
      this.opts.log?.warn({ eventId, status, err: message }, 'sandbox payout webhook delivery failed');
      throw err;
    }
  }
}
