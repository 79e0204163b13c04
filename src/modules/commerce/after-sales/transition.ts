// Applying the state machine to a case row: a conditional update (the row must still be in the
// status the decision was made from, so racing requests cannot both win), the transition record,
// and the event for other modules (the experience score, notifications), all in the caller's tx.
import type { Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { EventBus } from '../../../platform/events/bus.ts';
import { factsOf, type CaseRow } from './repo.ts';
import { nextStatus, type CaseAction, type CaseActor, type CaseStatus } from './state.ts';

export const AFTER_SALES_TOPICS = {
  opened: 'commerce.after_sales.opened',
  approved: 'commerce.after_sales.approved',
  rejected: 'commerce.after_sales.rejected',
  escalated: 'commerce.after_sales.escalated',
  refunded: 'commerce.after_sales.refunded',
  closed: 'commerce.after_sales.closed',
  compensated: 'commerce.after_sales.compensated',
  recovered: 'commerce.after_sales.compensation_recovered',
} as const;

/** Payload of every `commerce.after_sales.*` case event. */
export interface CaseEvent {
  caseId: string;
  orderId: string;
  storeId: string;
  userId: string;
  type: string;
  reason: string;
  status: CaseStatus;
  amountFen: number;
  by: CaseActor;
}

export interface Actor {
  type: CaseActor;
  id: string | null;
}

const topicFor = (action: CaseAction, to: CaseStatus): string | null => {
  if (to === 'refunded') return AFTER_SALES_TOPICS.refunded;
  if (to === 'closed') return AFTER_SALES_TOPICS.closed;
  if (action === 'approve' || action === 'decide_approve') return AFTER_SALES_TOPICS.approved;
  if (action === 'reject') return AFTER_SALES_TOPICS.rejected;
  if (action === 'escalate') return AFTER_SALES_TOPICS.escalated;
  return null;
};

export async function publishCase(bus: EventBus, tx: Tx, topic: string, row: CaseRow, by: CaseActor): Promise<void> {
  await bus.publish<CaseEvent>(tx, topic, { caseId: row.id, orderId: row.order_id, storeId: row.store_id, userId: row.user_id, type: row.type, reason: row.reason, status: row.status, amountFen: Number(row.amount_fen), by });
}

export async function recordTransition(tx: Tx, caseId: string, from: CaseStatus | null, to: CaseStatus, action: string, actor: Actor, note: string): Promise<void> {
  await tx.query('INSERT INTO after_sales_transitions (case_id, from_status, to_status, action, actor_type, actor_id, note) VALUES ($1, $2, $3, $4, $5, $6, $7)', [caseId, from, to, action, actor.type, actor.id, note]);
}

/**
 * Moves a (locked) case by `action`, or throws 409 naming its status. `set` adds columns (ours,
 * never user input) updated with the status. Returns the updated row.
 */
export async function move(bus: EventBus, tx: Tx, row: CaseRow, action: CaseAction, actor: Actor, note = '', set: Record<string, unknown> = {}): Promise<CaseRow> {
  const to = nextStatus(row.status, action, actor.type, factsOf(row));
  if (!to) throw new AppError('invalid_state', `An after-sales case that is ${row.status} cannot be ${action.replace('_', ' ')} by the ${actor.type}`, 'status');
  const cols = Object.entries({ ...set, ...(to === 'closed' || to === 'refunded' ? { closed_at: new Date() } : {}) });
  const assignments = cols.map(([c], i) => `, ${c} = $${i + 4}`).join('');
  const [updated] = await tx.query<CaseRow>(`UPDATE after_sales_cases SET status = $2, updated_at = now()${assignments} WHERE id = $1 AND status = $3 RETURNING *`, [row.id, to, row.status, ...cols.map(([, v]) => v)]);
  if (!updated) throw new AppError('invalid_state', 'The case changed meanwhile; reload it', 'status');
  if (to !== row.status || action === 'refund_settled') await recordTransition(tx, row.id, row.status, to, action, actor, note);
  const topic = topicFor(action, to);
  if (topic && to !== row.status) await publishCase(bus, tx, topic, updated, actor.type);
  return updated;
}
