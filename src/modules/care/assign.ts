// Assignment: a ticket in a queue goes to the least-loaded agent with the skill (routing.ts);
// when nobody has room it waits, and is handed out as soon as an agent frees up (fill).
import type { Tx } from '../../platform/db/index.ts';
import type { DeskCtx } from './ctx.ts';
import { CARE_TOPICS } from './ctx.ts';
import { insertMessage, logStatus, system, URGENCY_RANK_SQL, type TicketRow } from './repo.ts';
import { pickAgent } from './routing.ts';

/** Assigns an open ticket if an agent of its queue has room; returns the agent or null. */
export async function route(ctx: DeskCtx, tx: Tx, row: TicketRow, touched: Set<string>): Promise<string | null> {
  if (row.status !== 'open') return row.assignee_id;
  const candidates = await ctx.agents.candidates(tx, row.queue === 'store' ? row.store_id : null);
  const agent = pickAgent(candidates, { queue: row.queue, storeId: row.store_id, category: row.category, urgency: row.urgency });
  if (!agent) return null;
  await assignTo(ctx, tx, row, agent.userId, null, touched);
  return agent.userId;
}

export async function assignTo(ctx: DeskCtx, tx: Tx, row: TicketRow, agentId: string, actorId: string | null, touched: Set<string>): Promise<void> {
  const now = ctx.clock();
  await tx.query(`UPDATE care_tickets SET status = 'assigned', assignee_id = $2, updated_at = $3 WHERE id = $1`, [row.id, agentId, now]);
  await tx.query('UPDATE care_agents SET last_assigned_at = $2 WHERE user_id = $1', [agentId, now]);
  await logStatus(tx, row.id, row.status, 'assigned', actorId, `to ${agentId}`);
  const name = (await ctx.deps.names([agentId], tx)).get(agentId) ?? '';
  await insertMessage(tx, system(row.id, now, { kind: 'assigned', name }, `客服 ${name} 为您服务`));
  await ctx.bus.publish(tx, CARE_TOPICS.assigned, { ticketId: row.id, agentId, storeId: row.store_id, queue: row.queue });
  touched.add(row.id);
}

/** Hands waiting tickets of a queue to agents with room, most urgent and oldest first. */
export async function fill(ctx: DeskCtx, tx: Tx, queue: { storeId: string | null }, touched: Set<string>): Promise<void> {
  const waiting = await tx.query<TicketRow>(
    `SELECT * FROM care_tickets WHERE status = 'open' AND ${queue.storeId ? `queue = 'store' AND store_id = $1` : `queue = 'platform' AND $1::text IS NULL`}
      ORDER BY ${URGENCY_RANK_SQL}, created_at LIMIT 50 FOR UPDATE`,
    [queue.storeId],
  );
  for (const row of waiting) {
    if (!(await route(ctx, tx, row, touched))) break;
  }
}
