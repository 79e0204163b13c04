// After-sales cases: what buyers, merchants, the platform's operators and the system do to them.
// Every action is one transaction that locks the order, then the case (the same order everywhere,
// so actions on one order never deadlock and are serialised), checks who may act, moves the case
// through the state machine (state.ts) and does the action's money work (refunds.ts).
// Buyers see only their own cases (someone else's is a 404); merchants only their stores' (403).
import type { Db, Queryable, Tx } from '../../../platform/db/index.ts';
import { AppError, conflict, notFound } from '../../../platform/errors.ts';
import type { EventBus } from '../../../platform/events/bus.ts';
import { newId } from '../../../platform/ids.ts';
import type { JobQueue } from '../../../platform/jobs/queue.ts';
import type { StoreService } from '../../catalog/stores.ts';
import { quote, split, SHIPPING_LINE } from './money.ts';
import { checkRequest, isFastRefund, postagePaid, type AfterSalesPolicy } from './policy.ts';
import { caseRow, hydrateCases, orderFacts, refundedUnits, type CaseRow, type OrderFacts } from './repo.ts';
import type { CaseMoney } from './refunds.ts';
import type { AfterSalesCase, CreateCase } from './schemas.ts';
import { OPEN_STATUSES, type CaseStatus } from './state.ts';
import { AFTER_SALES_TOPICS, move, publishCase, recordTransition } from './transition.ts';

export const DEADLINE_JOB = 'commerce.after_sales.deadline';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SYSTEM = { type: 'system' as const, id: null };

/** What after-sales needs from logistics for the buyer's return parcel. */
export interface ReturnLogistics {
  /** Whether the code names a carrier we can follow. */
  isCarrier(code: string): boolean;
  /** Starts following the parcel, in the caller's transaction (absent: nobody follows it). */
  track?(tx: Tx, input: { carrier: string; trackingNo: string; refType: 'return'; refId: string }): Promise<unknown>;
}

export interface CaseFilter {
  status?: CaseStatus;
  limit: number;
  offset: number;
}

const violation = (code: 'validation_failed' | 'invalid_state', field: string, message: string) =>
  new AppError(code, message, field, code === 'validation_failed' ? [{ field, message }] : undefined);

export class AfterSalesService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly jobs: JobQueue,
    private readonly stores: StoreService,
    private readonly money: CaseMoney,
    private readonly policy: AfterSalesPolicy,
    private readonly logistics: ReturnLogistics | null,
  ) {}

  /** The refund subscriber and the deadline job (merchant silence, return not shipped). */
  registerHandlers(): void {
    this.money.subscribe();
    this.jobs.register<{ caseId: string; status: CaseStatus }>(DEADLINE_JOB, async (p) => ({ outcome: await this.onDeadline(p.caseId, p.status) }));
  }

  // ---- reading --------------------------------------------------------------------------------

  async get(caseId: string, q: Queryable = this.db): Promise<AfterSalesCase> {
    const [c] = await hydrateCases(q, [await caseRow(q, caseId)]);
    return c!;
  }

  async getForBuyer(caseId: string, userId: string): Promise<AfterSalesCase> {
    const c = await this.get(caseId);
    if (c.userId !== userId) throw notFound('After-sales case', 'caseId');
    return c;
  }

  async getForStaff(caseId: string, userId: string): Promise<AfterSalesCase> {
    const c = await this.get(caseId);
    await this.stores.assertStaff(c.storeId, userId);
    return c;
  }

  private async list(where: string, params: unknown[], filter: CaseFilter): Promise<{ items: AfterSalesCase[]; total: number }> {
    const n = params.length;
    const cond = `WHERE ${where} AND ($${n + 1}::text IS NULL OR status = $${n + 1})`;
    const rows = await this.db.query<CaseRow>(`SELECT * FROM after_sales_cases ${cond} ORDER BY created_at DESC, id DESC LIMIT $${n + 2} OFFSET $${n + 3}`, [...params, filter.status ?? null, filter.limit, filter.offset]);
    const [count] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM after_sales_cases ${cond}`, [...params, filter.status ?? null]);
    return { items: await hydrateCases(this.db, rows), total: count?.total ?? 0 };
  }

  listForBuyer(userId: string, filter: CaseFilter) {
    return this.list('user_id = $1', [userId], filter);
  }

  async listForStore(storeId: string, userId: string, filter: CaseFilter) {
    await this.stores.assertStaff(storeId, userId);
    return this.list('store_id = $1', [storeId], filter);
  }

  listAll(filter: CaseFilter) {
    return this.list('true', [], filter);
  }

  // ---- the buyer --------------------------------------------------------------------------------

  /** Opens a case; before shipping it is approved, refunded and the order cancelled at once. */
  async open(userId: string, orderId: string, body: CreateCase): Promise<AfterSalesCase> {
    const seen = new Set<number>();
    body.lines?.forEach((l, i) => {
      if (seen.has(l.lineNo)) throw violation('validation_failed', `lines.${i}.lineNo`, `Line ${l.lineNo} is listed twice`);
      seen.add(l.lineNo);
    });
    const caseId = await this.db.tx(async (tx) => {
      const order = await orderFacts(tx, orderId, true);
      if (order.userId !== userId) throw notFound('Order', 'orderId');
      const [open] = await tx.query<{ id: string }>('SELECT id FROM after_sales_cases WHERE order_id = $1 AND status = ANY($2::text[])', [orderId, OPEN_STATUSES]);
      if (open) throw conflict(`The order already has an open after-sales case (${open.id})`, 'orderId');
      const refunded = await refundedUnits(tx, orderId);
      const goods = order.lines.filter((l) => l.lineNo !== SHIPPING_LINE);
      const left = (lineNo: number) => goods.find((g) => g.lineNo === lineNo)!.quantity - (refunded.get(lineNo) ?? 0);
      const selection = body.lines ?? goods.filter((g) => left(g.lineNo) > 0).map((g) => ({ lineNo: g.lineNo, quantity: left(g.lineNo) }));
      body.lines?.forEach((l, i) => {
        if (!goods.some((g) => g.lineNo === l.lineNo)) throw violation('validation_failed', `lines.${i}.lineNo`, `The order has no line ${l.lineNo}`);
        if (l.quantity > left(l.lineNo)) throw violation('invalid_state', `lines.${i}.quantity`, `Only ${left(l.lineNo)} of line ${l.lineNo} can still be refunded`);
      });
      if (selection.length === 0) throw violation('invalid_state', 'lines', 'Every unit of this order was refunded already');
      const wholeOrder = refunded.size === 0 && goods.every((g) => selection.some((s) => s.lineNo === g.lineNo && s.quantity === g.quantity));
      const chosen = goods.filter((g) => selection.some((s) => s.lineNo === g.lineNo));
      const v = checkRequest(this.policy, { orderStatus: order.status, deliveredAt: order.deliveredAt, type: body.type, reason: body.reason, noReasonReturn: chosen.map((g) => g.noReasonReturn), wholeOrder, now: new Date() });
      if (v) throw violation(v.code, v.field, v.message);
      const beforeShipping = order.status === 'paid';
      const lines = await this.money.bookedLines(tx, order);
      const shipping = lines.find((l) => l.lineNo === SHIPPING_LINE)!;
      const q = quote(lines, refunded, beforeShipping && shipping.paidFen > 0 ? [...selection, { lineNo: SHIPPING_LINE, quantity: 1 }] : selection);
      if (q.maxFen === 0) throw violation('invalid_state', 'lines', 'Nothing was paid for these units');
      const amountFen = body.amountFen ?? q.maxFen;
      if (amountFen > q.maxFen) throw violation('invalid_state', 'amountFen', `At most ${q.maxFen} fen can be refunded for these units`);
      if (beforeShipping && amountFen !== q.maxFen) throw violation('invalid_state', 'amountFen', `Before shipping the whole payment (${q.maxFen} fen) is refunded`);

      // A new case replaces a rejected one: that rejection can no longer be escalated.
      for (const r of await tx.query<CaseRow>(`SELECT * FROM after_sales_cases WHERE order_id = $1 AND status = 'rejected' FOR UPDATE`, [orderId])) {
        await move(this.bus, tx, r, 'cancel', { type: 'buyer', id: userId }, 'replaced by a new case');
      }
      const id = newId('asc');
      const replyDeadline = new Date(Date.now() + this.policy.merchantReplyHours * HOUR);
      const [row] = await tx.query<CaseRow>(
        `INSERT INTO after_sales_cases (id, order_id, user_id, store_id, type, status, reason, note, amount_fen, order_status, reply_deadline)
         VALUES ($1, $2, $3, $4, $5, 'requested', $6, $7, $8, $9, $10) RETURNING *`,
        [id, orderId, userId, order.storeId, body.type, body.reason, body.note ?? '', amountFen, order.status, replyDeadline],
      );
      for (const p of split(q, amountFen)) {
        await tx.query(
          `INSERT INTO after_sales_case_lines (case_id, line_no, quantity, from_unit, refund_fen, fee_fen, platform_discount_fen, store_discount_fen) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [id, p.lineNo, p.quantity, p.fromUnit, p.refundFen, p.feeFen, p.platformDiscountFen, p.storeDiscountFen],
        );
      }
      await recordTransition(tx, id, null, 'requested', 'open', { type: 'buyer', id: userId }, body.note ?? '');
      await publishCase(this.bus, tx, AFTER_SALES_TOPICS.opened, row!, 'buyer');
      if (beforeShipping) {
        const approved = await move(this.bus, tx, row!, 'approve', SYSTEM, 'not shipped yet: approved at once');
        await this.money.issue(tx, approved, order, false);
        await this.money.cancelUnshipped(tx, approved, order);
      } else {
        await this.jobs.enqueue(tx, DEADLINE_JOB, { caseId: id, status: 'requested' }, { runAt: replyDeadline, dedupeKey: `${DEADLINE_JOB}:${id}:requested` });
      }
      return id;
    });
    return this.get(caseId);
  }

  /** Runs `fn` on the locked order and case, then returns the case as it is afterwards. */
  private async act(caseId: string, fn: (tx: Tx, row: CaseRow, order: OrderFacts) => Promise<unknown>): Promise<AfterSalesCase> {
    await this.db.tx(async (tx) => {
      const [ref] = await tx.query<{ order_id: string }>('SELECT order_id FROM after_sales_cases WHERE id = $1', [caseId]);
      if (!ref) throw notFound('After-sales case', 'caseId');
      const order = await orderFacts(tx, ref.order_id, true);
      await fn(tx, await caseRow(tx, caseId, true), order);
    });
    return this.get(caseId);
  }

  private async asBuyer(caseId: string, userId: string, fn: (tx: Tx, row: CaseRow, order: OrderFacts) => Promise<unknown>): Promise<AfterSalesCase> {
    return this.act(caseId, async (tx, row, order) => {
      if (row.user_id !== userId) throw notFound('After-sales case', 'caseId');
      await fn(tx, row, order);
    });
  }

  private async asStaff(caseId: string, userId: string, fn: (tx: Tx, row: CaseRow, order: OrderFacts) => Promise<unknown>): Promise<AfterSalesCase> {
    return this.act(caseId, async (tx, row, order) => {
      await this.stores.assertStaff(row.store_id, userId, 'member', tx);
      await fn(tx, row, order);
    });
  }

  cancel(caseId: string, userId: string): Promise<AfterSalesCase> {
    return this.asBuyer(caseId, userId, (tx, row) => move(this.bus, tx, row, 'cancel', { type: 'buyer', id: userId }, 'cancelled by the buyer'));
  }

  escalate(caseId: string, userId: string, note: string): Promise<AfterSalesCase> {
    return this.asBuyer(caseId, userId, async (tx, row) => {
      if (row.status === 'rejected' && row.escalate_by && Date.now() > new Date(row.escalate_by).getTime()) {
        throw violation('invalid_state', 'status', `A rejection can be escalated for ${this.policy.escalationDays} days; that time is over`);
      }
      await move(this.bus, tx, row, 'escalate', { type: 'buyer', id: userId }, note, { escalation_note: note, escalated_at: new Date() });
    });
  }

  shipReturn(caseId: string, userId: string, input: { carrier: string; trackingNo: string; postageFen?: number }): Promise<AfterSalesCase> {
    if (this.logistics && !this.logistics.isCarrier(input.carrier)) throw violation('validation_failed', 'carrier', `Unknown carrier ${input.carrier}: see GET /api/v1/carriers`);
    return this.asBuyer(caseId, userId, async (tx, row, order) => {
      const claimed = input.postageFen ?? 0;
      const shipped = await move(this.bus, tx, row, 'ship_return', { type: 'buyer', id: userId }, `${input.carrier} ${input.trackingNo}`, {
        return_carrier: input.carrier,
        return_tracking_no: input.trackingNo,
        return_shipped_at: new Date(),
        postage_claimed_fen: claimed,
        postage_paid_fen: postagePaid(this.policy, row.reason, claimed),
      });
      // INTEGRATION: logistics follows the parcel when its service is wired in (main.ts).
      await this.logistics?.track?.(tx, { carrier: input.carrier, trackingNo: input.trackingNo, refType: 'return', refId: row.id });
      if (isFastRefund(this.policy, Number(row.amount_fen))) await this.money.issue(tx, shipped, order, true);
    });
  }

  // ---- the merchant -----------------------------------------------------------------------------

  approve(caseId: string, userId: string): Promise<AfterSalesCase> {
    return this.asStaff(caseId, userId, async (tx, row, order) => this.afterApproval(tx, await move(this.bus, tx, row, 'approve', { type: 'merchant', id: userId }, 'approved by the store'), order));
  }

  reject(caseId: string, userId: string, reason: string): Promise<AfterSalesCase> {
    return this.asStaff(caseId, userId, (tx, row) =>
      move(this.bus, tx, row, 'reject', { type: 'merchant', id: userId }, reason, { merchant_reply: reason, rejected_at: new Date(), escalate_by: new Date(Date.now() + this.policy.escalationDays * DAY) }),
    );
  }

  confirmReturn(caseId: string, userId: string): Promise<AfterSalesCase> {
    return this.asStaff(caseId, userId, async (tx, row, order) => {
      const received = await move(this.bus, tx, row, 'confirm_return', { type: 'merchant', id: userId }, 'return received', { return_received_at: new Date() });
      if (!received.refund_issued_at) await this.money.issue(tx, received, order, false);
    });
  }

  // ---- the platform -----------------------------------------------------------------------------

  decide(caseId: string, userId: string, approve: boolean, note: string): Promise<AfterSalesCase> {
    return this.act(caseId, async (tx, row, order) => {
      const set = { decided_by: userId, decision_approve: approve, decision_note: note, decided_at: new Date() };
      const moved = await move(this.bus, tx, row, approve ? 'decide_approve' : 'decide_reject', { type: 'operator', id: userId }, note, set);
      if (approve) await this.afterApproval(tx, moved, order);
    });
  }

  /** A deadline passed: the merchant's silence approves; a return not shipped closes the case. */
  async onDeadline(caseId: string, status: CaseStatus): Promise<string> {
    let outcome = 'moved on before the deadline';
    await this.act(caseId, async (tx, row, order) => {
      if (row.status !== status) return;
      if (status === 'requested') {
        await this.afterApproval(tx, await move(this.bus, tx, row, 'approve', SYSTEM, `the store did not answer within ${this.policy.merchantReplyHours} hours`), order);
        outcome = 'approved';
      } else if (status === 'awaiting_return') {
        await move(this.bus, tx, row, 'expire', SYSTEM, `the return was not shipped within ${this.policy.returnShipDays} days`);
        outcome = 'closed';
      }
    });
    return outcome;
  }

  /** Approved: the refund goes out now (refund only, or the parcel is back), or the buyer ships the goods. */
  private async afterApproval(tx: Tx, row: CaseRow, order: OrderFacts): Promise<void> {
    if (row.status === 'refunding' && !row.refund_issued_at) {
      await this.money.issue(tx, row, order, false);
    } else if (row.status === 'awaiting_return') {
      const due = new Date(Date.now() + this.policy.returnShipDays * DAY);
      await tx.query('UPDATE after_sales_cases SET return_due = $2 WHERE id = $1', [row.id, due]);
      await this.jobs.enqueue(tx, DEADLINE_JOB, { caseId: row.id, status: 'awaiting_return' }, { runAt: due, dedupeKey: `${DEADLINE_JOB}:${row.id}:awaiting_return` });
    }
  }
}
