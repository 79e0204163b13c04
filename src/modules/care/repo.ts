// The desk's rows and their API shapes, and the small writes every step shares: the status log
// and system messages in the conversation.
import type { Queryable } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Queue } from './routing.ts';
import type { Message, Ticket } from './schemas.ts';
import type { TicketStatus } from './state.ts';
import type { TicketCategory, Urgency } from './triage/triage.ts';

export interface TicketRow {
  id: string;
  user_id: string;
  store_id: string | null;
  order_id: string | null;
  room_id: string | null;
  origin: Ticket['origin'];
  subject: string;
  category: TicketCategory;
  urgency: Urgency;
  triage: Ticket['triage'];
  queue: Queue;
  status: TicketStatus;
  assignee_id: string | null;
  first_response_due: Date;
  resolve_due: Date;
  first_response_at: Date | null;
  awaiting_since: Date | null;
  breached: Array<'first_response' | 'resolve'>;
  created_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
  closed_at: Date | null;
}

interface MessageRow {
  id: string;
  ticket_id: string;
  author_id: string | null;
  author_kind: Message['authorKind'];
  body: string;
  event: Message['event'];
  response_ms: number | string | null;
  created_at: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toTicket(r: TicketRow, names: Map<string, string>): Ticket {
  return {
    id: r.id,
    userId: r.user_id,
    userName: names.get(r.user_id) ?? '',
    storeId: r.store_id,
    orderId: r.order_id,
    roomId: r.room_id,
    origin: r.origin,
    subject: r.subject,
    category: r.category,
    urgency: r.urgency,
    triage: r.triage,
    queue: r.queue,
    status: r.status,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_id ? (names.get(r.assignee_id) ?? '') : null,
    firstResponseDue: iso(r.first_response_due)!,
    resolveDue: iso(r.resolve_due)!,
    firstResponseAt: iso(r.first_response_at),
    awaitingSince: iso(r.awaiting_since),
    breached: r.breached,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    resolvedAt: iso(r.resolved_at),
    closedAt: iso(r.closed_at),
  };
}

export function toMessage(r: MessageRow, names: Map<string, string>): Message {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    authorId: r.author_id,
    authorKind: r.author_kind,
    authorName: r.author_id ? (names.get(r.author_id) ?? '') : '',
    body: r.body,
    event: r.event,
    responseMs: r.response_ms === null ? null : Number(r.response_ms),
    createdAt: iso(r.created_at)!,
  };
}

export async function ticketRow(q: Queryable, id: string, lock = false): Promise<TicketRow> {
  const [r] = await q.query<TicketRow>(`SELECT * FROM care_tickets WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!r) throw notFound('Ticket', 'ticketId');
  return r;
}

export async function messageRows(q: Queryable, ticketId: string): Promise<MessageRow[]> {
  return q.query<MessageRow>('SELECT * FROM care_messages WHERE ticket_id = $1 ORDER BY created_at, id', [ticketId]);
}

export async function messageRow(q: Queryable, id: string): Promise<MessageRow> {
  const [r] = await q.query<MessageRow>('SELECT * FROM care_messages WHERE id = $1', [id]);
  return r!;
}

export async function logStatus(q: Queryable, ticketId: string, from: TicketStatus | null, to: TicketStatus, actorId: string | null, note = ''): Promise<void> {
  await q.query('INSERT INTO care_ticket_log (ticket_id, from_status, to_status, actor_id, note) VALUES ($1, $2, $3, $4, $5)', [ticketId, from, to, actorId, note]);
}

export interface NewMessage {
  ticketId: string;
  authorId: string | null;
  kind: Message['authorKind'];
  body: string;
  event?: NonNullable<Message['event']>;
  responseMs?: number | null;
  at: Date;
}

export async function insertMessage(q: Queryable, m: NewMessage): Promise<string> {
  const id = newId('msg');
  await q.query('INSERT INTO care_messages (id, ticket_id, author_id, author_kind, body, event, response_ms, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    id,
    m.ticketId,
    m.authorId,
    m.kind,
    m.body,
    m.event ? JSON.stringify(m.event) : null,
    m.responseMs ?? null,
    m.at,
  ]);
  return id;
}

/** A system line in the conversation: a Chinese fallback text plus its machine form. */
export const system = (ticketId: string, at: Date, event: NonNullable<Message['event']>, body: string): NewMessage => ({ ticketId, authorId: null, kind: 'system', body, event, at });

/** Order of service within a queue: more urgent first, then older. */
export const URGENCY_RANK_SQL = `CASE urgency WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`;
