// The conversation and the ticket's steps: shoppers and agents write (an agent's reply to a
// waiting shopper records the response time); agents take, resolve and escalate; the shopper
// reopens by writing to a resolved ticket; either side closes. Every step goes through the state
// machine and is logged.
import type { Tx } from '../../platform/db/index.ts';
import type { Principal } from '../../platform/http/access.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { assignTo, fill, route } from './assign.ts';
import { CARE_TOPICS, type DeskCtx } from './ctx.ts';
import { insertMessage, logStatus, system, ticketRow, type TicketRow } from './repo.ts';
import { next, type TicketAction, type TicketStatus } from './state.ts';
import type { TicketService, Viewer } from './tickets.ts';

const wrongState = (status: TicketStatus, action: TicketAction) => new AppError('invalid_state', `A ${status} ticket cannot be ${action === 'close' ? 'closed' : `${action}d`}`, 'ticketId');

export class Conversation {
  constructor(
    private readonly ctx: DeskCtx,
    private readonly tickets: TicketService,
  ) {}

  /** Runs a step on a locked ticket the principal may see; notifies the sockets after commit. */
  private async step<T>(p: Principal, ticketId: string, fn: (tx: Tx, row: TicketRow, who: Viewer, touched: Set<string>) => Promise<T>): Promise<T> {
    const touched = new Set<string>([ticketId]);
    const out = await this.ctx.db.tx(async (tx) => {
      const row = await ticketRow(tx, ticketId, true);
      const who = await this.tickets.viewer(p, row, tx);
      if (!who) throw notFound('Ticket', 'ticketId');
      return fn(tx, row, who, touched);
    });
    this.ctx.notify(touched);
    return out;
  }

  private async move(tx: Tx, row: TicketRow, action: TicketAction, actorId: string | null, note = ''): Promise<TicketStatus> {
    const to = next(row.status, action);
    if (!to) throw wrongState(row.status, action);
    await logStatus(tx, row.id, row.status, to, actorId, note);
    return to;
  }

  async post(p: Principal, ticketId: string, body: string): Promise<string> {
    return this.step(p, ticketId, async (tx, row, who, touched) => {
      const now = this.ctx.clock();
      if (row.status === 'closed') throw new AppError('invalid_state', 'This ticket is closed: open a new one', 'ticketId');
      if (who.kind === 'owner') {
        const id = await insertMessage(tx, { ticketId, authorId: p.userId, kind: 'shopper', body, at: now });
        if (row.status === 'resolved') {
          // Writing to a resolved ticket reopens it, back to the agent who had it.
          const to = await this.move(tx, row, 'reopen', p.userId, 'shopper wrote again');
          await tx.query('UPDATE care_tickets SET status = $2, resolved_at = NULL WHERE id = $1', [ticketId, to]);
          await insertMessage(tx, system(ticketId, now, { kind: 'reopened' }, '工单已重新打开'));
        }
        await tx.query('UPDATE care_tickets SET awaiting_since = coalesce(awaiting_since, $2), updated_at = $2 WHERE id = $1', [ticketId, now]);
        return id;
      }
      const agent = this.actingAgent(who);
      if (row.status === 'open') await assignTo(this.ctx, tx, row, agent, agent, touched);
      const waited = row.awaiting_since ? Math.max(0, now.getTime() - new Date(row.awaiting_since).getTime()) : null;
      const id = await insertMessage(tx, { ticketId, authorId: agent, kind: 'agent', body, responseMs: waited, at: now });
      await tx.query('UPDATE care_tickets SET awaiting_since = NULL, first_response_at = coalesce(first_response_at, $2), updated_at = $2 WHERE id = $1', [ticketId, now]);
      if (waited !== null) await this.ctx.bus.publish(tx, CARE_TOPICS.replied, { ticketId, storeId: row.store_id, queue: row.queue, agentId: agent, responseMs: waited, at: now.toISOString() });
      return id;
    });
  }

  /** The agent takes the ticket (from the queue, or from a colleague). */
  async take(p: Principal, ticketId: string): Promise<void> {
    await this.step(p, ticketId, async (tx, row, who, touched) => {
      const agent = this.actingAgent(who);
      if (!next(row.status, 'assign')) throw wrongState(row.status, 'assign');
      if (row.assignee_id === agent) return;
      await assignTo(this.ctx, tx, row, agent, agent, touched);
    });
  }

  async resolve(p: Principal, ticketId: string, note = ''): Promise<void> {
    await this.step(p, ticketId, async (tx, row, who, touched) => {
      const agent = this.actingAgent(who);
      const now = this.ctx.clock();
      const to = await this.move(tx, row, 'resolve', agent, note);
      await tx.query('UPDATE care_tickets SET status = $2, resolved_at = $3, updated_at = $3 WHERE id = $1', [ticketId, to, now]);
      await insertMessage(tx, system(ticketId, now, { kind: 'resolved' }, '客服已将问题标记为解决；如仍有疑问，直接回复即可'));
      await this.ctx.bus.publish(tx, CARE_TOPICS.resolved, { ticketId, storeId: row.store_id, agentId: agent });
      await this.tickets.scheduleAutoClose(tx, ticketId, now);
      await fill(this.ctx, tx, { storeId: row.queue === 'store' ? row.store_id : null }, touched);
    });
  }

  /** To the platform's queue: disputes, or what the store cannot settle. */
  async escalate(p: Principal, ticketId: string, note = ''): Promise<void> {
    await this.step(p, ticketId, async (tx, row, who, touched) => {
      const actor = who.kind === 'owner' ? p.userId : this.actingAgent(who);
      if (row.queue === 'platform') throw new AppError('invalid_state', 'The ticket is with the platform already', 'ticketId');
      const to = await this.move(tx, row, 'escalate', actor, note);
      const now = this.ctx.clock();
      await tx.query(`UPDATE care_tickets SET status = $2, queue = 'platform', assignee_id = NULL, updated_at = $3 WHERE id = $1`, [ticketId, to, now]);
      await insertMessage(tx, system(ticketId, now, { kind: 'escalated' }, '已转交平台客服处理'));
      await this.ctx.bus.publish(tx, CARE_TOPICS.escalated, { ticketId, storeId: row.store_id, by: actor, note });
      await route(this.ctx, tx, await ticketRow(tx, ticketId, true), touched);
      await fill(this.ctx, tx, { storeId: row.store_id }, touched);
    });
  }

  async close(p: Principal, ticketId: string, note = ''): Promise<void> {
    await this.step(p, ticketId, async (tx, row, who, touched) => {
      const actor = who.kind === 'owner' ? p.userId : this.actingAgent(who);
      await this.closeIn(tx, row, actor, note, touched);
    });
  }

  /** Closes a ticket (the shopper, an agent, or the auto-close job with actor null). */
  async closeIn(tx: Tx, row: TicketRow, actorId: string | null, note: string, touched: Set<string>): Promise<void> {
    const to = await this.move(tx, row, 'close', actorId, note);
    const now = this.ctx.clock();
    await tx.query('UPDATE care_tickets SET status = $2, closed_at = $3, updated_at = $3, awaiting_since = NULL WHERE id = $1', [row.id, to, now]);
    await insertMessage(tx, system(row.id, now, { kind: 'closed' }, '工单已关闭'));
    await this.ctx.bus.publish(tx, CARE_TOPICS.closed, { ticketId: row.id, userId: row.user_id, storeId: row.store_id, orderId: row.order_id, closedAt: now.toISOString() });
    if (row.status === 'assigned') await fill(this.ctx, tx, { storeId: row.queue === 'store' ? row.store_id : null }, touched);
    touched.add(row.id);
  }

  private actingAgent(who: Viewer): string {
    if (who.kind !== 'agent') throw forbidden('Only the desk’s agents do this');
    if (!who.canAct) throw forbidden('The ticket is with the platform now');
    return who.agent.user_id;
  }
}
