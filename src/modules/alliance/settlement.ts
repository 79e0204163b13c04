// Settlement: when the return window after delivery has closed and no after-sales case is open on
// the order, a pending commission moves from the creator's pending account to their balance, less
// the platform's service fee. Idempotent: the row's status changes by a conditional update and the
// ledger entry is keyed by the commission, so a job run twice, a sweep racing the job or an
// operator's second click settle once. Time is the alliance's clock (tests move it by hand).
import type { Db, Tx } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import { accounts } from '../ledger/accounts.ts';
import type { LedgerService } from '../ledger/service.ts';
import { serviceFee } from './attribution.ts';
import { SETTLE_JOB, type CommissionPolicy, type CommissionRow } from './commissions.ts';

export type SettleRefusal = 'already_settled' | 'not_pending' | 'not_due' | 'disputed';

const REFUSALS: Record<SettleRefusal, string> = {
  already_settled: 'This commission is already settled',
  not_pending: 'Only a pending commission settles (this one is unpaid, withheld, reversed or cancelled)',
  not_due: 'The return window has not closed yet',
  disputed: 'An after-sales case is open on the order',
};

export class Settlement {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly ledger: LedgerService,
    private readonly policy: CommissionPolicy,
    private readonly now: () => Date,
  ) {}

  register(jobs: JobQueue): void {
    // The job runs at the settlement date by the wall clock; settleOrder checks it by ours.
    jobs.register<{ orderId: string }>(SETTLE_JOB, async (p) => ({ settled: await this.settleOrder(p.orderId) }));
  }

  /** Settles one commission now, or says why not (an operator's action; 409 with the reason). */
  async settle(id: string): Promise<CommissionRow> {
    return this.db.tx(async (tx) => {
      const [row] = await tx.query<CommissionRow>('SELECT * FROM alliance_commissions WHERE id = $1 FOR UPDATE', [id]);
      if (!row) throw notFound('Commission', 'commissionId');
      const refusal = await this.refusal(tx, row);
      if (refusal) throw new AppError(refusal === 'already_settled' ? 'conflict' : 'invalid_state', REFUSALS[refusal], 'commissionId');
      return this.apply(tx, row);
    });
  }

  /** Settles what is due on one order; the rest waits (a later sweep or job). Returns how many settled. */
  async settleOrder(orderId: string): Promise<number> {
    return this.db.tx(async (tx) => {
      const rows = await tx.query<CommissionRow>(`SELECT * FROM alliance_commissions WHERE order_id = $1 AND status = 'pending' ORDER BY line_no FOR UPDATE`, [orderId]);
      let n = 0;
      for (const row of rows) {
        if ((await this.refusal(tx, row)) === null) {
          await this.apply(tx, row);
          n++;
        }
      }
      return n;
    });
  }

  /** Settles everything due by now, order by order (the operator's sweep and the periodic one). */
  async settleDue(limit = 500): Promise<{ orders: number; settled: number }> {
    const orders = await this.db.query<{ order_id: string }>(
      `SELECT DISTINCT order_id FROM alliance_commissions c WHERE status = 'pending' AND settle_at <= $1
          AND NOT EXISTS (SELECT 1 FROM alliance_order_holds h WHERE h.order_id = c.order_id) LIMIT $2`,
      [this.now(), limit],
    );
    let settled = 0;
    for (const o of orders) settled += await this.settleOrder(o.order_id);
    return { orders: orders.length, settled };
  }

  private async refusal(tx: Tx, row: CommissionRow): Promise<SettleRefusal | null> {
    if (row.status === 'settled') return 'already_settled';
    if (row.status !== 'pending') return 'not_pending';
    if (!row.settle_at || new Date(row.settle_at) > this.now()) return 'not_due';
    const holds = await tx.query('SELECT 1 FROM alliance_order_holds WHERE order_id = $1 LIMIT 1', [row.order_id]);
    return holds.length ? 'disputed' : null;
  }

  private async apply(tx: Tx, row: CommissionRow): Promise<CommissionRow> {
    const accrued = Number(row.accrued_fen);
    const fee = serviceFee(accrued, this.policy.serviceFeeBps);
    const now = this.now();
    const [settled] = await tx.query<CommissionRow>(
      `UPDATE alliance_commissions SET status = 'settled', settled_at = $2, service_fee_fen = $3 WHERE id = $1 AND status = 'pending' RETURNING *`,
      [row.id, now, fee],
    );
    if (!settled) throw new AppError('conflict', REFUSALS.already_settled, 'commissionId');
    const lines = [
      { account: accounts.creatorPending(row.creator_id), amountFen: accrued },
      { account: accounts.creatorPayable(row.creator_id), amountFen: -(accrued - fee) },
      { account: accounts.allianceFeeRevenue, amountFen: -fee },
    ].filter((l) => l.amountFen !== 0);
    if (lines.length >= 2) await this.ledger.post(tx, { kind: 'commission.settled', refType: 'commission', refId: row.id, memo: `commission settled (order ${row.order_id} line ${row.line_no})`, lines });
    await this.bus.publish(tx, 'alliance.commission.settled', { commissionId: row.id, orderId: row.order_id, creatorId: row.creator_id, storeId: row.store_id, amountFen: accrued - fee, serviceFeeFen: fee });
    return settled;
  }
}
