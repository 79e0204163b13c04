// Service-desk routes. Shoppers open tickets and write; agents work their queues, take, resolve,
// escalate and compensate within their authority; supervisors decide what is above it; stores
// name their agents; operators name the platform's, sweep the SLA timers and recover
// platform-paid compensation from a store at fault.
import { Type } from '@sinclair/typebox';
import { AppError } from '../../platform/errors.ts';
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, IdempotencyKey, Ok, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import { OrderSchema } from '../commerce/schemas.ts';
import type { Care } from './module.ts';
import {
  ActionSchema, AgentBody, AgentSchema, AlertSchema, AuthoritySchema, CompensateBody, DecideBody, DeskMe, DeskQuery, MessageBody, MessageSchema, MyTicketsQuery, NoteBody, OpenTicketBody, StatsSchema, TicketDetail, TicketPage,
} from './schemas.ts';

const tags = ['care'];
const signedIn = { access: 'user' as const };
const desk = { access: ['agent', 'merchant', 'operator'] as const };
const TicketParams = Strict({ ticketId: Id() });

export function careRoutes(app: App, care: Care): void {
  app.post(
    '/api/v1/care/tickets',
    { config: signedIn, schema: { tags, summary: 'Open a ticket (from an order, a live room, a store or the help centre) with its first message; on an order with a live ticket, the message joins that one (200)', body: OpenTicketBody, response: { 200: TicketDetail, 201: TicketDetail } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const { detail, created } = await care.open(p, req.body);
      return reply.status(created ? 201 : 200).send(detail);
    },
  );
  app.get('/api/v1/me/care/tickets', { config: signedIn, schema: { tags, summary: 'My tickets, latest activity first', querystring: MyTicketsQuery, response: { 200: TicketPage } } }, async (req) =>
    care.tickets.mine(requirePrincipal(req).userId, req.query),
  );
  app.get('/api/v1/care/tickets/:ticketId', { config: signedIn, schema: { tags, summary: 'A ticket and its conversation (its shopper, its agents, operators)', params: TicketParams, response: { 200: TicketDetail } } }, async (req) =>
    care.tickets.detail(requirePrincipal(req), req.params.ticketId),
  );
  app.post(
    '/api/v1/care/tickets/:ticketId/messages',
    { config: signedIn, schema: { tags, summary: 'Write in the conversation (the shopper, or an agent: an agent writing to a waiting ticket takes it)', params: TicketParams, body: MessageBody, response: { 201: MessageSchema } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const id = await care.conversation.post(p, req.params.ticketId, req.body.body);
      const detail = await care.tickets.detailOf(req.params.ticketId);
      return reply.status(201).send(detail.messages.find((m) => m.id === id)!);
    },
  );
  app.post('/api/v1/care/tickets/:ticketId/close', { config: signedIn, schema: { tags, summary: 'Close the ticket (its shopper or its agent)', params: TicketParams, body: NoteBody, response: { 200: TicketDetail } } }, async (req) => {
    await care.conversation.close(requirePrincipal(req), req.params.ticketId, req.body.note);
    return care.tickets.detailOf(req.params.ticketId);
  });

  // The agent's desk.
  app.get('/api/v1/care/desk/me', { config: desk, schema: { tags, summary: 'Me as an agent: my desk, tier and what I may still pay out today', response: { 200: DeskMe } } }, async (req) => {
    const agent = await care.agents.requireAgent(requirePrincipal(req).userId);
    return { agent: await care.agents.view(agent), authority: await care.actions.authority(agent) };
  });
  app.get('/api/v1/care/desk/tickets', { config: desk, schema: { tags, summary: 'My tickets, my queue’s waiting tickets, or all I may see', querystring: DeskQuery, response: { 200: TicketPage } } }, async (req) =>
    care.tickets.desk(await care.agents.requireAgent(requirePrincipal(req).userId), req.query),
  );
  for (const [step, summary] of [
    ['take', 'Take the ticket (from the queue or a colleague)'],
    ['resolve', 'Mark the ticket resolved (it closes by itself later unless the shopper writes)'],
    ['escalate', 'Hand the ticket to the platform’s desk'],
  ] as const) {
    app.post(`/api/v1/care/desk/tickets/:ticketId/${step}`, { config: desk, schema: { tags, summary, params: TicketParams, body: NoteBody, response: { 200: TicketDetail } } }, async (req) => {
      const p = requirePrincipal(req);
      const { ticketId } = req.params as { ticketId: string };
      const note = (req.body as { note?: string }).note;
      if (step === 'take') await care.conversation.take(p, ticketId);
      else if (step === 'resolve') await care.conversation.resolve(p, ticketId, note);
      else await care.conversation.escalate(p, ticketId, note);
      return care.tickets.detailOf(ticketId);
    });
  }
  app.get(
    '/api/v1/care/desk/tickets/:ticketId/context',
    { config: desk, schema: { tags, summary: 'What the agent needs beside the conversation: the order (address masked), its compensation so far, my authority on this ticket', params: TicketParams, response: { 200: Type.Object({ order: Type.Union([OrderSchema, Type.Null()]), actions: Type.Array(ActionSchema), authority: AuthoritySchema }) } } },
    async (req) => care.context(requirePrincipal(req), req.params.ticketId),
  );
  app.post(
    '/api/v1/care/desk/tickets/:ticketId/compensations',
    {
      config: desk,
      schema: {
        tags,
        summary: 'Compensate the shopper (赔付) into their balance: at once within my tier’s limits (201), else a request to a supervisor (202); a repeat of the Idempotency-Key returns the first (200)',
        params: TicketParams,
        headers: Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKey) }),
        body: CompensateBody,
        response: { 200: ActionSchema, 201: ActionSchema, 202: ActionSchema },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string') throw new AppError('validation_failed', 'The Idempotency-Key header is required', 'headers.idempotency-key');
      const { action, replayed } = await care.actions.compensate(requirePrincipal(req), req.params.ticketId, key, req.body);
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : action.status === 'pending' ? 202 : 201).send(action);
    },
  );
  app.get('/api/v1/care/desk/approvals', { config: desk, schema: { tags, summary: 'Compensation requests waiting for me (supervisors: lower tiers of my desk; operators: all)', response: { 200: Type.Array(ActionSchema) } } }, async (req) =>
    care.actions.approvals(requirePrincipal(req)),
  );
  app.post(
    '/api/v1/care/desk/approvals/:actionId',
    { config: desk, schema: { tags, summary: 'Approve (pays at once) or reject a compensation request', params: Strict({ actionId: Id() }), body: DecideBody, response: { 200: ActionSchema } } },
    async (req) => care.actions.decide(requirePrincipal(req), req.params.actionId, req.body.approve, req.body.note),
  );
  app.get('/api/v1/care/desk/alerts', { config: desk, schema: { tags, summary: 'SLA breaches not acknowledged yet', response: { 200: Type.Array(AlertSchema) } } }, async (req) => care.watch.alerts(requirePrincipal(req)));
  app.post('/api/v1/care/desk/alerts/:alertId/ack', { config: desk, schema: { tags, summary: 'Acknowledge an SLA alert', params: Strict({ alertId: Id() }), response: { 200: AlertSchema } } }, async (req) =>
    care.watch.acknowledge(requirePrincipal(req), req.params.alertId),
  );

  // Stores and operators.
  const StoreParams = Strict({ storeId: Id() });
  app.get('/api/v1/merchant/stores/:storeId/care/agents', { config: { access: ['merchant'] }, schema: { tags, summary: 'My store’s agents and their load', params: StoreParams, response: { 200: Type.Array(AgentSchema) } } }, async (req) =>
    care.agents.listForStore(requirePrincipal(req).userId, req.params.storeId),
  );
  app.post('/api/v1/merchant/stores/:storeId/care/agents', { config: { access: ['merchant'] }, schema: { tags, summary: 'Name (or update) one of my staff as an agent of my store (the owner only: tiers set who may pay from the store)', params: StoreParams, body: AgentBody, response: { 200: AgentSchema } } }, async (req) =>
    care.addAgent(requirePrincipal(req).userId, req.params.storeId, req.body),
  );
  app.get('/api/v1/merchant/stores/:storeId/care/stats', { config: { access: ['merchant'] }, schema: { tags, summary: 'My store’s desk: tickets, response time, SLA breaches (last 30 days)', params: StoreParams, response: { 200: StatsSchema } } }, async (req) =>
    care.stats(requirePrincipal(req).userId, req.params.storeId),
  );
  app.get('/api/v1/ops/care/agents', { config: { access: ['operator'] }, schema: { tags: ['ops'], summary: 'The platform’s agents and their load', response: { 200: Type.Array(AgentSchema) } } }, async () => care.agents.list(null));
  app.post('/api/v1/ops/care/agents', { config: { access: ['operator'] }, schema: { tags: ['ops'], summary: 'Name (or update) a platform agent', body: AgentBody, response: { 200: AgentSchema } } }, async (req) =>
    care.addAgent(requirePrincipal(req).userId, null, req.body),
  );
  app.post('/api/v1/ops/care/sweep', { config: { access: ['operator'] }, schema: { tags: ['ops'], summary: 'Check every live ticket’s SLA timers and auto-close by the desk’s clock', response: { 200: Type.Object({ breached: Type.Integer(), closed: Type.Integer() }) } } }, async () =>
    care.watch.sweep(),
  );
  app.post(
    '/api/v1/ops/care/compensations/:compensationId/recover',
    { config: { access: ['operator'] }, schema: { tags: ['ops'], summary: 'Recover a platform-paid compensation from the store at fault (once)', params: Strict({ compensationId: Id() }), body: Strict({ note: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }) }), response: { 200: Ok } } },
    async (req) => {
      await care.recover(req.params.compensationId, requirePrincipal(req).userId, req.body.note);
      return { ok: true as const };
    },
  );
}
