// Tickets: a shopper opens one from an order, a live room, a store page or the help centre; it
// is classified (rules + the text model), queued (store first, disputes to the platform), timed
// (SLA) and assigned. Who may see and act on a ticket is decided here, once.
import type { Queryable, Tx } from '../../platform/db/index.ts';
import type { Principal } from '../../platform/http/access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AgentRow } from './agents.ts';
import { route } from './assign.ts';
import { AUTO_CLOSE_JOB, CARE_TOPICS, SLA_JOB, type DeskCtx, type OrderBrief } from './ctx.ts';
import { insertMessage, logStatus, messageRows, ticketRow, toMessage, toTicket, type TicketRow } from './repo.ts';
import { queueFor } from './routing.ts';
import type { OpenTicketInput, Ticket, TicketDetail } from './schemas.ts';
import { dueTimes } from './sla.ts';
import type { TicketStatus } from './state.ts';
import type { OrderFacts } from './triage/triage.ts';

export type Viewer = { kind: 'owner' } | { kind: 'agent'; agent: AgentRow; canAct: boolean } | { kind: 'operator' };

const hoursSince = (d: Date | null, now: Date) => (d ? (now.getTime() - d.getTime()) / 3_600_000 : null);

/** The order's facts for triage: how long since each step, and whether a promise was broken. */
export function orderFacts(o: OrderBrief, now: Date, cfg: { shipPromiseHours: number; deliveryPromiseHours: number }): OrderFacts {
  const paid = hoursSince(o.paidAt, now);
  const shipped = hoursSince(o.shippedAt, now);
  const late = (o.status === 'paid' && paid !== null && paid > cfg.shipPromiseHours) || (o.status === 'shipped' && shipped !== null && shipped > cfg.deliveryPromiseHours);
  return { status: o.status, paidHoursAgo: paid, shippedHoursAgo: shipped, deliveredHoursAgo: hoursSince(o.deliveredAt, now), late, openAfterSale: o.openCaseId !== null };
}

export class TicketService {
  constructor(private readonly ctx: DeskCtx) {}

  /** Opens a ticket with its first message; on an order with a live ticket it returns that one (created false) and the caller posts the text there. */
  async open(userId: string, input: OpenTicketInput): Promise<{ id: string; created: boolean }> {
    const { ctx } = this;
    const now = ctx.clock();
    let storeId: string | null = null;
    let order: OrderBrief | null = null;
    if (input.origin === 'order' && !input.orderId) throw invalidRef('orderId', 'An order ticket needs the orderId');
    if (input.origin === 'store' && !input.storeId) throw invalidRef('storeId', 'A store ticket needs the storeId');
    if (input.origin === 'live' && !input.roomId) throw invalidRef('roomId', 'A live-room ticket needs the roomId');
    if (input.orderId) {
      order = await ctx.deps.order(input.orderId);
      // Someone else's order is not found, as if it did not exist.
      if (!order || order.userId !== userId) throw notFound('Order', 'orderId');
      storeId = order.storeId;
    }
    if (input.roomId) {
      const roomStore = await ctx.deps.roomStore(input.roomId);
      if (roomStore === undefined) throw notFound('Live room', 'roomId');
      storeId ??= roomStore;
    }
    if (input.storeId) {
      if (!(await ctx.deps.storeExists(input.storeId))) throw notFound('Store', 'storeId');
      if (storeId && storeId !== input.storeId) throw invalidRef('storeId', 'The store is not the order’s or the room’s store');
      storeId = input.storeId;
    }
    const triage = ctx.triager().triage(input.text, order ? orderFacts(order, now, ctx.cfg) : null);
    const touched = new Set<string>();
    const result = await ctx.db.tx(async (tx) => {
      if (order) {
        const [live] = await tx.query<TicketRow>(`SELECT * FROM care_tickets WHERE user_id = $1 AND order_id = $2 AND status <> 'closed' FOR UPDATE`, [userId, order.id]);
        if (live) return { id: live.id, created: false };
      }
      const [{ n }] = (await tx.query<{ n: number | string }>(`SELECT count(*) AS n FROM care_tickets WHERE user_id = $1 AND status <> 'closed'`, [userId])) as [{ n: number | string }];
      if (Number(n) >= ctx.cfg.userMaxOpen) throw new AppError('rate_limited', `At most ${ctx.cfg.userMaxOpen} open tickets: close one first`);
      const queue = queueFor({ storeId, category: triage.category }, storeId ? await ctx.agents.storeHasAgents(tx, storeId) : false);
      const due = dueTimes(ctx.cfg.sla, triage.urgency, now);
      const id = newId('tkt');
      const subject = input.subject ?? input.text.trim().slice(0, 60);
      await tx.query(
        `INSERT INTO care_tickets (id, user_id, store_id, order_id, room_id, origin, subject, category, urgency, triage, queue, status, first_response_due, resolve_due, awaiting_since, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, $13, $14, $14, $14)`,
        [id, userId, storeId, order?.id ?? null, input.roomId ?? null, input.origin, subject, triage.category, triage.urgency, JSON.stringify({ confidence: triage.confidence, by: triage.by, reasons: triage.reasons }), queue, due.firstResponseDue, due.resolveDue, now],
      );
      await logStatus(tx, id, null, 'open', userId, `${triage.category}/${triage.urgency}`);
      await insertMessage(tx, { ticketId: id, authorId: userId, kind: 'shopper', body: input.text, at: now });
      await ctx.bus.publish(tx, CARE_TOPICS.opened, { ticketId: id, userId, storeId, orderId: order?.id ?? null, origin: input.origin, category: triage.category, urgency: triage.urgency, queue });
      await ctx.jobs.enqueueMany(tx, [
        { kind: SLA_JOB, payload: { ticketId: id }, runAt: new Date(due.firstResponseDue.getTime() + 1000), dedupeKey: `${id}:first` },
        { kind: SLA_JOB, payload: { ticketId: id }, runAt: new Date(due.resolveDue.getTime() + 1000), dedupeKey: `${id}:resolve` },
      ]);
      await route(ctx, tx, await ticketRow(tx, id, true), touched);
      return { id, created: true };
    });
    ctx.notify(touched);
    return { id: result.id, created: result.created };
  }

  /** Who the principal is to this ticket (null: a stranger). Pass the transaction when inside one. */
  async viewer(p: Principal, row: TicketRow, q: Queryable = this.ctx.db): Promise<Viewer | null> {
    if (row.user_id === p.userId) return { kind: 'owner' };
    const agent = await this.ctx.agents.row(p.userId, q);
    if (agent?.active && (agent.store_id === null || agent.store_id === row.store_id)) {
      return { kind: 'agent', agent, canAct: agent.store_id === null || row.queue === 'store' };
    }
    if (p.roles.includes('operator')) return { kind: 'operator' };
    return null;
  }

  /** The ticket and its conversation, for its shopper, its agents and operators (others: 404). */
  async detail(p: Principal, id: string): Promise<TicketDetail> {
    const row = await ticketRow(this.ctx.db, id);
    if (!(await this.viewer(p, row))) throw notFound('Ticket', 'ticketId');
    return this.detailOf(id);
  }

  async detailOf(id: string): Promise<TicketDetail> {
    const row = await ticketRow(this.ctx.db, id);
    const messages = await messageRows(this.ctx.db, id);
    const names = await this.ctx.deps.names([...new Set([row.user_id, ...(row.assignee_id ? [row.assignee_id] : []), ...messages.flatMap((m) => (m.author_id ? [m.author_id] : []))])]);
    return { ticket: toTicket(row, names), messages: messages.map((m) => toMessage(m, names)) };
  }

  async tickets(rows: TicketRow[]): Promise<Ticket[]> {
    const names = await this.ctx.deps.names([...new Set(rows.flatMap((r) => [r.user_id, ...(r.assignee_id ? [r.assignee_id] : [])]))]);
    return rows.map((r) => toTicket(r, names));
  }

  async mine(userId: string, q: { status?: TicketStatus; limit: number; offset: number }) {
    const where = `user_id = $1 AND ($2::text IS NULL OR status = $2)`;
    const rows = await this.ctx.db.query<TicketRow>(`SELECT * FROM care_tickets WHERE ${where} ORDER BY updated_at DESC, id DESC LIMIT $3 OFFSET $4`, [userId, q.status ?? null, q.limit, q.offset]);
    const [c] = await this.ctx.db.query<{ n: number | string }>(`SELECT count(*) AS n FROM care_tickets WHERE ${where}`, [userId, q.status ?? null]);
    return { items: await this.tickets(rows), total: Number(c!.n), limit: q.limit, offset: q.offset };
  }

  /** The agent's lists: mine (assigned to me, not closed), queue (waiting in my queue), all (everything I may see). */
  async desk(agent: AgentRow, q: { view?: 'mine' | 'queue' | 'all'; status?: TicketStatus; limit: number; offset: number }) {
    const view = q.view ?? 'mine';
    // Every branch uses both parameters: PostgreSQL must be able to type each one.
    const where =
      view === 'mine'
        ? `assignee_id = $1 AND status IN ('assigned', 'resolved') AND ($2::text IS NULL OR status = $2)`
        : view === 'queue'
          ? `status = 'open' AND ${agent.store_id ? `queue = 'store' AND store_id = $1` : `queue = 'platform' AND $1::text IS NULL`} AND ($2::text IS NULL OR status = $2)`
          : `($1::text IS NULL OR store_id = $1) AND ($2::text IS NULL OR status = $2)`;
    const args = [view === 'mine' ? agent.user_id : agent.store_id, q.status ?? null];
    const order = view === 'queue' ? 'created_at' : 'updated_at DESC';
    const rows = await this.ctx.db.query<TicketRow>(`SELECT * FROM care_tickets WHERE ${where} ORDER BY ${order}, id LIMIT $3 OFFSET $4`, [...args, q.limit, q.offset]);
    const [c] = await this.ctx.db.query<{ n: number | string }>(`SELECT count(*) AS n FROM care_tickets WHERE ${where}`, args);
    return { items: await this.tickets(rows), total: Number(c!.n), limit: q.limit, offset: q.offset };
  }

  /** Resolution jobs: a resolved ticket closes by itself after autoCloseHours. */
  async scheduleAutoClose(tx: Tx, ticketId: string, resolvedAt: Date): Promise<void> {
    await this.ctx.jobs.enqueue(tx, AUTO_CLOSE_JOB, { ticketId }, { runAt: new Date(resolvedAt.getTime() + this.ctx.cfg.autoCloseHours * 3_600_000) });
  }
}

const invalidRef = (field: string, message: string) => new AppError('validation_failed', message, field, [{ field, message }]);
