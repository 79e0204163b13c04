// What every part of the desk shares: storage, the bus and jobs, the agent directory, the
// services of other modules it asks (as functions wired in main.ts), policy and the clock.
import type { Db, Queryable } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { AgentDirectory } from './agents.ts';
import type { AuthorityLimits } from './authority.ts';
import type { SlaConfig } from './sla.ts';
import type { Triager } from './triage/triage.ts';

export const CARE_TOPICS = {
  opened: 'care.ticket.opened',
  assigned: 'care.ticket.assigned',
  escalated: 'care.ticket.escalated',
  resolved: 'care.ticket.resolved',
  closed: 'care.ticket.closed',
  breached: 'care.ticket.sla_breached',
  /** An agent answered a waiting shopper: the store's IM response time (experience score). */
  replied: 'care.ticket.replied',
  compensated: 'care.compensation.done',
  approvalRequested: 'care.compensation.pending',
} as const;

export const SLA_JOB = 'care.sla_check';
export const AUTO_CLOSE_JOB = 'care.auto_close';

/** What the desk knows of an order (commerce answers; the desk keeps none of it). */
export interface OrderBrief {
  id: string;
  userId: string;
  storeId: string;
  status: 'created' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled';
  paidAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  openCaseId: string | null;
}

export interface DeskDeps {
  order(orderId: string): Promise<OrderBrief | null>;
  /** The store selling in a live room (null: a creator's room without a store); undefined: no such room. */
  roomStore(roomId: string): Promise<string | null | undefined>;
  storeExists(storeId: string): Promise<boolean>;
  /** Display names; pass the transaction when inside one (PGlite has a single connection). */
  names(ids: string[], q?: Queryable): Promise<Map<string, string>>;
}

export interface DeskConfig {
  shipPromiseHours: number;
  deliveryPromiseHours: number;
  sla: SlaConfig;
  userMaxOpen: number;
  autoCloseHours: number;
  limits: AuthorityLimits;
  /** Commerce's ceiling on one compensation (COMPENSATION_MAX_FEN): no approval can pass it. */
  maxCompensationFen: number;
}

export interface DeskCtx {
  db: Db;
  bus: EventBus;
  jobs: JobQueue;
  agents: AgentDirectory;
  deps: DeskDeps;
  cfg: DeskConfig;
  triager: () => Triager;
  clock: () => Date;
  /** After a commit: tell the tickets' open sockets what changed. */
  notify: (ticketIds: Iterable<string>) => void;
}
