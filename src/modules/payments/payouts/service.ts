// Payouts (提现打款): one per caller reference, sent through the payout provider, settled by its
// signed webhooks through the state machine in state.ts. The outcome is published on the event
// bus (through the outbox, in the same transaction as the state change) exactly once per payout.
import type { Db, Queryable, Tx } from '../../../platform/db/index.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import type { EventBus } from '../../../platform/events/bus.ts';
import { newId } from '../../../platform/ids.ts';
import type { Log } from '../../../platform/log.ts';
import type { PayoutProvider, TransferEvent } from './provider.ts';
import { decideTransferEvent, type PayoutStatus } from './state.ts';

export const PAYOUT_TOPICS = {
  paid: 'payments.payout.paid',
  failed: 'payments.payout.failed',
} as const;

/** Payload of `payments.payout.paid` and `payments.payout.failed` (`reason` on failures only). */
export interface PayoutEvent {
  payoutId: string;
  reference: string;
  payeeId: string;
  amountFen: number;
  reason?: string;
}

export interface Payout {
  id: string;
  reference: string;
  payeeId: string;
  amountFen: number;
  currency: 'CNY';
  status: PayoutStatus;
  provider: string;
  providerRef: string;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
  paidAt: string | null;
}

export type PayoutWebhookOutcome = { outcome: 'applied' } | { outcome: 'duplicate' } | { outcome: 'ignored'; why: string };

type PayoutRow = Record<'id' | 'reference' | 'payee_id' | 'currency' | 'provider' | 'provider_ref' | 'status', string> & {
  amount_fen: number | string;
  failure_reason: string | null;
  created_at: Date;
  updated_at: Date;
  paid_at: Date | null;
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const toPayout = (r: PayoutRow): Payout => ({
  id: r.id,
  reference: r.reference,
  payeeId: r.payee_id,
  amountFen: Number(r.amount_fen),
  currency: 'CNY',
  status: r.status as PayoutStatus,
  provider: r.provider,
  providerRef: r.provider_ref,
  failureReason: r.failure_reason,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
  paidAt: iso(r.paid_at),
});

const MAX_FEN = 10_000_000_000;

function checkText(field: string, value: string, max: number): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max || value.includes('\u0000')) throw invalid(field, `must be 1 to ${max} characters`);
}

export class PayoutService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    readonly provider: PayoutProvider,
    private readonly log?: Log,
  ) {}

  /**
   * Opens (or returns) the payout for `reference` in the caller's transaction, so the caller's
   * debit of the balance and the payout commit together. A repeat with the same payee and amount
   * returns the first payout; a repeat with other terms is a caller bug and throws a plain Error.
   */
  async create(tx: Tx, input: { reference: string; payeeId: string; amountFen: number; currency?: string }): Promise<Payout> {
    checkText('reference', input.reference, 100);
    checkText('payeeId', input.payeeId, 100);
    if (!Number.isInteger(input.amountFen) || input.amountFen <= 0 || input.amountFen > MAX_FEN) throw invalid('amountFen', `must be a whole number of fen between 1 and ${MAX_FEN}`);
    const currency = input.currency ?? 'CNY';
    if (currency !== 'CNY') throw invalid('currency', 'only CNY is supported');
    const id = newId('pout');
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO payouts (id, reference, payee_id, amount_fen, currency, provider) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (reference) DO NOTHING RETURNING id`,
      [id, input.reference, input.payeeId, input.amountFen, currency, this.provider.name],
    );
    if (inserted.length === 0) {
      const existing = (await this.byReference(input.reference, tx))!;
      if (existing.amountFen !== input.amountFen || existing.payeeId !== input.payeeId || existing.currency !== currency) {
        throw new Error(`payout ${input.reference} exists with other terms (${existing.amountFen} fen to ${existing.payeeId}; asked ${input.amountFen} fen to ${input.payeeId})`);
      }
      return existing;
    }
    const { providerRef } = await this.provider.createTransfer(tx, { reference: id, payeeId: input.payeeId, amountFen: input.amountFen, currency });
    const [row] = await tx.query<PayoutRow>('UPDATE payouts SET provider_ref = $2 WHERE id = $1 RETURNING *', [id, providerRef]);
    return toPayout(row!);
  }

  async get(id: string, q: Queryable = this.db): Promise<Payout> {
    const [row] = await q.query<PayoutRow>('SELECT * FROM payouts WHERE id = $1', [id]);
    if (!row) throw notFound('Payout', 'payoutId');
    return toPayout(row);
  }

  async byReference(reference: string, q: Queryable = this.db): Promise<Payout | null> {
    const [row] = await q.query<PayoutRow>('SELECT * FROM payouts WHERE reference = $1', [reference]);
    return row ? toPayout(row) : null;
  }

  /** Checks a webhook's signature and body; throws `unauthenticated` / `validation_failed` (nothing is read or written). */
  verifyWebhook(rawBody: string, signature: string | string[] | undefined): TransferEvent {
    return this.provider.verifyWebhook(rawBody, signature);
  }

  /** Verifies a raw webhook and applies it: the whole path the webhook route takes. */
  async handleWebhook(rawBody: string, signature: string | string[] | undefined): Promise<PayoutWebhookOutcome> {
    return this.applyEvent(this.verifyWebhook(rawBody, signature));
  }

  /**
   * Applies a verified provider event once. The transition is a conditional update (only from
   * `processing`), so of any number of copies, concurrent or late, exactly one moves the payout
   * and publishes; the others are duplicates. An event contradicting the outcome already applied
   * is acknowledged (the provider would retry a refusal forever) but changes nothing.
   */
  async applyEvent(event: TransferEvent): Promise<PayoutWebhookOutcome> {
    return this.db.tx(async (tx) => {
      const [row] = await tx.query<PayoutRow>('SELECT * FROM payouts WHERE provider = $1 AND provider_ref = $2 FOR UPDATE', [this.provider.name, event.providerRef]);
      if (!row) return this.ignored(event, 'no payout with this provider reference');
      const decision = decideTransferEvent({ status: row.status as PayoutStatus, amountFen: Number(row.amount_fen), currency: row.currency }, event);
      if (decision.kind === 'duplicate') return { outcome: 'duplicate' as const };
      if (decision.kind === 'refuse') return this.ignored(event, decision.why, row.id);
      const reason = decision.to === 'failed' ? (event.failureReason ?? 'unknown') : null;
      const [updated] = await tx.query<PayoutRow>(
        `UPDATE payouts SET status = $2, failure_reason = $3, updated_at = now(),
                paid_at = CASE WHEN $2 = 'paid' THEN now() ELSE paid_at END
          WHERE id = $1 AND status = 'processing' RETURNING *`,
        [row.id, decision.to, reason],
      );
      // Under the row lock this cannot miss; if it ever does, another copy won and this one is a duplicate.
      if (!updated) return { outcome: 'duplicate' as const };
      const payload: PayoutEvent = { payoutId: row.id, reference: row.reference, payeeId: row.payee_id, amountFen: Number(row.amount_fen), ...(reason !== null ? { reason } : {}) };
      await this.bus.publish(tx, decision.to === 'paid' ? PAYOUT_TOPICS.paid : PAYOUT_TOPICS.failed, payload);
      return { outcome: 'applied' as const };
    });
  }

  /** An event we acknowledge but do not apply: worth an operator's look (money may be at stake). */
  private ignored(event: TransferEvent, why: string, payoutId?: string): PayoutWebhookOutcome {
    this.log?.warn({ provider: this.provider.name, eventId: event.id, type: event.type, providerRef: event.providerRef, payoutId, why }, 'payout webhook ignored');
    return { outcome: 'ignored', why };
  }
}
