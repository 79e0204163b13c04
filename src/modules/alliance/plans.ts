// Commission plans: a store's staff offer creators a rate on one of the store's goods. Every change
// is a transaction that also writes the audit trail (actor, time) and an outbox event, so content
// and commerce can follow plans later without reading these tables.
import { audit } from '../../platform/audit.ts';
import type { Db, Tx } from '../../platform/db/index.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { Offers } from './offers.ts';
import { coexistenceConflict, planRateChange, type PlanKind } from './rates.ts';
import type { CreatePlanInput, Plan, UpdatePlanInput } from './schemas.ts';
import { toPlan, withSteps, type AllianceDeps, type AlliancePolicy, type LoadedPlan, type PlanRow } from './store.ts';

const DAY = 86_400_000;

export class PlanService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly deps: AllianceDeps,
    private readonly offers: Offers,
    private readonly policy: AlliancePolicy,
  ) {}

  /** 400 naming the field when the rate is outside the configured bounds (1–80% by default). */
  checkRate(rateBps: number, field = 'rateBps'): void {
    const { minRateBps: min, maxRateBps: max } = this.policy;
    if (rateBps < min || rateBps > max) throw invalid(field, `The rate must be between ${min / 100}% and ${max / 100}% (${min}–${max} bps)`);
  }

  async create(actorId: string, storeId: string, input: CreatePlanInput): Promise<Plan> {
    this.checkRate(input.rateBps);
    const named = input.kind !== 'open';
    if (named && input.creatorId === undefined) throw invalid('creatorId', `A ${input.kind} plan names its creator`);
    if (!named && input.creatorId !== undefined) throw invalid('creatorId', 'An open plan is for every creator: it names none');
    if (!named && input.flatFeeFen !== undefined) throw invalid('flatFeeFen', 'Only targeted and exclusive plans carry a flat fee');
    if (named && input.approvalRequired) throw invalid('approvalRequired', 'Only open plans ask creators to apply');
    await this.deps.assertStaff(storeId, actorId);
    const gate = await this.deps.gate(storeId);
    if (!gate.allowed) {
      throw new AppError('forbidden', gate.reasons.includes('alliance_suspended') ? 'The store is suspended from the alliance' : 'The store’s experience score is below the alliance’s threshold', 'storeId');
    }
    // Another store's goods are "not found" here, as everywhere under a store's own routes.
    const [card] = await this.deps.cards([input.productId]);
    if (!card || card.storeId !== storeId) throw notFound('Product', 'productId');
    if (!card.available) throw new AppError('invalid_state', 'The product is not on sale', 'productId');
    if (named && !(await this.deps.isCreator(input.creatorId!))) throw notFound('Creator', 'creatorId');
    const now = this.deps.now();
    return this.db.tx(async (tx) => {
      // Plans of one product are created one at a time, so two requests cannot both pass the
      // exclusive check below (the unique indexes cover same-kind duplicates on their own).
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('alliance.plan:' || $1))`, [input.productId]);
      const live = await tx.query<{ kind: PlanKind; creator_id: string | null }>(`SELECT kind, creator_id FROM alliance_plans WHERE product_id = $1 AND status = 'active'`, [input.productId]);
      const clash = coexistenceConflict(input.kind, live.map((l) => l.kind));
      if (clash) throw conflict(clash, 'kind');
      if (input.kind === 'open' && live.some((l) => l.kind === 'open')) throw conflict('The product already has an open plan: change its rate instead', 'kind');
      if (input.kind === 'targeted' && live.some((l) => l.creator_id === input.creatorId)) throw conflict('The product already has a plan for this creator: change its rate instead', 'creatorId');
      const id = newId('apl');
      const [row] = await tx.query<PlanRow>(
        `INSERT INTO alliance_plans (id, product_id, store_id, kind, creator_id, approval_required, free_samples, flat_fee_fen, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
        [id, input.productId, storeId, input.kind, input.creatorId ?? null, input.approvalRequired ?? false, input.freeSamples ?? false, input.flatFeeFen ?? 0, actorId, now],
      );
      await tx.query('INSERT INTO alliance_plan_rates (plan_id, seq, rate_bps, set_by, set_at, effective_at) VALUES ($1, 1, $2, $3, $4, $4)', [id, input.rateBps, actorId, now]);
      await this.offers.write(tx, [input.productId], await this.deps.facts([input.productId], tx));
      const plan = toPlan((await withSteps(tx, [row!]))[0]!, now);
      await audit(tx, { actorId, action: 'alliance.plan.create', subjectType: 'alliance_plan', subjectId: id, detail: { at: now.toISOString(), ...input } });
      await this.bus.publish(tx, 'alliance.plan.created', planEvent(plan));
      return plan;
    });
  }

  async update(actorId: string, storeId: string, planId: string, input: UpdatePlanInput): Promise<Plan> {
    if (Object.keys(input).length === 0) throw invalid('body', 'Name at least one field to change');
    if (input.rateBps !== undefined) this.checkRate(input.rateBps);
    await this.deps.assertStaff(storeId, actorId);
    const now = this.deps.now();
    return this.db.tx(async (tx) => {
      const [row] = await tx.query<PlanRow>('SELECT * FROM alliance_plans WHERE id = $1 AND store_id = $2 FOR UPDATE', [planId, storeId]);
      if (!row) throw notFound('Plan', 'planId');
      if (row.status !== 'active') throw new AppError('invalid_state', 'This plan has ended', 'status');
      if (row.kind === 'open' && input.flatFeeFen !== undefined) throw invalid('flatFeeFen', 'Only targeted and exclusive plans carry a flat fee');
      if (row.kind !== 'open' && input.approvalRequired) throw invalid('approvalRequired', 'Only open plans ask creators to apply');
      const [loaded] = await withSteps(tx, [row]);
      const detail: Record<string, unknown> = { at: now.toISOString(), ...input };
      if (input.rateBps !== undefined) detail.rate = await this.changeRate(tx, loaded!, input.rateBps, actorId, now);
      const [updated] = await tx.query<PlanRow>(
        `UPDATE alliance_plans SET approval_required = COALESCE($2, approval_required), free_samples = COALESCE($3, free_samples), flat_fee_fen = COALESCE($4, flat_fee_fen) WHERE id = $1 RETURNING *`,
        [planId, input.approvalRequired ?? null, input.freeSamples ?? null, input.flatFeeFen ?? null],
      );
      const plan = toPlan((await withSteps(tx, [updated!]))[0]!, now);
      await audit(tx, { actorId, action: 'alliance.plan.update', subjectType: 'alliance_plan', subjectId: planId, detail });
      await this.bus.publish(tx, 'alliance.plan.updated', planEvent(plan));
      return plan;
    });
  }

  /** Applies the rate rules: a step in force now, a step in the future, or only a cut called off. */
  private async changeRate(tx: Tx, plan: LoadedPlan, rateBps: number, actorId: string, now: Date): Promise<Record<string, unknown>> {
    const change = planRateChange(plan.facts.steps, rateBps, now, { lockMs: this.policy.lockDays * DAY, noticeMs: this.policy.noticeDays * DAY });
    if (change.kind === 'unchanged') return { change: 'unchanged' };
    if (change.supersedePending) {
      await tx.query('UPDATE alliance_plan_rates SET superseded_at = $2 WHERE plan_id = $1 AND superseded_at IS NULL AND effective_at > $2', [plan.row.id, now]);
    }
    if (change.kind !== 'restore') {
      await tx.query(
        `INSERT INTO alliance_plan_rates (plan_id, seq, rate_bps, set_by, set_at, effective_at)
         SELECT $1, COALESCE(max(seq), 0) + 1, $2, $3, $4, $5 FROM alliance_plan_rates WHERE plan_id = $1`,
        [plan.row.id, rateBps, actorId, now, change.effectiveAt],
      );
    }
    return { change: change.kind, effectiveAt: change.effectiveAt.toISOString() };
  }

  /** Ends a plan at once: it leaves the market and showcases stop earning by it. */
  async end(actorId: string, storeId: string, planId: string): Promise<Plan> {
    await this.deps.assertStaff(storeId, actorId);
    const now = this.deps.now();
    return this.db.tx(async (tx) => {
      const [row] = await tx.query<PlanRow>(`UPDATE alliance_plans SET status = 'ended', ended_at = $3, ended_by = $4 WHERE id = $1 AND store_id = $2 AND status = 'active' RETURNING *`, [planId, storeId, now, actorId]);
      if (!row) {
        const [prev] = await tx.query<{ id: string }>('SELECT id FROM alliance_plans WHERE id = $1 AND store_id = $2', [planId, storeId]);
        if (!prev) throw notFound('Plan', 'planId');
        throw new AppError('invalid_state', 'This plan has already ended', 'status');
      }
      // A rate cut still pending on an ended plan will never apply.
      await tx.query('UPDATE alliance_plan_rates SET superseded_at = $2 WHERE plan_id = $1 AND superseded_at IS NULL AND effective_at > $2', [planId, now]);
      await this.offers.dropIfUnplanned(tx, row.product_id);
      const plan = toPlan((await withSteps(tx, [row]))[0]!, now);
      await audit(tx, { actorId, action: 'alliance.plan.end', subjectType: 'alliance_plan', subjectId: planId, detail: { at: now.toISOString() } });
      await this.bus.publish(tx, 'alliance.plan.ended', planEvent(plan));
      return plan;
    });
  }

  async list(actorId: string, storeId: string, f: { productId?: string; status?: 'active' | 'ended'; limit: number; offset: number }): Promise<{ items: Plan[]; total: number; limit: number; offset: number }> {
    await this.deps.assertStaff(storeId, actorId);
    const where = 'store_id = $1 AND ($2::text IS NULL OR product_id = $2) AND ($3::text IS NULL OR status = $3)';
    const args = [storeId, f.productId ?? null, f.status ?? null];
    const rows = await this.db.query<PlanRow>(`SELECT * FROM alliance_plans WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5`, [...args, f.limit, f.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM alliance_plans WHERE ${where}`, args);
    const now = this.deps.now();
    return { items: (await withSteps(this.db, rows)).map((p) => toPlan(p, now)), total, limit: f.limit, offset: f.offset };
  }
}

/** The payload of `alliance.plan.created|updated|ended`: enough to follow without asking back. */
function planEvent(p: Plan) {
  return { planId: p.id, productId: p.productId, storeId: p.storeId, kind: p.kind, creatorId: p.creatorId, rateBps: p.rateBps, pendingRate: p.pendingRate, status: p.status };
}
