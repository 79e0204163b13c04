// The order state machine. Every transition is listed here with who may make it; anything else
// is an illegal transition (409). Transitions are conditional updates (the row must still be in
// an allowed state), so two racing requests cannot both win, and each is recorded.
import type { Tx } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';

export const ORDER_STATUSES = ['created', 'paid', 'shipped', 'delivered', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type ActorType = 'buyer' | 'merchant' | 'system' | 'operator' | 'carrier';

interface Rule {
  from: OrderStatus[];
  by: ActorType[];
}

export const TRANSITIONS: Record<Exclude<OrderStatus, 'created'>, Rule> = {
  paid: { from: ['created'], by: ['system'] },
  shipped: { from: ['paid'], by: ['merchant'] },
  delivered: { from: ['shipped'], by: ['carrier', 'system'] },
  completed: { from: ['delivered'], by: ['buyer', 'system'] },
  // Unpaid orders: the buyer cancels, or the payment deadline passes. Paid ones are refunded
  // through after-sales, which cancels them with actor system.
  cancelled: { from: ['created', 'paid'], by: ['buyer', 'system', 'operator'] },
};

export function canTransition(from: OrderStatus, to: OrderStatus, actor: ActorType): boolean {
  if (to === 'created') return false;
  const rule = TRANSITIONS[to];
  if (!rule.from.includes(from) || !rule.by.includes(actor)) return false;
  // A buyer may only cancel before paying.
  return !(to === 'cancelled' && actor === 'buyer' && from !== 'created');
}

export interface TransitionInput {
  orderId: string;
  to: Exclude<OrderStatus, 'created'>;
  actor: { type: ActorType; id: string | null };
  reason?: string;
  /** Extra columns to set with the status (paid_at, carrier, …); names are ours, never user input. */
  set?: Record<string, unknown>;
}

/** Moves an order, or throws 409 naming the current state; returns the previous status. */
export async function transition(tx: Tx, input: TransitionInput): Promise<OrderStatus> {
  const [current] = await tx.query<{ status: OrderStatus }>('SELECT status FROM orders WHERE id = $1 FOR UPDATE', [input.orderId]);
  if (!current) throw notFound('Order', 'orderId');
  if (!canTransition(current.status, input.to, input.actor.type)) {
    throw new AppError('invalid_state', `An order that is ${current.status} cannot become ${input.to} (by ${input.actor.type})`, 'status');
  }
  const extra = Object.entries(input.set ?? {});
  const assignments = extra.map(([col], i) => `${col} = $${i + 3}`).join(', ');
  const updated = await tx.query(
    `UPDATE orders SET status = $2, updated_at = now()${assignments ? `, ${assignments}` : ''} WHERE id = $1 AND status = $${extra.length + 3} RETURNING id`,
    [input.orderId, input.to, ...extra.map(([, v]) => v), current.status],
  );
  if (!updated.length) throw new AppError('invalid_state', 'The order changed meanwhile; reload it', 'status');
  await tx.query('INSERT INTO order_transitions (order_id, from_status, to_status, actor_type, actor_id, reason) VALUES ($1, $2, $3, $4, $5, $6)', [
    input.orderId,
    current.status,
    input.to,
    input.actor.type,
    input.actor.id,
    input.reason ?? '',
  ]);
  return current.status;
}
