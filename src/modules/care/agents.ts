// The desk's agents: stores name their own (store staff), operators name the platform's. An
// agent's tier is their money authority; their skills are the categories they take first.
import { audit } from '../../platform/audit.ts';
import type { Db, Queryable } from '../../platform/db/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import type { Candidate } from './routing.ts';
import type { Agent, AgentInput } from './schemas.ts';
import type { TicketCategory } from './triage/triage.ts';

export interface AgentRow {
  user_id: string;
  store_id: string | null;
  tier: number;
  skills: string[];
  max_open: number;
  active: boolean;
  last_assigned_at: Date | null;
}

export interface AgentDeps {
  names(ids: string[], q?: Queryable): Promise<Map<string, string>>;
  userExists(userId: string): Promise<boolean>;
  /** 403 unless the user is staff of the store (404 when it does not exist). */
  requireStaff(storeId: string, userId: string): Promise<void>;
  /** 403 unless the user owns the store: naming agents sets who may pay from its payable. */
  requireOwner(storeId: string, userId: string): Promise<void>;
  /** True when the user is staff of the store: a store may name only its own staff as agents. */
  isStaff(storeId: string, userId: string): Promise<boolean>;
}

export class AgentDirectory {
  constructor(
    private readonly db: Db,
    private readonly deps: AgentDeps,
    private readonly defaultMaxOpen: number,
  ) {}

  async row(userId: string, q: Queryable = this.db, lock = false): Promise<AgentRow | null> {
    const [r] = await q.query<AgentRow>(`SELECT * FROM care_agents WHERE user_id = $1${lock ? ' FOR UPDATE' : ''}`, [userId]);
    return r ?? null;
  }

  /** The caller as an active agent, or 403. */
  async requireAgent(userId: string, q: Queryable = this.db, lock = false): Promise<AgentRow> {
    const r = await this.row(userId, q, lock);
    if (!r || !r.active) throw forbidden('You are not an agent of the service desk');
    return r;
  }

  /** Names (or updates) an agent: a store's (storeId) by its staff, or the platform's (null) by an operator. */
  async upsert(actorId: string, storeId: string | null, input: AgentInput): Promise<Agent> {
    if (storeId) await this.deps.requireOwner(storeId, actorId);
    if (!(await this.deps.userExists(input.userId))) throw notFound('User', 'userId');
    if (storeId && !(await this.deps.isStaff(storeId, input.userId))) throw new AppError('validation_failed', 'A store’s agents must be staff of the store', 'userId', [{ field: 'userId', message: 'not staff of this store' }]);
    await this.db.tx(async (tx) => {
      const prev = await this.row(input.userId, tx, true);
      if (prev && prev.store_id !== storeId) throw new AppError('conflict', prev.store_id ? 'This user is an agent of another store' : 'This user is a platform agent', 'userId');
      await tx.query(
        `INSERT INTO care_agents (user_id, store_id, tier, skills, max_open, active, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (user_id) DO UPDATE SET tier = EXCLUDED.tier, skills = EXCLUDED.skills, max_open = EXCLUDED.max_open, active = EXCLUDED.active`,
        [input.userId, storeId, input.tier, input.skills, input.maxOpen ?? prev?.max_open ?? this.defaultMaxOpen, input.active ?? true, actorId],
      );
      await audit(tx, { actorId, action: prev ? 'care.agent.update' : 'care.agent.add', subjectType: 'user', subjectId: input.userId, detail: { storeId, tier: input.tier, skills: input.skills, active: input.active ?? true } });
    });
    return (await this.list(storeId)).find((a) => a.userId === input.userId)!;
  }

  async listForStore(actorId: string, storeId: string): Promise<Agent[]> {
    await this.deps.requireStaff(storeId, actorId);
    return this.list(storeId);
  }

  async list(storeId: string | null): Promise<Agent[]> {
    const rows = await this.db.query<AgentRow & { open: number | string }>(
      `SELECT a.*, (SELECT count(*) FROM care_tickets t WHERE t.assignee_id = a.user_id AND t.status = 'assigned') AS open
         FROM care_agents a WHERE a.store_id IS NOT DISTINCT FROM $1 ORDER BY a.tier DESC, a.created_at, a.user_id`,
      [storeId],
    );
    const names = await this.deps.names(rows.map((r) => r.user_id));
    return rows.map((r) => this.toAgent(r, Number(r.open), names));
  }

  async view(r: AgentRow, q: Queryable = this.db): Promise<Agent> {
    const [c] = await q.query<{ n: number | string }>(`SELECT count(*) AS n FROM care_tickets WHERE assignee_id = $1 AND status = 'assigned'`, [r.user_id]);
    return this.toAgent(r, Number(c!.n), await this.deps.names([r.user_id]));
  }

  private toAgent(r: AgentRow, open: number, names: Map<string, string>): Agent {
    return { userId: r.user_id, name: names.get(r.user_id) ?? '', storeId: r.store_id, tier: r.tier, skills: r.skills as TicketCategory[], maxOpen: r.max_open, active: r.active, open };
  }

  /** The active agents of a queue with their load, for routing. */
  async candidates(q: Queryable, storeId: string | null): Promise<Candidate[]> {
    const rows = await q.query<AgentRow & { open: number | string }>(
      `SELECT a.*, (SELECT count(*) FROM care_tickets t WHERE t.assignee_id = a.user_id AND t.status = 'assigned') AS open
         FROM care_agents a WHERE a.active AND a.store_id IS NOT DISTINCT FROM $1`,
      [storeId],
    );
    return rows.map((r) => ({ userId: r.user_id, storeId: r.store_id, tier: r.tier, skills: r.skills, open: Number(r.open), maxOpen: r.max_open, lastAssignedAt: r.last_assigned_at }));
  }

  async storeHasAgents(q: Queryable, storeId: string): Promise<boolean> {
    const [r] = await q.query('SELECT 1 FROM care_agents WHERE store_id = $1 AND active LIMIT 1', [storeId]);
    return r !== undefined;
  }
}
