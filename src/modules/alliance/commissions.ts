// Commissions follow the order they were earned on, from commerce's events: a credited line is
// recorded when the order is created (rate fixed by the plan in force then), accrued to the
// creator's pending account when it is paid, cut pro rata as refunds come in, reversed on a full
// refund, and given a settlement date on delivery. Every money move is one idempotent ledger entry
// (keyed by the commission and the fact behind it), posted in the event's own transaction.
import type { Tx } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { OrderCreatedEvent, OrderLineFacts } from '../commerce/events.ts';
import { accounts } from '../ledger/accounts.ts';
import type { LedgerService } from '../ledger/service.ts';
import { commissionOn, creditFor, guardFlag, keptBase, type Carrier, type Credit, type Flag } from './attribution.ts';
import { effectiveRate } from './rates.ts';
import { activePlansOf, applicationsOf, approvedIn, type AllianceDeps } from './store.ts';

export const SETTLE_JOB = 'alliance.settle_order';
const DAY_MS = 86_400_000;

export interface CommissionPolicy {
  attributionHours: number;
  settleDays: number;
  serviceFeeBps: number;
}

export interface CommissionRow {
  id: string;
  order_id: string;
  line_no: number;
  store_id: string;
  product_id: string;
  title: string;
  buyer_id: string;
  creator_id: string;
  content_type: Credit['contentType'];
  content_id: string;
  plan_id: string;
  rate_bps: number;
  flat_fee_fen: string | number;
  paid_fen: string | number;
  order_pay_fen: string | number;
  base_fen: string | number;
  commission_fen: string | number;
  accrued_fen: string | number;
  service_fee_fen: string | number;
  status: 'unpaid' | 'pending' | 'withheld' | 'settled' | 'reversed' | 'cancelled';
  flag: Flag | null;
  touched_at: Date;
  settle_at: Date | null;
  settled_at: Date | null;
  created_at: Date;
}

interface CaseEvent {
  caseId: string;
  orderId: string;
  status: string;
  amountFen: number;
}

export class Commissions {
  constructor(
    private readonly bus: EventBus,
    private readonly jobs: JobQueue,
    private readonly ledger: LedgerService,
    private readonly deps: AllianceDeps,
    private readonly policy: CommissionPolicy,
  ) {}

  subscribe(bus: EventBus): void {
    bus.subscribeBatch<OrderCreatedEvent>('alliance.attribution', 'commerce.order.created', (events, tx) => this.onCreated(tx, events.map((e) => e.payload)));
    bus.subscribe<{ orderId: string }>('alliance.accrual', 'commerce.order.paid', (e, tx) => this.onPaid(tx, e.payload.orderId));
    bus.subscribe<{ orderId: string }>('alliance.cancel', 'commerce.order.cancelled', (e, tx) => this.recompute(tx, e.payload.orderId, `cancel`, true));
    bus.subscribe<{ orderId: string; deliveredAt: string }>('alliance.delivered', 'commerce.order.delivered', (e, tx) => this.onDelivered(tx, e.payload.orderId, new Date(e.payload.deliveredAt)));
    bus.subscribe<CaseEvent>(
      'alliance.disputes',
      ['commerce.after_sales.opened', 'commerce.after_sales.escalated', 'commerce.after_sales.rejected', 'commerce.after_sales.closed', 'commerce.after_sales.refunded'],
      (e, tx) => this.onCase(tx, e.topic, e.payload, new Date(e.occurredAt)),
    );
  }

  /**
   * Records the credited lines of a pass's new orders, in order. Where each buyer's parcels go is
   * recorded for the fake-order guard, several orders' worth in one statement: the record is only
   * read when a line may earn a creator a commission, so it is written out before such a line is
   * looked at, as one by one.
   */
  private async onCreated(tx: Tx, orders: OrderCreatedEvent[]): Promise<void> {
    const now = this.deps.now();
    const prints: Array<{ userId: string; print: string }> = [];
    const flush = async () => {
      if (prints.length === 0) return;
      await tx.query('INSERT INTO alliance_ship_prints (user_id, print, first_at) SELECT u, p, $3 FROM unnest($1::text[], $2::text[]) AS t (u, p) ON CONFLICT DO NOTHING', [prints.map((x) => x.userId), prints.map((x) => x.print), now]);
      prints.length = 0;
    };
    for (const o of orders) {
      if (!o.lines) continue; // events from before lines were published
      for (const p of [o.shipToPrint, o.devicePrint]) if (typeof p === 'string' && p !== '') prints.push({ userId: o.userId, print: p });
      if (!o.lines.some((l) => l.source?.id)) continue; // nobody's content carried it: no commission
      await flush();
      for (const line of o.lines) await this.attribute(tx, o, line, now);
    }
    await flush();
  }

  /** A commission row for the line, if a creator's content carried it under a plan that pays now. */
  private async attribute(tx: Tx, o: OrderCreatedEvent, line: OrderLineFacts, now: Date): Promise<void> {
    const credit = await this.credit(tx, line, now);
    if (!credit) return;
    const plans = (await activePlansOf(tx, [line.productId])).get(line.productId) ?? [];
    const apps = await applicationsOf(tx, credit.creatorId, plans.map((p) => p.row.id));
    const rate = effectiveRate(plans.map((p) => p.facts), credit.creatorId, now, approvedIn(apps));
    if (!rate) return; // carried, but no plan lets the creator earn on it now
    const prints = await tx.query<{ print: string }>('SELECT print FROM alliance_ship_prints WHERE user_id = $1', [credit.creatorId]);
    const flag = guardFlag(o.userId, credit.creatorId, { shipTo: o.shipToPrint ?? '', device: o.devicePrint ?? null }, new Set(prints.map((p) => p.print)));
    const commission = commissionOn(line.paidFen, rate.rateBps, rate.flatFeeFen);
    await tx.query(
      `INSERT INTO alliance_commissions (id, order_id, line_no, store_id, product_id, title, buyer_id, creator_id, content_type, content_id, plan_id, rate_bps, flat_fee_fen,
                                         paid_fen, order_pay_fen, base_fen, commission_fen, status, flag, touched_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14, $16, 'unpaid', $17, $18, $19) ON CONFLICT (order_id, line_no) DO NOTHING`,
      [newId('com'), o.orderId, line.lineNo, o.storeId, line.productId, line.title, o.userId, credit.creatorId, credit.contentType, credit.contentId, rate.planId, rate.rateBps, rate.flatFeeFen,
        line.paidFen, o.payFen, commission, flag, line.touchedAt, now],
    );
  }

  /** The creator whose content carried this line's goods within the window, if any. */
  private async credit(tx: Tx, line: OrderLineFacts, now: Date): Promise<Credit | null> {
    const s = line.source;
    if (!s?.id) return null;
    let carrier: Carrier | null = null;
    if (s.type === 'feed_video' || s.type === 'live_room') carrier = await this.deps.carrier(s.type, s.id, tx);
    else if (s.type === 'showcase') {
      const rows = await tx.query<{ product_id: string }>('SELECT product_id FROM alliance_showcase WHERE creator_id = $1 AND product_id = $2', [s.id, line.productId]);
      carrier = { creatorId: s.id, productIds: rows.map((r) => r.product_id) };
    }
    return creditFor(s, line.productId, carrier, new Date(line.touchedAt), now, this.policy.attributionHours * 3_600_000);
  }

  /** Paid: clean sales accrue to the creator's pending account (from the store's payable); flagged ones are withheld. */
  private async onPaid(tx: Tx, orderId: string): Promise<void> {
    const rows = await tx.query<CommissionRow>(`SELECT * FROM alliance_commissions WHERE order_id = $1 AND status = 'unpaid' ORDER BY line_no FOR UPDATE`, [orderId]);
    for (const r of rows) {
      if (r.flag) {
        await tx.query(`UPDATE alliance_commissions SET status = 'withheld' WHERE id = $1`, [r.id]);
        continue;
      }
      const fen = Number(r.commission_fen);
      await tx.query(`UPDATE alliance_commissions SET status = 'pending', accrued_fen = $2 WHERE id = $1`, [r.id, fen]);
      if (fen > 0) await this.move(tx, 'commission.accrued', r.id, r, fen, 'commission accrued');
      await this.bus.publish(tx, 'alliance.commission.accrued', { commissionId: r.id, orderId, creatorId: r.creator_id, storeId: r.store_id, amountFen: fen });
    }
  }

  /** Delivered: the return window starts; the order's commissions settle when it closes. */
  private async onDelivered(tx: Tx, orderId: string, deliveredAt: Date): Promise<void> {
    const settleAt = new Date(deliveredAt.getTime() + this.policy.settleDays * DAY_MS);
    const rows = await tx.query(`UPDATE alliance_commissions SET settle_at = $2 WHERE order_id = $1 AND status IN ('pending', 'withheld') RETURNING id`, [orderId, settleAt]);
    if (rows.length) await this.jobs.enqueue(tx, SETTLE_JOB, { orderId }, { runAt: settleAt, dedupeKey: `${SETTLE_JOB}:${orderId}` });
  }

  /** After-sales: an open case holds settlement; a refund cuts the commission pro rata. */
  private async onCase(tx: Tx, topic: string, c: CaseEvent, at: Date): Promise<void> {
    const opens = topic.endsWith('.opened') || topic.endsWith('.escalated');
    if (opens) await tx.query('INSERT INTO alliance_order_holds (order_id, case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [c.orderId, c.caseId]);
    else {
      const released = await tx.query('DELETE FROM alliance_order_holds WHERE order_id = $1 AND case_id = $2 RETURNING case_id', [c.orderId, c.caseId]);
      // The settlement job may have come and gone while the case held the order: ask again.
      if (released.length) await this.rescheduleSettlement(tx, c.orderId, c.caseId);
    }
    if (topic.endsWith('.refunded') && c.amountFen > 0) {
      const added = await tx.query('INSERT INTO alliance_order_refunds (case_id, order_id, amount_fen, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING case_id', [c.caseId, c.orderId, c.amountFen, at]);
      if (added.length) await this.recompute(tx, c.orderId, `refund:${c.caseId}`, false);
    }
  }

  private async rescheduleSettlement(tx: Tx, orderId: string, caseId: string): Promise<void> {
    const [due] = await tx.query<{ settle_at: Date }>(`SELECT min(settle_at) AS settle_at FROM alliance_commissions WHERE order_id = $1 AND status = 'pending' AND settle_at IS NOT NULL`, [orderId]);
    if (!due?.settle_at) return;
    const runAt = new Date(Math.max(new Date(due.settle_at).getTime(), Date.now()));
    await this.jobs.enqueue(tx, SETTLE_JOB, { orderId }, { runAt, dedupeKey: `${SETTLE_JOB}:${orderId}:${caseId}` });
  }

  /**
   * Brings each live commission of the order to what its kept base earns now (everything back on
   * a cancel), moving the difference out of the creator's pending account in one entry per row.
   */
  private async recompute(tx: Tx, orderId: string, why: string, cancelled: boolean): Promise<void> {
    const rows = await tx.query<CommissionRow>(`SELECT * FROM alliance_commissions WHERE order_id = $1 AND status IN ('unpaid', 'pending', 'withheld') ORDER BY line_no FOR UPDATE`, [orderId]);
    if (rows.length === 0) return;
    const [{ refunded } = { refunded: 0 }] = await tx.query<{ refunded: string | number }>('SELECT coalesce(sum(amount_fen), 0)::bigint AS refunded FROM alliance_order_refunds WHERE order_id = $1', [orderId]);
    for (const r of rows) {
      const base = cancelled ? 0 : keptBase(Number(r.paid_fen), Number(r.order_pay_fen), Number(refunded));
      const commission = commissionOn(base, r.rate_bps, Number(r.flat_fee_fen));
      const accrued = Number(r.accrued_fen);
      const nextAccrued = r.status === 'pending' ? commission : 0;
      const status = commission > 0 ? r.status : r.status === 'unpaid' ? 'cancelled' : 'reversed';
      await tx.query('UPDATE alliance_commissions SET base_fen = $2, commission_fen = $3, accrued_fen = $4, status = $5 WHERE id = $1', [r.id, base, commission, nextAccrued, status]);
      if (accrued > nextAccrued) await this.move(tx, 'commission.adjusted', `${r.id}:${why}`, r, nextAccrued - accrued, status === 'reversed' ? 'commission reversed' : 'commission cut by a refund');
    }
  }

  /** One ledger entry between the store's payable and the creator's pending account (+: to the creator). */
  private async move(tx: Tx, kind: string, refId: string, r: CommissionRow, fen: number, memo: string): Promise<void> {
    await this.ledger.post(tx, {
      kind,
      refType: 'commission',
      refId,
      memo: `${memo} (order ${r.order_id} line ${r.line_no})`,
      lines: [
        { account: accounts.merchantPayable(r.store_id), amountFen: fen },
        { account: accounts.creatorPending(r.creator_id), amountFen: -fen },
      ],
    });
  }
}
