// The service desk (客服): tickets and their conversation, agents, their authority and money
// actions, SLA alerts, the store's desk stats, and the shopper's balance (账户余额).
// Checked against the server's schemas by test/e2e/browser-care.test.ts (at type-check time).
import type { Order } from './types.js';

export type TicketCategory = 'logistics' | 'quality' | 'refund' | 'wrong_item' | 'fraud' | 'other';
export type Urgency = 'low' | 'normal' | 'high' | 'urgent';
export type TicketOrigin = 'order' | 'live' | 'store' | 'help';
export type TicketStatus = 'open' | 'assigned' | 'resolved' | 'closed';
export type DeskView = 'mine' | 'queue' | 'all';

export const TICKET_CATEGORIES: TicketCategory[] = ['logistics', 'quality', 'refund', 'wrong_item', 'fraud', 'other'];
export const TICKET_STATUSES: TicketStatus[] = ['open', 'assigned', 'resolved', 'closed'];

export interface Ticket {
  id: string;
  userId: string;
  userName: string;
  storeId: string | null;
  orderId: string | null;
  roomId: string | null;
  origin: TicketOrigin;
  subject: string;
  category: TicketCategory;
  urgency: Urgency;
  triage: { confidence: number; by: 'rules' | 'model'; reasons: string[] };
  queue: 'store' | 'platform';
  status: TicketStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  firstResponseDue: string;
  resolveDue: string;
  firstResponseAt: string | null;
  /** The oldest shopper message not answered yet. */
  awaitingSince: string | null;
  breached: ('first_response' | 'resolve')[];
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}

/** A system message in machine form (its body is a Chinese fallback). */
export interface TicketEvent {
  kind: string;
  amountFen?: number;
  name?: string;
}

export interface TicketMessage {
  id: string;
  ticketId: string;
  authorId: string | null;
  authorKind: 'shopper' | 'agent' | 'system';
  authorName: string;
  body: string;
  event: TicketEvent | null;
  responseMs: number | null;
  createdAt: string;
}

export interface TicketDetail {
  ticket: Ticket;
  messages: TicketMessage[];
}

export interface TicketPage {
  items: Ticket[];
  total: number;
  limit: number;
  offset: number;
}

export interface OpenTicketInput {
  origin: TicketOrigin;
  orderId?: string;
  storeId?: string;
  roomId?: string;
  subject?: string;
  text: string;
}

export interface Agent {
  userId: string;
  name: string;
  storeId: string | null;
  tier: number;
  skills: TicketCategory[];
  maxOpen: number;
  active: boolean;
  /** Tickets assigned to the agent now. */
  open: number;
}

export interface AgentInput {
  userId: string;
  tier: number;
  skills: TicketCategory[];
  maxOpen?: number;
  active?: boolean;
}

export interface Authority {
  tier: number;
  caseLimitFen: number;
  dayLimitFen: number;
  dayUsedFen: number;
  /** Compensation already paid on this ticket. */
  caseUsedFen?: number;
  /** What the agent may still pay now without approval. */
  remainingFen: number;
}

export interface DeskMe {
  agent: Agent;
  authority: Authority;
}

export interface CareAction {
  id: string;
  ticketId: string;
  orderId: string;
  agentId: string;
  agentName: string;
  amountFen: number;
  fundedBy: 'platform' | 'store';
  reason: string;
  status: 'done' | 'pending' | 'rejected';
  over: 'case' | 'day' | null;
  compensationId: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  createdAt: string;
}

export interface CompensateInput {
  amountFen: number;
  fundedBy: 'platform' | 'store';
  reason: string;
}

/** What the agent needs beside the conversation. */
export interface DeskContext {
  order: Order | null;
  actions: CareAction[];
  authority: Authority;
}

export interface CareAlert {
  id: string;
  ticketId: string;
  storeId: string | null;
  kind: 'first_response' | 'resolve';
  assigneeId: string | null;
  createdAt: string;
  acknowledgedAt: string | null;
}

export interface DeskStats {
  tickets: number;
  open: number;
  replies: number;
  avgResponseSeconds: number | null;
  firstResponseBreaches: number;
  resolveBreaches: number;
}

export interface BalanceLine {
  entryId: string;
  kind: string;
  refType: string;
  refId: string;
  memo: string;
  /** Positive: money in. */
  amountFen: number;
  balanceAfterFen: number;
  at: string;
}

export interface Balance {
  balanceFen: number;
  items: BalanceLine[];
  total: number;
  limit: number;
  offset: number;
}

/** Frames of the ticket's WebSocket (/ws/care/tickets/:id). */
export type CareServerFrame =
  | { type: 'snapshot'; detail: TicketDetail }
  | { type: 'ticket'; ticket: Ticket }
  | { type: 'message'; message: TicketMessage }
  | { type: 'error'; code: string; message: string };
