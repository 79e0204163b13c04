// Routing (pure): which queue a new ticket goes to, and which agent of that queue takes it.
// Stores answer for their own orders first; disputes (fraud, false claims) and escalations go to
// the platform. Within a queue the least-loaded agent with the skill takes the ticket (ties: the
// one who waited longest since an assignment), never beyond their maximum of open tickets.
import type { TicketCategory, Urgency } from './triage/triage.ts';

export type Queue = 'store' | 'platform';

export interface Candidate {
  userId: string;
  storeId: string | null;
  tier: number;
  skills: readonly string[];
  open: number;
  maxOpen: number;
  lastAssignedAt: Date | null;
}

/** Categories that are disputes between shopper and store: the platform judges them, not the store. */
export const PLATFORM_CATEGORIES: readonly TicketCategory[] = ['fraud'];

/** The queue a new ticket starts in: the store's when it has one, answers this category and has agents. */
export function queueFor(ticket: { storeId: string | null; category: TicketCategory }, storeHasAgents: boolean): Queue {
  if (!ticket.storeId || !storeHasAgents) return 'platform';
  return PLATFORM_CATEGORIES.includes(ticket.category) ? 'platform' : 'store';
}

/**
 * The agent to assign, or null when nobody in the queue can take it now (the ticket waits).
 * Urgent tickets go to tier 2+ agents when one has room. An agent without the category's skill
 * takes it only when no skilled agent has room, so a ticket never waits for lack of a specialist.
 */
export function pickAgent(candidates: readonly Candidate[], ticket: { queue: Queue; storeId: string | null; category: TicketCategory; urgency: Urgency }): Candidate | null {
  const inQueue = candidates.filter((c) => (ticket.queue === 'store' ? c.storeId !== null && c.storeId === ticket.storeId : c.storeId === null) && c.open < c.maxOpen);
  const tiers = ticket.urgency === 'urgent' && inQueue.some((c) => c.tier >= 2) ? inQueue.filter((c) => c.tier >= 2) : inQueue;
  const skilled = tiers.filter((c) => c.skills.includes(ticket.category));
  const pool = skilled.length > 0 ? skilled : tiers;
  let best: Candidate | null = null;
  for (const c of pool) {
    if (!best || c.open < best.open || (c.open === best.open && (c.lastAssignedAt?.getTime() ?? 0) < (best.lastAssignedAt?.getTime() ?? 0))) best = c;
  }
  return best;
}
