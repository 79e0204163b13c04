// Route schemas of the service desk: what shoppers, agents, merchants and operators send, and
// the tickets, messages, agents and actions they get back.
import { Type, type Static } from '@sinclair/typebox';
import { Fen, Id, Page, PageQuery, Strict } from '../../platform/http/schemas.ts';
import { TICKET_CATEGORIES, URGENCIES } from './triage/triage.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Enum = <T extends string>(values: readonly T[], description?: string) => Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {});

export const MAX_MESSAGE = 2000;
export const ORIGINS = ['order', 'live', 'store', 'help'] as const;
export const Category = Enum(TICKET_CATEGORIES);
const Text = Type.String({ minLength: 1, maxLength: MAX_MESSAGE, pattern: '\\S' });

export const OpenTicketBody = Strict({
  origin: Enum(ORIGINS, 'Where the shopper asks from: an order, a live room, a store page or the help centre'),
  orderId: Type.Optional(Id('Required for origin "order"; optional otherwise')),
  storeId: Type.Optional(Id('Required for origin "store"')),
  roomId: Type.Optional(Id('Required for origin "live"')),
  subject: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  text: Text,
});
export type OpenTicketInput = Static<typeof OpenTicketBody>;
export const MessageBody = Strict({ body: Text });
export const NoteBody = Strict({ note: Type.Optional(Type.String({ maxLength: 500 })) });

export const TicketSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  userName: Type.String(),
  storeId: Nullable(Type.String()),
  orderId: Nullable(Type.String()),
  roomId: Nullable(Type.String()),
  origin: Enum(ORIGINS),
  subject: Type.String(),
  category: Category,
  urgency: Enum(URGENCIES),
  triage: Type.Object({ confidence: Type.Number(), by: Enum(['rules', 'model'] as const), reasons: Type.Array(Type.String()) }),
  queue: Enum(['store', 'platform'] as const),
  status: Enum(['open', 'assigned', 'resolved', 'closed'] as const),
  assigneeId: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  firstResponseDue: Type.String(),
  resolveDue: Type.String(),
  firstResponseAt: Nullable(Type.String()),
  awaitingSince: Nullable(Type.String({ description: 'The oldest shopper message not answered yet' })),
  breached: Type.Array(Enum(['first_response', 'resolve'] as const)),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  resolvedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
});
export type Ticket = Static<typeof TicketSchema>;

export const MessageSchema = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  authorId: Nullable(Type.String()),
  authorKind: Enum(['shopper', 'agent', 'system'] as const),
  authorName: Type.String(),
  body: Type.String(),
  event: Nullable(Type.Object({ kind: Type.String(), amountFen: Type.Optional(Type.Integer()), name: Type.Optional(Type.String()) }, { description: 'A system message in machine form: opened, assigned, escalated, resolved, reopened, closed, compensated, compensation_pending, compensation_rejected' })),
  responseMs: Nullable(Type.Integer({ description: 'For an agent reply: how long the shopper had waited' })),
  createdAt: Type.String(),
});
export type Message = Static<typeof MessageSchema>;

export const TicketDetail = Type.Object({ ticket: TicketSchema, messages: Type.Array(MessageSchema) });
export type TicketDetail = Static<typeof TicketDetail>;
export const TicketPage = Page(TicketSchema);
export const MyTicketsQuery = Strict({ ...PageQuery, status: Type.Optional(Enum(['open', 'assigned', 'resolved', 'closed'] as const)) });
export const DeskQuery = Strict({
  ...PageQuery,
  view: Type.Optional(Enum(['mine', 'queue', 'all'] as const, 'mine: assigned to me and live; queue: open in my queues; all: every ticket I may see')),
  status: Type.Optional(Enum(['open', 'assigned', 'resolved', 'closed'] as const)),
});

export const AgentBody = Strict({
  userId: Id(),
  tier: Type.Integer({ minimum: 1, maximum: 3 }),
  skills: Type.Array(Category, { minItems: 1, maxItems: TICKET_CATEGORIES.length, uniqueItems: true }),
  maxOpen: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  active: Type.Optional(Type.Boolean()),
});
export type AgentInput = Static<typeof AgentBody>;
export const AgentSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  storeId: Nullable(Type.String()),
  tier: Type.Integer(),
  skills: Type.Array(Category),
  maxOpen: Type.Integer(),
  active: Type.Boolean(),
  open: Type.Integer({ description: 'Tickets assigned to the agent now' }),
});
export type Agent = Static<typeof AgentSchema>;

export const AuthoritySchema = Type.Object({
  tier: Type.Integer(),
  caseLimitFen: Fen(),
  dayLimitFen: Fen(),
  dayUsedFen: Fen(),
  caseUsedFen: Type.Optional(Fen('Compensation already paid on this ticket')),
  remainingFen: Fen('What the agent may still pay now without approval'),
});
export const DeskMe = Type.Object({ agent: AgentSchema, authority: AuthoritySchema });

export const CompensateBody = Strict({
  amountFen: Type.Integer({ minimum: 1, maximum: 10_000_000_000 }),
  fundedBy: Enum(['platform', 'store'] as const, "Store agents pay from the store's payable only"),
  reason: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
});
export type CompensateInput = Static<typeof CompensateBody>;
export const ActionSchema = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  orderId: Type.String(),
  agentId: Type.String(),
  agentName: Type.String(),
  amountFen: Fen(),
  fundedBy: Enum(['platform', 'store'] as const),
  reason: Type.String(),
  status: Enum(['done', 'pending', 'rejected'] as const, 'done: paid; pending: waiting for a supervisor; rejected'),
  over: Nullable(Enum(['case', 'day'] as const)),
  compensationId: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type Action = Static<typeof ActionSchema>;
export const DecideBody = Strict({ approve: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 200 })) });
export const RecoverBody = Strict({ note: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }) });

export const AlertSchema = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  storeId: Nullable(Type.String()),
  kind: Enum(['first_response', 'resolve'] as const),
  assigneeId: Nullable(Type.String()),
  createdAt: Type.String(),
  acknowledgedAt: Nullable(Type.String()),
});
export type Alert = Static<typeof AlertSchema>;

export const StatsSchema = Type.Object({
  tickets: Type.Integer(),
  open: Type.Integer(),
  replies: Type.Integer(),
  avgResponseSeconds: Nullable(Type.Number({ description: 'Mean wait of shoppers for an agent reply' })),
  firstResponseBreaches: Type.Integer(),
  resolveBreaches: Type.Integer(),
});
