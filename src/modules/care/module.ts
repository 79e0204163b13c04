// The service desk (客服), assembled: agents, tickets and their conversation, authority over
// money, SLA watch, the chat hub; its routes and socket. Other modules answer through functions
// wired in main.ts (orders, rooms, stores, names, commerce's compensation).
import type { Broadcast } from '../../platform/broadcast.ts';
import type { Db } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { Principal } from '../../platform/http/access.ts';
import type { App } from '../../platform/http/server.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { Log } from '../../platform/log.ts';
import type { Order } from '../commerce/orders.ts';
import { AuthorityDesk, type PayCompensation } from './actions.ts';
import { AgentDirectory, type AgentDeps } from './agents.ts';
import { fill } from './assign.ts';
import { Conversation } from './conversation.ts';
import type { DeskConfig, DeskCtx, DeskDeps } from './ctx.ts';
import { TicketHub } from './hub.ts';
import { ticketRow } from './repo.ts';
import { careRoutes } from './routes.ts';
import type { AgentInput, OpenTicketInput, TicketDetail } from './schemas.ts';
import { TicketService } from './tickets.ts';
import { defaultTriager } from './triage/triage.ts';
import { SlaWatch } from './watch.ts';
import { careSocketRoutes } from './ws-route.ts';

export { CARE_TOPICS } from './ctx.ts';

export interface CareDeps extends DeskDeps, AgentDeps {
  /** The order as its store sees it (address masked), for the agent's context pane. */
  orderView(orderId: string): Promise<Order>;
  pay: PayCompensation;
  recover(compensationId: string, actorId: string, note: string): Promise<unknown>;
}

export class Care {
  readonly agents: AgentDirectory;
  readonly tickets: TicketService;
  readonly conversation: Conversation;
  readonly actions: AuthorityDesk;
  readonly watch: SlaWatch;
  readonly hub: TicketHub;
  private readonly ctx: DeskCtx;
  private broadcast: Broadcast<string[]> | null = null;

  constructor(db: Db, bus: EventBus, jobs: JobQueue, private readonly deps: CareDeps, cfg: DeskConfig & { agentMaxOpen: number }, clock: () => Date, log?: Log) {
    this.agents = new AgentDirectory(db, deps, cfg.agentMaxOpen);
    this.hub = new TicketHub((id) => this.tickets.detailOf(id), log);
    this.ctx = { db, bus, jobs, agents: this.agents, deps, cfg, triager: defaultTriager, clock, notify: (ids) => this.notify(ids) };
    this.tickets = new TicketService(this.ctx);
    this.conversation = new Conversation(this.ctx, this.tickets);
    this.actions = new AuthorityDesk(this.ctx, this.tickets, deps.pay);
    this.watch = new SlaWatch(this.ctx, this.conversation);
  }

  registerJobs(): void {
    this.watch.registerJobs();
  }

  /**
   * Other processes' ticket changes reach this process's sockets, and this one's reach theirs
   * (a cluster: the shopper's socket on one api process, the agent's reply through another).
   */
  useBroadcast(b: Broadcast<string[]>): void {
    this.broadcast = b;
    b.onMessage((ids) => this.hub.notify(ids.filter((id) => typeof id === 'string')));
  }

  private notify(ids: Iterable<string>): void {
    const list = [...ids];
    this.hub.notify(list);
    if (list.length) this.broadcast?.publish(list);
  }

  /** Opens a ticket, or adds the text to the shopper's live ticket on the same order. */
  async open(p: Principal, input: OpenTicketInput): Promise<{ detail: TicketDetail; created: boolean }> {
    const { id, created } = await this.tickets.open(p.userId, input);
    if (!created) await this.conversation.post(p, id, input.text);
    return { detail: await this.tickets.detailOf(id), created };
  }

  /** Names an agent, then hands them waiting tickets of their queue. */
  async addAgent(actorId: string, storeId: string | null, input: AgentInput) {
    const agent = await this.agents.upsert(actorId, storeId, input);
    const touched = new Set<string>();
    await this.ctx.db.tx((tx) => fill(this.ctx, tx, { storeId }, touched));
    this.notify(touched);
    return (await this.agents.list(storeId)).find((a) => a.userId === agent.userId)!;
  }

  async context(p: Principal, ticketId: string) {
    const row = await ticketRow(this.ctx.db, ticketId);
    const who = await this.tickets.viewer(p, row);
    if (!who || who.kind === 'owner') throw notFound('Ticket', 'ticketId');
    const agent = who.kind === 'agent' ? who.agent : null;
    return {
      order: row.order_id ? await this.deps.orderView(row.order_id) : null,
      actions: await this.actions.forTicket(p, ticketId),
      authority: agent ? await this.actions.authority(agent, ticketId) : { tier: 0, caseLimitFen: 0, dayLimitFen: 0, dayUsedFen: 0, remainingFen: 0 },
    };
  }

  async stats(userId: string, storeId: string) {
    await this.deps.requireStaff(storeId, userId);
    const since = new Date(this.ctx.clock().getTime() - 30 * 86_400_000);
    const [t] = await this.ctx.db.query<{ tickets: string | number; open: string | number; first: string | number; resolve: string | number }>(
      `SELECT count(*) AS tickets, count(*) FILTER (WHERE status <> 'closed') AS open,
              count(*) FILTER (WHERE 'first_response' = ANY(breached)) AS first, count(*) FILTER (WHERE 'resolve' = ANY(breached)) AS resolve
         FROM care_tickets WHERE store_id = $1 AND created_at >= $2`,
      [storeId, since],
    );
    const [m] = await this.ctx.db.query<{ replies: string | number; avg: string | number | null }>(
      `SELECT count(*) AS replies, avg(m.response_ms) AS avg FROM care_messages m JOIN care_tickets t ON t.id = m.ticket_id
        WHERE t.store_id = $1 AND t.queue = 'store' AND m.response_ms IS NOT NULL AND m.created_at >= $2`,
      [storeId, since],
    );
    return {
      tickets: Number(t!.tickets),
      open: Number(t!.open),
      replies: Number(m!.replies),
      avgResponseSeconds: m!.avg === null ? null : Math.round(Number(m!.avg) / 100) / 10,
      firstResponseBreaches: Number(t!.first),
      resolveBreaches: Number(t!.resolve),
    };
  }

  async recover(compensationId: string, actorId: string, note: string): Promise<void> {
    await this.deps.recover(compensationId, actorId, note);
  }

  routes(app: App): void {
    careRoutes(app, this);
  }

  /** The chat socket; register after the live module (which installs the WebSocket plugin). */
  socketRoutes(app: App): void {
    careSocketRoutes(app, this);
  }

  close(): void {
    this.hub.close();
  }
}
