// What creators earn and withdraw, and what stores pay creators: read from the commission rows
// and the creator's ledger accounts. A withdrawal takes settled money out of the creator's balance
// into the payout provider's in-transit account in the same transaction that asks the provider to
// pay; the provider's confirmation (or failure, which puts the money back) arrives as an event.
import type { Db, Tx } from '../../platform/db/index.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import { accounts } from '../ledger/accounts.ts';
import type { LedgerService } from '../ledger/service.ts';
import type { PayoutEvent } from '../payments/payouts/service.ts';
import type { CommissionRow } from './commissions.ts';
import type { Commission, Earnings, Withdrawal } from './earnings-schemas.ts';
import type { AllianceDeps } from './store.ts';

/** The payout provider as the alliance uses it (the payments module's PayoutService). */
export interface PayoutGateway {
  /** The provider's name: its in-transit account is payout:<name>:in_transit. */
  readonly provider: string;
  /** Asks for a payout in the caller's transaction; idempotent by reference. */
  create(tx: Tx, input: { reference: string; payeeId: string; amountFen: number }): Promise<{ id: string }>;
}

interface WithdrawalRow {
  id: string;
  creator_id: string;
  amount_fen: string | number;
  status: Withdrawal['status'];
  failure_reason: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const toCommission = (r: CommissionRow): Commission => ({
  id: r.id, orderId: r.order_id, storeId: r.store_id, productId: r.product_id, title: r.title, creatorId: r.creator_id, contentType: r.content_type, contentId: r.content_id,
  planId: r.plan_id, rateBps: r.rate_bps, flatFeeFen: Number(r.flat_fee_fen), paidFen: Number(r.paid_fen), baseFen: Number(r.base_fen), commissionFen: Number(r.commission_fen),
  serviceFeeFen: Number(r.service_fee_fen), status: r.status, flag: r.flag, settleAt: iso(r.settle_at), settledAt: iso(r.settled_at), createdAt: new Date(r.created_at).toISOString(),
});

const toWithdrawal = (r: WithdrawalRow): Withdrawal => ({
  id: r.id, amountFen: Number(r.amount_fen), status: r.status, failureReason: r.failure_reason, createdAt: new Date(r.created_at).toISOString(), finishedAt: iso(r.finished_at),
});

export class EarningsService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly ledger: LedgerService,
    private readonly deps: AllianceDeps,
    private readonly payouts: PayoutGateway | null,
  ) {}

  async commissions(creatorId: string, f: { status?: Commission['status']; limit: number; offset: number }): Promise<{ items: Commission[]; total: number; limit: number; offset: number }> {
    const where = 'WHERE creator_id = $1 AND ($2::text IS NULL OR status = $2)';
    const rows = await this.db.query<CommissionRow>(`SELECT * FROM alliance_commissions ${where} ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`, [creatorId, f.status ?? null, f.limit, f.offset]);
    const [{ n } = { n: 0 }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alliance_commissions ${where}`, [creatorId, f.status ?? null]);
    return { items: rows.map(toCommission), total: n, limit: f.limit, offset: f.offset };
  }

  async earnings(creatorId: string): Promise<Earnings> {
    // Liability accounts carry credit balances: what is owed to the creator is −balance.
    const pending = -(await this.ledger.balance(accounts.creatorPending(creatorId))).balanceFen;
    const available = -(await this.ledger.balance(accounts.creatorPayable(creatorId))).balanceFen;
    const [sums] = await this.db.query<{ withheld: string | number; withdrawn: string | number }>(
      `SELECT (SELECT coalesce(sum(commission_fen), 0) FROM alliance_commissions WHERE creator_id = $1 AND status = 'withheld')::bigint AS withheld,
              (SELECT coalesce(sum(amount_fen), 0) FROM alliance_withdrawals WHERE creator_id = $1 AND status IN ('processing', 'paid'))::bigint AS withdrawn`,
      [creatorId],
    );
    const byContent = await this.db.query<{ content_type: Commission['contentType']; content_id: string; orders: number; fen: string | number }>(
      `SELECT content_type, content_id, count(DISTINCT order_id)::int AS orders, sum(commission_fen)::bigint AS fen FROM alliance_commissions
        WHERE creator_id = $1 AND status IN ('pending', 'settled') GROUP BY content_type, content_id ORDER BY fen DESC, content_id LIMIT 50`,
      [creatorId],
    );
    return {
      pendingFen: pending,
      availableFen: available,
      withheldFen: Number(sums?.withheld ?? 0),
      withdrawnFen: Number(sums?.withdrawn ?? 0),
      byContent: byContent.map((r) => ({ contentType: r.content_type, contentId: r.content_id, orders: r.orders, commissionFen: Number(r.fen) })),
    };
  }

  /** Sales by creator for a store's staff: orders, sales after refunds, and commission owed or paid. */
  async creatorSales(userId: string, storeId: string, page: { limit: number; offset: number }) {
    await this.deps.assertStaff(storeId, userId);
    const rows = await this.db.query<{ creator_id: string; orders: number; base: string | number; fen: string | number }>(
      `SELECT creator_id, count(DISTINCT order_id)::int AS orders, sum(base_fen)::bigint AS base, sum(commission_fen)::bigint AS fen FROM alliance_commissions
        WHERE store_id = $1 AND status IN ('pending', 'settled') GROUP BY creator_id ORDER BY base DESC, creator_id LIMIT $2 OFFSET $3`,
      [storeId, page.limit, page.offset],
    );
    const [{ n } = { n: 0 }] = await this.db.query<{ n: number }>(`SELECT count(DISTINCT creator_id)::int AS n FROM alliance_commissions WHERE store_id = $1 AND status IN ('pending', 'settled')`, [storeId]);
    const names = await this.deps.names(rows.map((r) => r.creator_id));
    return {
      items: rows.map((r) => ({ creatorId: r.creator_id, creatorName: names.get(r.creator_id) ?? null, orders: r.orders, baseFen: Number(r.base), commissionFen: Number(r.fen) })),
      total: n, limit: page.limit, offset: page.offset,
    };
  }

  /**
   * Withdraws settled money. Serialised per creator (an advisory lock), so two withdrawals racing
   * cannot both pass the balance check; the same Idempotency-Key returns the first withdrawal.
   */
  async withdraw(creatorId: string, key: string, amountFen: number): Promise<{ withdrawal: Withdrawal; replayed: boolean }> {
    const payouts = this.payouts;
    if (!payouts) throw new AppError('unavailable', 'No payout provider is configured');
    return this.db.tx(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('alliance.withdraw:' || $1, 0))`, [creatorId]);
      const [prev] = await tx.query<WithdrawalRow>('SELECT * FROM alliance_withdrawals WHERE creator_id = $1 AND idempotency_key = $2', [creatorId, key]);
      if (prev) {
        if (Number(prev.amount_fen) !== amountFen) throw conflict('This Idempotency-Key was used for a different amount', 'headers.idempotency-key');
        return { withdrawal: toWithdrawal(prev), replayed: true };
      }
      const available = -(await this.ledger.balance(accounts.creatorPayable(creatorId), tx)).balanceFen;
      if (amountFen > available) throw new AppError('validation_failed', `At most ${available} fen can be withdrawn now`, 'amountFen', [{ field: 'amountFen', message: `exceeds the available ${available} fen` }]);
      const id = newId('wdr');
      const [row] = await tx.query<WithdrawalRow>('INSERT INTO alliance_withdrawals (id, creator_id, idempotency_key, amount_fen) VALUES ($1, $2, $3, $4) RETURNING *', [id, creatorId, key, amountFen]);
      await this.ledger.post(tx, {
        kind: 'withdrawal.requested', refType: 'withdrawal', refId: id, memo: 'creator withdrawal',
        lines: [{ account: accounts.creatorPayable(creatorId), amountFen }, { account: accounts.payoutInTransit(payouts.provider), amountFen: -amountFen }],
      });
      const payout = await payouts.create(tx, { reference: id, payeeId: creatorId, amountFen });
      await tx.query('UPDATE alliance_withdrawals SET payout_id = $2 WHERE id = $1', [id, payout.id]);
      await this.bus.publish(tx, 'alliance.withdrawal.requested', { withdrawalId: id, creatorId, amountFen });
      return { withdrawal: toWithdrawal(row!), replayed: false };
    });
  }

  async withdrawals(creatorId: string, page: { limit: number; offset: number }): Promise<{ items: Withdrawal[]; total: number; limit: number; offset: number }> {
    const rows = await this.db.query<WithdrawalRow>('SELECT * FROM alliance_withdrawals WHERE creator_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3', [creatorId, page.limit, page.offset]);
    const [{ n } = { n: 0 }] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM alliance_withdrawals WHERE creator_id = $1', [creatorId]);
    return { items: rows.map(toWithdrawal), total: n, limit: page.limit, offset: page.offset };
  }

  /** The provider paid: the money leaves the platform's bank. Failed: it goes back to the creator's balance. */
  async onPayout(tx: Tx, outcome: 'paid' | 'failed', e: PayoutEvent): Promise<void> {
    const provider = this.payouts?.provider ?? 'sandbox';
    const [w] = await tx.query<WithdrawalRow>(
      `UPDATE alliance_withdrawals SET status = $2, failure_reason = $3, finished_at = now() WHERE id = $1 AND status = 'processing' RETURNING *`,
      [e.reference, outcome, outcome === 'failed' ? (e.reason ?? 'failed') : null],
    );
    if (!w) return; // not ours, or already finished: a repeated event changes nothing
    const fen = Number(w.amount_fen);
    const lines = outcome === 'paid'
      ? [{ account: accounts.payoutInTransit(provider), amountFen: fen }, { account: accounts.bankSettlement('platform'), amountFen: -fen }]
      : [{ account: accounts.payoutInTransit(provider), amountFen: fen }, { account: accounts.creatorPayable(w.creator_id), amountFen: -fen }];
    await this.ledger.post(tx, { kind: `withdrawal.${outcome}`, refType: 'withdrawal', refId: w.id, memo: outcome === 'paid' ? 'withdrawal paid out' : `withdrawal failed: ${w.failure_reason}`, lines });
  }

  subscribe(bus: EventBus, topics: { paid: string; failed: string }): void {
    bus.subscribe<PayoutEvent>('alliance.payouts', [topics.paid, topics.failed], (e, tx) => this.onPayout(tx, e.topic === topics.paid ? 'paid' : 'failed', e.payload));
  }
}
