// Agents' money actions: compensation (赔付) paid on the spot within the agent's tier limits, in
// the same transaction as the limit check (the agent's row is locked, so two payments by one
// agent never both slip under the daily limit); above a limit it waits for a supervisor. Every
// action is audited and said in the conversation. The money itself moves through commerce's
// compensation (the ledger), funded by the store or, for platform agents, by the platform.
import { createHash } from 'node:crypto';
import { audit } from '../../platform/audit.ts';
import type { Queryable, Tx } from '../../platform/db/index.ts';
import type { Principal } from '../../platform/http/access.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AgentRow } from './agents.ts';
import { canApprove, judge, remaining } from './authority.ts';
import { CARE_TOPICS, type DeskCtx } from './ctx.ts';
import { insertMessage, system, ticketRow, type TicketRow } from './repo.ts';
import type { Action, CompensateInput } from './schemas.ts';
import type { TicketService } from './tickets.ts';

/** Commerce's compensation, inside the desk's transaction (idempotent by its key). */
export type PayCompensation = (tx: Tx, orderId: string, actorId: string, key: string, input: CompensateInput) => Promise<{ compensation: { id: string } }>;

interface ActionRow {
  id: string;
  ticket_id: string;
  order_id: string;
  agent_id: string;
  amount_fen: number | string;
  funded_by: 'platform' | 'store';
  reason: string;
  status: Action['status'];
  over: Action['over'];
  compensation_id: string | null;
  decided_by: string | null;
  decision_note: string | null;
  request_hash: string;
  created_at: Date;
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export class AuthorityDesk {
  constructor(
    private readonly ctx: DeskCtx,
    private readonly tickets: TicketService,
    private readonly pay: PayCompensation,
  ) {}

  private dayStart(): Date {
    const now = this.ctx.clock();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  }

  /** What the agent paid out on their own authority (or approved) since the start of today (UTC). */
  private async dayUsed(q: Queryable, agentId: string): Promise<number> {
    const [r] = await q.query<{ s: number | string }>(
      `SELECT coalesce(sum(amount_fen), 0) AS s FROM care_actions WHERE status = 'done' AND coalesce(decided_by, agent_id) = $1 AND coalesce(decided_at, created_at) >= $2`,
      [agentId, this.dayStart()],
    );
    return Number(r!.s);
  }

  private async caseUsed(q: Queryable, ticketId: string): Promise<number> {
    const [r] = await q.query<{ s: number | string }>(`SELECT coalesce(sum(amount_fen), 0) AS s FROM care_actions WHERE ticket_id = $1 AND status = 'done'`, [ticketId]);
    return Number(r!.s);
  }

  /** The agent's authority now (and on one ticket): what the compensate button shows. */
  async authority(agent: AgentRow, ticketId?: string) {
    const limits = this.ctx.cfg.limits[agent.tier as 1 | 2 | 3];
    const dayUsedFen = await this.dayUsed(this.ctx.db, agent.user_id);
    const caseUsedFen = ticketId ? await this.caseUsed(this.ctx.db, ticketId) : 0;
    const left = remaining(limits, { caseUsedFen, dayUsedFen });
    return { tier: agent.tier, caseLimitFen: limits.caseFen, dayLimitFen: limits.dayFen, dayUsedFen, ...(ticketId ? { caseUsedFen } : {}), remainingFen: ticketId ? left.nowFen : left.dayFen };
  }

  async compensate(p: Principal, ticketId: string, key: string, input: CompensateInput): Promise<{ action: Action; replayed: boolean }> {
    const hash = createHash('sha256').update(JSON.stringify([input.amountFen, input.fundedBy, input.reason])).digest('hex');
    const touched = new Set<string>([ticketId]);
    const out = await this.ctx.db.tx(async (tx) => {
      const row = await ticketRow(tx, ticketId, true);
      const who = await this.tickets.viewer(p, row, tx);
      if (!who) throw notFound('Ticket', 'ticketId');
      if (who.kind !== 'agent') throw forbidden('Only the desk’s agents compensate');
      if (!who.canAct) throw forbidden('The ticket is with the platform now');
      const agent = await this.ctx.agents.requireAgent(p.userId, tx, true);
      const [prev] = await tx.query<ActionRow>('SELECT * FROM care_actions WHERE ticket_id = $1 AND idempotency_key = $2', [ticketId, key]);
      if (prev) {
        if (prev.request_hash !== hash) throw conflict('This Idempotency-Key was used for a different compensation', 'idempotency-key');
        return { row: prev, replayed: true };
      }
      if (!row.order_id) throw new AppError('invalid_state', 'This ticket has no order to compensate on', 'ticketId');
      if (row.status === 'closed') throw new AppError('invalid_state', 'This ticket is closed', 'ticketId');
      if (input.amountFen > this.ctx.cfg.maxCompensationFen) throw invalid('amountFen', `At most ${this.ctx.cfg.maxCompensationFen} fen per compensation`);
      if (agent.store_id && input.fundedBy === 'platform') throw new AppError('forbidden', 'A store’s agents pay from the store only', 'fundedBy');
      const verdict = judge(this.ctx.cfg.limits[agent.tier as 1 | 2 | 3], { amountFen: input.amountFen, caseUsedFen: await this.caseUsed(tx, ticketId), dayUsedFen: await this.dayUsed(tx, agent.user_id) });
      const id = newId('cact');
      const now = this.ctx.clock();
      let compensationId: string | null = null;
      if (verdict.within) compensationId = (await this.pay(tx, row.order_id, agent.user_id, `care:${id}`, input)).compensation.id;
      await tx.query(
        `INSERT INTO care_actions (id, ticket_id, order_id, agent_id, amount_fen, funded_by, reason, status, over, compensation_id, idempotency_key, request_hash, day, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [id, ticketId, row.order_id, agent.user_id, input.amountFen, input.fundedBy, input.reason, verdict.within ? 'done' : 'pending', verdict.within ? null : verdict.over, compensationId, key, hash, now.toISOString().slice(0, 10), now],
      );
      await audit(tx, { actorId: agent.user_id, action: verdict.within ? 'care.compensate' : 'care.compensate.request', subjectType: 'ticket', subjectId: ticketId, detail: { actionId: id, orderId: row.order_id, amountFen: input.amountFen, fundedBy: input.fundedBy, tier: agent.tier, over: verdict.within ? null : verdict.over } });
      if (verdict.within) await this.said(tx, row, id, input.amountFen, now);
      else {
        await insertMessage(tx, system(ticketId, now, { kind: 'compensation_pending', amountFen: input.amountFen }, `客服申请为您赔付 ${yuan(input.amountFen)}，待主管审批`));
        await this.ctx.bus.publish(tx, CARE_TOPICS.approvalRequested, { actionId: id, ticketId, storeId: row.store_id, agentId: agent.user_id, amountFen: input.amountFen, over: verdict.over });
      }
      return { row: (await this.rowOf(tx, id))!, replayed: false };
    });
    if (!out.replayed) this.ctx.notify(touched);
    return { action: (await this.views([out.row]))[0]!, replayed: out.replayed };
  }

  private async said(tx: Tx, row: TicketRow, actionId: string, amountFen: number, now: Date): Promise<void> {
    await insertMessage(tx, system(row.id, now, { kind: 'compensated', amountFen }, `已为您赔付 ${yuan(amountFen)}，已存入您的账户余额`));
    await this.ctx.bus.publish(tx, CARE_TOPICS.compensated, { actionId, ticketId: row.id, orderId: row.order_id, storeId: row.store_id, userId: row.user_id, amountFen });
  }

  /** A supervisor (a higher tier of the same desk, within their own limits) or an operator decides a pending request. */
  async decide(p: Principal, actionId: string, approve: boolean, note = ''): Promise<Action> {
    const out = await this.ctx.db.tx(async (tx) => {
      const [a] = await tx.query<ActionRow>('SELECT * FROM care_actions WHERE id = $1 FOR UPDATE', [actionId]);
      if (!a) throw notFound('Compensation request', 'actionId');
      const row = await ticketRow(tx, a.ticket_id, true);
      const requester = (await this.ctx.agents.row(a.agent_id, tx))!;
      const amountFen = Number(a.amount_fen);
      const caseUsedFen = await this.caseUsed(tx, row.id);
      const me = p.roles.includes('operator') ? null : await this.ctx.agents.requireAgent(p.userId, tx, true);
      // Supervisors decide for their own desk only (a store's for its agents, the platform's for its own).
      if (me && me.store_id !== requester.store_id) throw notFound('Compensation request', 'actionId');
      if (a.status !== 'pending') throw new AppError('invalid_state', `This request is ${a.status} already`, 'actionId');
      if (me) {
        const limits = this.ctx.cfg.limits[me.tier as 1 | 2 | 3];
        if (!canApprove({ tier: me.tier, limits }, { agentTier: requester.tier, amountFen, caseUsedFen })) throw forbidden('This request needs a higher tier or an operator');
        if (approve && !judge(limits, { amountFen, caseUsedFen, dayUsedFen: await this.dayUsed(tx, me.user_id) }).within) throw forbidden('Approving this would pass your own daily limit: an operator must decide');
      }
      const now = this.ctx.clock();
      let compensationId: string | null = null;
      if (approve) {
        compensationId = (await this.pay(tx, a.order_id, p.userId, `care:${a.id}`, { amountFen, fundedBy: a.funded_by, reason: a.reason })).compensation.id;
      }
      await tx.query(`UPDATE care_actions SET status = $2, compensation_id = $3, decided_by = $4, decided_at = $5, decision_note = $6 WHERE id = $1`, [actionId, approve ? 'done' : 'rejected', compensationId, p.userId, now, note || null]);
      await audit(tx, { actorId: p.userId, action: approve ? 'care.compensate.approve' : 'care.compensate.reject', subjectType: 'ticket', subjectId: row.id, detail: { actionId, amountFen, note } });
      if (approve) await this.said(tx, row, actionId, amountFen, now);
      else await insertMessage(tx, system(row.id, now, { kind: 'compensation_rejected', amountFen }, `赔付申请 ${yuan(amountFen)} 未获批准`));
      return (await this.rowOf(tx, actionId))!;
    });
    this.ctx.notify([out.ticket_id]);
    return (await this.views([out]))[0]!;
  }

  /** Pending requests the caller may decide: operators all; supervisors those of lower tiers of their own desk. */
  async approvals(p: Principal): Promise<Action[]> {
    const me = p.roles.includes('operator') ? null : await this.ctx.agents.requireAgent(p.userId);
    const rows = await this.ctx.db.query<ActionRow>(
      `SELECT a.* FROM care_actions a JOIN care_tickets t ON t.id = a.ticket_id JOIN care_agents g ON g.user_id = a.agent_id
        WHERE a.status = 'pending' AND ($1::boolean OR (g.tier < $2 AND g.store_id IS NOT DISTINCT FROM $3))
        ORDER BY a.created_at LIMIT 200`,
      [me === null, me?.tier ?? 0, me?.store_id ?? null],
    );
    return this.views(rows);
  }

  async forTicket(p: Principal, ticketId: string): Promise<Action[]> {
    const row = await ticketRow(this.ctx.db, ticketId);
    const who = await this.tickets.viewer(p, row);
    if (!who || who.kind === 'owner') throw notFound('Ticket', 'ticketId');
    return this.views(await this.ctx.db.query<ActionRow>('SELECT * FROM care_actions WHERE ticket_id = $1 ORDER BY created_at, id', [ticketId]));
  }

  private async rowOf(q: Queryable, id: string): Promise<ActionRow | undefined> {
    return (await q.query<ActionRow>('SELECT * FROM care_actions WHERE id = $1', [id]))[0];
  }

  private async views(rows: ActionRow[]): Promise<Action[]> {
    const names = await this.ctx.deps.names([...new Set(rows.map((r) => r.agent_id))]);
    return rows.map((r) => ({
      id: r.id,
      ticketId: r.ticket_id,
      orderId: r.order_id,
      agentId: r.agent_id,
      agentName: names.get(r.agent_id) ?? '',
      amountFen: Number(r.amount_fen),
      fundedBy: r.funded_by,
      reason: r.reason,
      status: r.status,
      over: r.over,
      compensationId: r.compensation_id,
      decidedBy: r.decided_by,
      decisionNote: r.decision_note,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }
}
