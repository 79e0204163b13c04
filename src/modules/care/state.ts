// The ticket's state machine. open: waiting in a queue for an agent; assigned: an agent has it;
// resolved: the agent says it is solved (the shopper may reopen it by writing, or it closes by
// itself after a while); closed: final. Escalation moves a ticket to the platform's queue and
// back to open, to be assigned there.
export const TICKET_STATUSES = ['open', 'assigned', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export type TicketAction = 'assign' | 'escalate' | 'resolve' | 'reopen' | 'close';

const RULES: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  assign: { from: ['open', 'assigned'], to: 'assigned' },
  escalate: { from: ['open', 'assigned'], to: 'open' },
  resolve: { from: ['assigned'], to: 'resolved' },
  reopen: { from: ['resolved'], to: 'assigned' },
  close: { from: ['open', 'assigned', 'resolved'], to: 'closed' },
};

/** The status an action leads to from `from`, or null when the action is not allowed there. */
export function next(from: TicketStatus, action: TicketAction): TicketStatus | null {
  const rule = RULES[action];
  return rule.from.includes(from) ? rule.to : null;
}

/** Statuses in which the shopper and agents may still write. */
export const isLive = (s: TicketStatus): boolean => s !== 'closed';
