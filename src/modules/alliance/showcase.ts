// Showcase (橱窗): the goods a creator has picked to sell, each only while a plan lets them earn
// on it (an open plan, approved where it asks for approval, or a plan naming them). Applications
// are the minimal approval flow for gated open plans: the creator applies, the store decides.
import { audit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db/index.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import { effectiveRate } from './rates.ts';
import type { ProductCard } from '../catalog/cards.ts';
import type { Application, ShowcaseItem } from './schemas.ts';
import { activePlansOf, applicationsOf, approvedIn, type AllianceDeps, type PlanRow } from './store.ts';

interface ApplicationRow {
  id: string;
  plan_id: string;
  store_id: string;
  product_id: string;
  creator_id: string;
  status: Application['status'];
  note: string;
  created_at: Date;
  decided_at: Date | null;
  reason: string | null;
}

const toApplication = (r: ApplicationRow): Application => ({
  id: r.id, planId: r.plan_id, productId: r.product_id, storeId: r.store_id, creatorId: r.creator_id, status: r.status, note: r.note,
  createdAt: new Date(r.created_at).toISOString(), decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null, reason: r.reason,
});

export class ShowcaseService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly deps: AllianceDeps,
  ) {}

  /** What the creator earns on each of these products now (null: no plan lets them). */
  async myRates(creatorId: string, productIds: string[]): Promise<Map<string, ReturnType<typeof effectiveRate>>> {
    const plans = await activePlansOf(this.db, productIds);
    const apps = await applicationsOf(this.db, creatorId, [...plans.values()].flat().map((p) => p.row.id));
    const now = this.deps.now();
    return new Map(productIds.map((id) => [id, effectiveRate((plans.get(id) ?? []).map((p) => p.facts), creatorId, now, approvedIn(apps))]));
  }

  /**
   * The products among these the creator may carry in content (a video's anchors, a live room's
   * bag): in their showcase, with a plan that still lets them earn on it now.
   */
  async carriable(creatorId: string, productIds: string[]): Promise<Set<string>> {
    if (productIds.length === 0) return new Set();
    const rows = await this.db.query<{ product_id: string }>('SELECT product_id FROM alliance_showcase WHERE creator_id = $1 AND product_id = ANY($2::text[])', [creatorId, productIds]);
    const rates = await this.myRates(creatorId, rows.map((r) => r.product_id));
    return new Set([...rates].filter(([, rate]) => rate !== null).map(([id]) => id));
  }

  /** Adds a product to the showcase (again: nothing changes). */
  async add(creatorId: string, productId: string): Promise<ShowcaseItem> {
    const [card] = await this.deps.cards([productId]);
    if (!card) throw notFound('Product', 'productId');
    const plans = (await activePlansOf(this.db, [productId])).get(productId) ?? [];
    const apps = await applicationsOf(this.db, creatorId, plans.map((p) => p.row.id));
    const myRate = effectiveRate(plans.map((p) => p.facts), creatorId, this.deps.now(), approvedIn(apps));
    if (!myRate) {
      if (plans.some((p) => p.facts.kind === 'open' && p.facts.approvalRequired)) throw new AppError('forbidden', 'This plan needs the store’s approval: apply first', 'productId');
      throw new AppError('invalid_state', 'The product has no commission plan you may use', 'productId');
    }
    const now = this.deps.now();
    const addedAt = await this.db.tx(async (tx) => {
      const [added] = await tx.query<{ added_at: Date }>(
        'INSERT INTO alliance_showcase (creator_id, product_id, store_id, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING added_at',
        [creatorId, productId, card.storeId, now],
      );
      if (!added) return (await tx.query<{ added_at: Date }>('SELECT added_at FROM alliance_showcase WHERE creator_id = $1 AND product_id = $2', [creatorId, productId]))[0]!.added_at;
      await audit(tx, { actorId: creatorId, action: 'alliance.showcase.add', subjectType: 'product', subjectId: productId, detail: { at: now.toISOString(), planId: myRate.planId } });
      await this.bus.publish(tx, 'alliance.showcase.added', { creatorId, productId, storeId: card.storeId, planId: myRate.planId, rateBps: myRate.rateBps });
      return added.added_at;
    });
    return { productId, addedAt: new Date(addedAt).toISOString(), card, myRate };
  }

  async remove(creatorId: string, productId: string): Promise<void> {
    const now = this.deps.now();
    await this.db.tx(async (tx) => {
      const [gone] = await tx.query<{ store_id: string }>('DELETE FROM alliance_showcase WHERE creator_id = $1 AND product_id = $2 RETURNING store_id', [creatorId, productId]);
      if (!gone) throw notFound('Product in your showcase', 'productId');
      await audit(tx, { actorId: creatorId, action: 'alliance.showcase.remove', subjectType: 'product', subjectId: productId, detail: { at: now.toISOString() } });
      await this.bus.publish(tx, 'alliance.showcase.removed', { creatorId, productId, storeId: gone.store_id });
    });
  }

  async list(creatorId: string, page: { limit: number; offset: number }): Promise<{ items: ShowcaseItem[]; total: number; limit: number; offset: number }> {
    const rows = await this.db.query<{ product_id: string; added_at: Date }>('SELECT product_id, added_at FROM alliance_showcase WHERE creator_id = $1 ORDER BY added_at DESC, product_id LIMIT $2 OFFSET $3', [creatorId, page.limit, page.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>('SELECT count(*)::int AS total FROM alliance_showcase WHERE creator_id = $1', [creatorId]);
    const ids = rows.map((r) => r.product_id);
    const cards = new Map((await this.deps.cards(ids)).map((c) => [c.id, c]));
    const rates = await this.myRates(creatorId, ids);
    const items = rows.map((r) => ({ productId: r.product_id, addedAt: new Date(r.added_at).toISOString(), card: cards.get(r.product_id) ?? null, myRate: rates.get(r.product_id) ?? null }));
    return { items, total, limit: page.limit, offset: page.offset };
  }

  /**
   * A creator's showcase as shoppers see it on their page (达人橱窗): the goods they may still
   * earn on, on sale, newest first. Buying from here is credited to the creator (source showcase).
   */
  async publicList(creatorId: string, page: { limit: number; offset: number }): Promise<{ items: ProductCard[]; total: number; limit: number; offset: number }> {
    if (!(await this.deps.isCreator(creatorId))) throw notFound('Creator', 'creatorId');
    const rows = await this.db.query<{ product_id: string }>('SELECT product_id FROM alliance_showcase WHERE creator_id = $1 ORDER BY added_at DESC, product_id', [creatorId]);
    const ids = [...(await this.carriable(creatorId, rows.map((r) => r.product_id)))];
    const ordered = rows.map((r) => r.product_id).filter((id) => ids.includes(id));
    const cards = (await this.deps.cards(ordered)).filter((c) => c.available);
    return { items: cards.slice(page.offset, page.offset + page.limit), total: cards.length, limit: page.limit, offset: page.offset };
  }

  /** A creator asks to sell under an open plan that requires approval. */
  async apply(creatorId: string, planId: string, note = ''): Promise<Application> {
    const now = this.deps.now();
    return this.db.tx(async (tx) => {
      const [plan] = await tx.query<PlanRow>(`SELECT * FROM alliance_plans WHERE id = $1 AND status = 'active' AND kind = 'open'`, [planId]);
      if (!plan) throw notFound('Open plan', 'planId');
      if (!plan.approval_required) throw new AppError('invalid_state', 'This plan needs no approval: add the product to your showcase', 'planId');
      const [live] = await tx.query<{ status: string }>(`SELECT status FROM alliance_applications WHERE plan_id = $1 AND creator_id = $2 AND status IN ('pending', 'approved')`, [planId, creatorId]);
      if (live) throw new AppError('conflict', `You have already applied (${live.status})`, 'planId');
      const [row] = await tx.query<ApplicationRow>(
        'INSERT INTO alliance_applications (id, plan_id, store_id, product_id, creator_id, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
        [newId('aap'), planId, plan.store_id, plan.product_id, creatorId, note, now],
      );
      await audit(tx, { actorId: creatorId, action: 'alliance.application.create', subjectType: 'alliance_application', subjectId: row!.id, detail: { at: now.toISOString(), planId } });
      await this.bus.publish(tx, 'alliance.application.created', { applicationId: row!.id, planId, productId: plan.product_id, storeId: plan.store_id, creatorId });
      return toApplication(row!);
    });
  }

  async applications(actorId: string, storeId: string, f: { status?: Application['status']; limit: number; offset: number }): Promise<{ items: Application[]; total: number; limit: number; offset: number }> {
    await this.deps.assertStaff(storeId, actorId);
    const where = 'store_id = $1 AND ($2::text IS NULL OR status = $2)';
    const rows = await this.db.query<ApplicationRow>(`SELECT * FROM alliance_applications WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`, [storeId, f.status ?? null, f.limit, f.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM alliance_applications WHERE ${where}`, [storeId, f.status ?? null]);
    return { items: rows.map(toApplication), total, limit: f.limit, offset: f.offset };
  }

  /** The store approves or rejects (with a reason) a pending application. */
  async decide(actorId: string, storeId: string, applicationId: string, d: { approve: boolean; reason?: string }): Promise<Application> {
    if (!d.approve && d.reason === undefined) throw invalid('reason', 'Say why the application is rejected');
    await this.deps.assertStaff(storeId, actorId);
    const now = this.deps.now();
    return this.db.tx(async (tx) => {
      const [row] = await tx.query<ApplicationRow>(
        `UPDATE alliance_applications SET status = $3, decided_by = $4, decided_at = $5, reason = $6 WHERE id = $1 AND store_id = $2 AND status = 'pending' RETURNING *`,
        [applicationId, storeId, d.approve ? 'approved' : 'rejected', actorId, now, d.reason ?? null],
      );
      if (!row) {
        const [prev] = await tx.query<{ id: string }>('SELECT id FROM alliance_applications WHERE id = $1 AND store_id = $2', [applicationId, storeId]);
        if (!prev) throw notFound('Application', 'applicationId');
        throw new AppError('invalid_state', 'This application has already been decided', 'status');
      }
      await audit(tx, { actorId, action: `alliance.application.${row.status === 'approved' ? 'approve' : 'reject'}`, subjectType: 'alliance_application', subjectId: row.id, detail: { at: now.toISOString(), reason: d.reason ?? null } });
      await this.bus.publish(tx, `alliance.application.${row.status}`, { applicationId: row.id, planId: row.plan_id, productId: row.product_id, storeId, creatorId: row.creator_id });
      return toApplication(row);
    });
  }
}

