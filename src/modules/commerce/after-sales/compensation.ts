// Compensation (赔付): the service desk pays a buyer an amount on an order (late delivery, a
// broken promise, a goodwill gesture), funded by the platform (its compensation expense) or by
// the store (its payable). It is no refund of the payment, so it goes into the buyer's balance
// (`buyer:<id>:balance`). Idempotent by (order, Idempotency-Key): a repeat returns the first
// compensation; the same key with another body is a 409. At most COMPENSATION_MAX_FEN each.
import { createHash } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Db, Tx } from '../../../platform/db/index.ts';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors.ts';
import type { EventBus } from '../../../platform/events/bus.ts';
import { newId } from '../../../platform/ids.ts';
import { accounts } from '../../ledger/accounts.ts';
import type { LedgerService } from '../../ledger/service.ts';
import { payoutLines } from './money.ts';
import type { Compensation } from './schemas.ts';
import { AFTER_SALES_TOPICS } from './transition.ts';

interface CompensationRow {
  id: string;
  order_id: string;
  user_id: string;
  store_id: string;
  amount_fen: number | string;
  funded_by: 'platform' | 'store';
  reason: string;
  created_by: string;
  request_hash: string;
  created_at: Date;
  recovered_at: Date | null;
}

const toCompensation = (r: CompensationRow): Compensation => ({
  id: r.id,
  orderId: r.order_id,
  userId: r.user_id,
  storeId: r.store_id,
  amountFen: Number(r.amount_fen),
  fundedBy: r.funded_by,
  reason: r.reason,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  recoveredAt: r.recovered_at ? new Date(r.recovered_at).toISOString() : null,
});

export interface CompensationInput {
  amountFen: number;
  fundedBy: 'platform' | 'store';
  reason: string;
}

export class CompensationService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly ledger: LedgerService,
    private readonly maxFen: number,
  ) {}

  async pay(orderId: string, operatorId: string, key: string, input: CompensationInput): Promise<{ compensation: Compensation; replayed: boolean }> {
    return this.db.tx((tx) => this.payIn(tx, orderId, operatorId, key, input));
  }

  /** pay() inside the caller's transaction (the service desk's, which checks the agent's authority in it). */
  async payIn(tx: Tx, orderId: string, operatorId: string, key: string, input: CompensationInput): Promise<{ compensation: Compensation; replayed: boolean }> {
    if (input.amountFen > this.maxFen) throw invalid('amountFen', `At most ${this.maxFen} fen per compensation`);
    const hash = createHash('sha256').update(JSON.stringify([input.amountFen, input.fundedBy, input.reason])).digest('hex');
    {
      const [order] = await tx.query<{ user_id: string; store_id: string; paid_at: Date | null }>('SELECT user_id, store_id, paid_at FROM orders WHERE id = $1 FOR UPDATE', [orderId]);
      if (!order) throw notFound('Order', 'orderId');
      const id = newId('cmp');
      const [row] = await tx.query<CompensationRow>(
        `INSERT INTO after_sales_compensations (id, order_id, user_id, store_id, amount_fen, funded_by, reason, created_by, idempotency_key, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (order_id, idempotency_key) DO NOTHING RETURNING *`,
        [id, orderId, order.user_id, order.store_id, input.amountFen, input.fundedBy, input.reason, operatorId, key, hash],
      );
      if (!row) {
        const [prev] = await tx.query<CompensationRow>('SELECT * FROM after_sales_compensations WHERE order_id = $1 AND idempotency_key = $2', [orderId, key]);
        if (prev!.request_hash !== hash) throw conflict('This Idempotency-Key was used for a different compensation', 'idempotency-key');
        return { compensation: toCompensation(prev!), replayed: true };
      }
      // Checked after the idempotency claim, so that a replay of a past compensation still replays.
      if (!order.paid_at) throw new AppError('invalid_state', 'The order was never paid: there is nothing to compensate', 'orderId');
      await this.ledger.post(tx, {
        kind: 'compensation',
        refType: 'compensation',
        refId: id,
        memo: input.reason,
        lines: payoutLines(input.amountFen, input.fundedBy === 'platform' ? 'platform' : { store: order.store_id }, order.user_id),
      });
      await this.bus.publish(tx, AFTER_SALES_TOPICS.compensated, { compensationId: id, orderId, storeId: order.store_id, userId: order.user_id, amountFen: input.amountFen, fundedBy: input.fundedBy });
      return { compensation: toCompensation(row), replayed: false };
    }
  }

  /**
   * The platform paid a buyer and the store turns out to be at fault: the amount moves from the
   * store's payable back to the platform's compensation expense. Once per compensation (409 after).
   */
  async recover(compensationId: string, actorId: string, note: string): Promise<Compensation> {
    return this.db.tx(async (tx) => {
      const [row] = await tx.query<CompensationRow>(
        `UPDATE after_sales_compensations SET recovered_at = now(), recovered_by = $2 WHERE id = $1 AND funded_by = 'platform' AND recovered_at IS NULL RETURNING *`,
        [compensationId, actorId],
      );
      if (!row) {
        const [prev] = await tx.query<CompensationRow>('SELECT * FROM after_sales_compensations WHERE id = $1', [compensationId]);
        if (!prev) throw notFound('Compensation', 'compensationId');
        throw new AppError('invalid_state', prev.funded_by === 'store' ? 'The store paid this compensation itself' : 'This compensation was already recovered from the store', 'compensationId');
      }
      const amountFen = Number(row.amount_fen);
      await this.ledger.post(tx, {
        kind: 'compensation_recovery',
        refType: 'compensation_recovery',
        refId: row.id,
        memo: note,
        lines: [
          { account: accounts.merchantPayable(row.store_id), amountFen },
          { account: accounts.compensationExpense, amountFen: -amountFen },
        ],
      });
      await audit(tx, { actorId, action: 'compensation.recover', subjectType: 'order', subjectId: row.order_id, detail: { compensationId, amountFen, storeId: row.store_id, note } });
      await this.bus.publish(tx, AFTER_SALES_TOPICS.recovered, { compensationId, orderId: row.order_id, storeId: row.store_id, amountFen });
      return toCompensation(row);
    });
  }

  async listForOrder(orderId: string): Promise<Compensation[]> {
    return (await this.db.query<CompensationRow>('SELECT * FROM after_sales_compensations WHERE order_id = $1 ORDER BY created_at, id', [orderId])).map(toCompensation);
  }
}
