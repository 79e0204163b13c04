// Campaigns (平台活动 and 扶持计划): operators create, edit before the start, end early or call off
// platform events and support programmes; the public sees the active ones, a campaign's page and
// its goods' badges. The boost each enrolled product has in distribution and search is published
// (`campaigns.boost.changed`, the product's state after the change) in the transaction of whatever
// changed it; starts and ends by time are found by `sweep` on the platform's clock.
import { audit } from '../../platform/audit.ts';
import type { Db, Queryable, Tx } from '../../platform/db/index.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { ProductCard } from '../catalog/cards.ts';
import { overlapping, statusAt, type CampaignFacts, type CampaignStatus } from './rules.ts';
import type { Campaign, CreateCampaignInput, EditCampaignInput } from './schemas.ts';

export interface CampaignDeps {
  /** Catalog: 404 (storeId) when the store does not exist, 403 when the user is not its staff. */
  assertStaff(storeId: string, userId: string): Promise<void>;
  /** Catalog: goods facts (in `q`); ids it does not know are left out. */
  goods(ids: string[], q: Queryable): Promise<Map<string, GoodsFacts>>;
  /** Catalog: the category and its ancestors, leaf first (empty when it does not exist). */
  categoryPath(categoryId: string): Promise<string[]>;
  cards(ids: string[], q?: Queryable): Promise<ProductCard[]>;
  /** Experience: the store's latest experience score (null: not scored). */
  storeScore(storeId: string): Promise<number | null>;
  storeNames(ids: string[]): Promise<Map<string, string>>;
  now(): Date;
}

export interface GoodsFacts {
  id: string;
  storeId: string;
  categoryId: string;
  /** The lowest price among its on-sale SKUs. */
  minPriceFen: number;
  onSale: boolean;
}

export interface CampaignSettings {
  maxBoost: number;
}

export interface CampaignRow {
  id: string; kind: Campaign['kind']; name_zh: string; name_en: string | null; description: string; starts_at: Date; ends_at: Date; category_ids: string[];
  min_store_score: number | null; max_price_fen: number | null; boost: number; cancelled_at: Date | null; live: boolean; created_at: Date; enrolled?: number;
}

export const CAMPAIGN_TOPICS = {
  created: 'campaigns.campaign.created',
  updated: 'campaigns.campaign.updated',
  started: 'campaigns.campaign.started',
  ended: 'campaigns.campaign.ended',
  enrolled: 'campaigns.goods.enrolled',
  withdrawn: 'campaigns.goods.withdrawn',
  suspended: 'campaigns.goods.suspended',
  boostChanged: 'campaigns.boost.changed',
} as const;

/** A campaign may start this long in the past (an operator creating one "from now"). */
const START_SLACK_MS = 5 * 60_000;
const SELECT = `SELECT c.*, (SELECT count(*)::int FROM campaign_enrolments e WHERE e.campaign_id = c.id AND e.status = 'enrolled') AS enrolled FROM campaigns c`;
/** SQL for "active at $1" over `c`. */
const ACTIVE_AT = (p: string) => `c.cancelled_at IS NULL AND c.starts_at <= ${p}::timestamptz AND c.ends_at > ${p}::timestamptz`;

export const facts = (r: CampaignRow): CampaignFacts => ({ id: r.id, kind: r.kind, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at), categoryIds: r.category_ids, cancelled: r.cancelled_at !== null });

export class CampaignService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    readonly deps: CampaignDeps,
    readonly settings: CampaignSettings,
  ) {}

  view(r: CampaignRow, now = this.deps.now()): Campaign {
    return {
      id: r.id, kind: r.kind, name: r.name_zh, nameEn: r.name_en, description: r.description, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(),
      categoryIds: r.category_ids, minStoreScore: r.min_store_score === null ? null : Number(r.min_store_score), maxPriceFen: r.max_price_fen === null ? null : Number(r.max_price_fen),
      boost: Number(r.boost), status: statusAt(facts(r), now), enrolled: r.enrolled ?? 0, createdAt: new Date(r.created_at).toISOString(),
    };
  }

  async row(id: string, q: Queryable = this.db, lock = false): Promise<CampaignRow> {
    const [r] = await q.query<CampaignRow>(`${SELECT} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id]);
    if (!r) throw notFound('Campaign', 'campaignId');
    return r;
  }

  async get(id: string): Promise<Campaign> {
    return this.view(await this.row(id));
  }

  // ---- operators -----------------------------------------------------------------------------

  async create(operatorId: string, input: CreateCampaignInput): Promise<Campaign> {
    const terms = await this.checkTerms({ kind: input.kind, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), categoryIds: [...new Set(input.categoryIds ?? [])], boost: input.boost }, true);
    const id = newId('cmp');
    await this.db.tx(async (tx) => {
      await this.assertNoOverlap(tx, { id, cancelled: false, ...terms });
      await tx.query(
        `INSERT INTO campaigns (id, kind, name_zh, name_en, description, starts_at, ends_at, category_ids, min_store_score, max_price_fen, boost, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10, $11, $12)`,
        [id, input.kind, input.name, input.nameEn ?? null, input.description ?? '', terms.startsAt, terms.endsAt, terms.categoryIds, input.minStoreScore ?? null, input.maxPriceFen ?? null, input.boost, operatorId],
      );
      await audit(tx, { actorId: operatorId, action: 'campaigns.create', subjectType: 'campaign', subjectId: id, detail: { ...input } });
      await this.bus.publish(tx, CAMPAIGN_TOPICS.created, { campaignId: id, kind: input.kind, by: operatorId });
      await this.reconcile(tx, [id]);
    });
    return this.get(id);
  }

  /** Changes a campaign's terms, only before it starts. */
  async edit(operatorId: string, id: string, input: EditCampaignInput): Promise<Campaign> {
    await this.db.tx(async (tx) => {
      const r = await this.row(id, tx, true);
      if (statusAt(facts(r), this.deps.now()) !== 'scheduled') throw new AppError('invalid_state', 'Only a campaign that has not started can be edited', 'campaignId');
      const startsAt = input.startsAt ? new Date(input.startsAt) : new Date(r.starts_at);
      const endsAt = input.endsAt ? new Date(input.endsAt) : new Date(r.ends_at);
      const categoryIds = input.categoryIds ? [...new Set(input.categoryIds)] : r.category_ids;
      const boost = input.boost ?? Number(r.boost);
      await this.checkTerms({ kind: r.kind, startsAt, endsAt, categoryIds, boost }, input.startsAt !== undefined);
      await this.assertNoOverlap(tx, { id, kind: r.kind, startsAt, endsAt, categoryIds, cancelled: false });
      await tx.query(
        `UPDATE campaigns SET name_zh = $2, name_en = $3, description = $4, starts_at = $5, ends_at = $6, category_ids = $7::text[], min_store_score = $8, max_price_fen = $9, boost = $10, updated_at = now() WHERE id = $1`,
        [id, input.name ?? r.name_zh, input.nameEn ?? r.name_en, input.description ?? r.description, startsAt, endsAt, categoryIds,
          input.minStoreScore === undefined ? r.min_store_score : input.minStoreScore, input.maxPriceFen === undefined ? r.max_price_fen : input.maxPriceFen, boost],
      );
      await audit(tx, { actorId: operatorId, action: 'campaigns.edit', subjectType: 'campaign', subjectId: id, detail: { ...input } });
      await this.bus.publish(tx, CAMPAIGN_TOPICS.updated, { campaignId: id, by: operatorId });
      await this.reconcile(tx, [id]);
    });
    return this.get(id);
  }

  /** Ends an active campaign now, or calls off one that has not started; its goods lose their boost. */
  async end(operatorId: string, id: string): Promise<Campaign> {
    const now = this.deps.now();
    await this.db.tx(async (tx) => {
      const r = await this.row(id, tx, true);
      const status = statusAt(facts(r), now);
      if (status === 'ended' || status === 'cancelled') throw new AppError('invalid_state', `This campaign is ${status} already`, 'campaignId');
      if (status === 'scheduled') await tx.query('UPDATE campaigns SET cancelled_at = $2, updated_at = now() WHERE id = $1', [id, now]);
      else await tx.query('UPDATE campaigns SET ends_at = $2, ended_early_at = $2, updated_at = now() WHERE id = $1', [id, now]);
      await audit(tx, { actorId: operatorId, action: status === 'scheduled' ? 'campaigns.cancel' : 'campaigns.end', subjectType: 'campaign', subjectId: id, detail: {} });
      await this.reconcile(tx, [id]);
      if (status === 'scheduled') await this.bus.publish(tx, CAMPAIGN_TOPICS.ended, { campaignId: id, cancelled: true, by: operatorId });
    });
    return this.get(id);
  }

  async list(f: { status?: CampaignStatus; limit: number; offset: number }): Promise<{ items: Campaign[]; total: number; limit: number; offset: number }> {
    const now = this.deps.now();
    const where = {
      scheduled: 'c.cancelled_at IS NULL AND c.starts_at > $1::timestamptz',
      active: ACTIVE_AT('$1'),
      ended: 'c.cancelled_at IS NULL AND c.ends_at <= $1::timestamptz',
      cancelled: 'c.cancelled_at IS NOT NULL AND $1::timestamptz IS NOT NULL',
      all: '$1::timestamptz IS NOT NULL',
    }[f.status ?? 'all'];
    const rows = await this.db.query<CampaignRow>(`${SELECT} WHERE ${where} ORDER BY c.starts_at DESC, c.id DESC LIMIT $2 OFFSET $3`, [now, f.limit, f.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM campaigns c WHERE ${where}`, [now]);
    return { items: rows.map((r) => this.view(r, now)), total, limit: f.limit, offset: f.offset };
  }

  // ---- the public ----------------------------------------------------------------------------

  /** Campaigns active now, soonest to end first. */
  async active(): Promise<Campaign[]> {
    const now = this.deps.now();
    return (await this.db.query<CampaignRow>(`${SELECT} WHERE ${ACTIVE_AT('$1')} ORDER BY c.ends_at, c.id`, [now])).map((r) => this.view(r, now));
  }

  /** A campaign's page: the campaign (not called off) and its enrolled goods on sale. */
  async page(id: string): Promise<{ campaign: Campaign; goods: ProductCard[] }> {
    const r = await this.row(id);
    if (r.cancelled_at) throw notFound('Campaign', 'campaignId');
    const ids = (await this.db.query<{ product_id: string }>(`SELECT product_id FROM campaign_enrolments WHERE campaign_id = $1 AND status = 'enrolled' ORDER BY created_at, product_id LIMIT 200`, [id])).map((x) => x.product_id);
    return { campaign: this.view(r), goods: (await this.deps.cards(ids)).filter((c) => c.available) };
  }

  /** Badges: of these products, those enrolled in a campaign in effect now (as distribution sees it). */
  async badges(productIds: string[]) {
    const rows = await this.db.query<{ product_id: string; id: string; name_zh: string; name_en: string | null; kind: Campaign['kind'] }>(
      `SELECT DISTINCT ON (e.product_id) e.product_id, c.id, c.name_zh, c.name_en, c.kind FROM campaign_enrolments e JOIN campaigns c ON c.id = e.campaign_id
        WHERE e.product_id = ANY($1::text[]) AND e.status = 'enrolled' AND c.live ORDER BY e.product_id, c.boost DESC, c.id`,
      [productIds],
    );
    return { items: rows.map((r) => ({ productId: r.product_id, campaignId: r.id, name: r.name_zh, nameEn: r.name_en, kind: r.kind })) };
  }

  // ---- what other modules ask ----------------------------------------------------------------

  /** productId → campaignId for goods enrolled (not suspended or withdrawn) in a campaign active at `at`. */
  async campaignOf(productIds: readonly string[], at: Date, q: Queryable = this.db): Promise<Map<string, string>> {
    if (productIds.length === 0) return new Map();
    const rows = await q.query<{ product_id: string; campaign_id: string }>(
      `SELECT DISTINCT ON (e.product_id) e.product_id, e.campaign_id FROM campaign_enrolments e JOIN campaigns c ON c.id = e.campaign_id
        WHERE e.product_id = ANY($1::text[]) AND e.status = 'enrolled' AND ${ACTIVE_AT('$2')} ORDER BY e.product_id, c.boost DESC, c.id`,
      [[...productIds], at],
    );
    return new Map(rows.map((r) => [r.product_id, r.campaign_id]));
  }

  /** Every product boosted now (distribution's and search's start). */
  async activeBoosts(): Promise<Array<{ productId: string; campaignId: string; boost: number }>> {
    return (await this.effective(this.db, null)).filter((b): b is { productId: string; campaignId: string; boost: number } => b.campaignId !== null);
  }

  /** Starts and ends campaigns whose time has come (every CAMPAIGN_SWEEP_SECONDS; tests call it with a moved clock). */
  async sweep(): Promise<string[]> {
    return this.db.tx((tx) => this.reconcile(tx, null));
  }

  /**
   * Brings `live` in line with the clock for these campaigns (null: all), publishing started or
   * ended and the new boost state of their goods; returns the campaigns that flipped.
   */
  async reconcile(tx: Tx, ids: string[] | null): Promise<string[]> {
    const now = this.deps.now();
    const flips = await tx.query<{ id: string; should: boolean }>(
      `SELECT c.id, (${ACTIVE_AT('$1')}) AS should FROM campaigns c
        WHERE c.live IS DISTINCT FROM (${ACTIVE_AT('$1')}) AND ($2::text[] IS NULL OR c.id = ANY($2::text[])) ORDER BY c.id FOR UPDATE`,
      [now, ids],
    );
    if (flips.length === 0) return [];
    for (const f of flips) {
      await tx.query('UPDATE campaigns SET live = $2 WHERE id = $1', [f.id, f.should]);
      await this.bus.publish(tx, f.should ? CAMPAIGN_TOPICS.started : CAMPAIGN_TOPICS.ended, { campaignId: f.id, at: now.toISOString() });
    }
    const products = await tx.query<{ product_id: string }>(`SELECT DISTINCT product_id FROM campaign_enrolments WHERE campaign_id = ANY($1::text[]) AND status = 'enrolled'`, [flips.map((f) => f.id)]);
    await this.publishBoosts(tx, products.map((p) => p.product_id));
    return flips.map((f) => f.id);
  }

  /** Publishes these products' boost state as it is now (in the caller's transaction). */
  async publishBoosts(tx: Tx, productIds: string[]): Promise<void> {
    for (let i = 0; i < productIds.length; i += 500) {
      const changes = await this.effective(tx, productIds.slice(i, i + 500));
      if (changes.length) await this.bus.publish(tx, CAMPAIGN_TOPICS.boostChanged, { changes });
    }
  }

  /** Each product's campaign in effect (live) with its boost, capped; products in none get null (when asked by id). */
  private async effective(q: Queryable, productIds: string[] | null) {
    const rows = await q.query<{ product_id: string; id: string; boost: number }>(
      `SELECT DISTINCT ON (e.product_id) e.product_id, c.id, c.boost FROM campaign_enrolments e JOIN campaigns c ON c.id = e.campaign_id
        WHERE e.status = 'enrolled' AND c.live AND ($1::text[] IS NULL OR e.product_id = ANY($1::text[])) ORDER BY e.product_id, c.boost DESC, c.id`,
      [productIds],
    );
    const found = new Map(rows.map((r) => [r.product_id, { productId: r.product_id, campaignId: r.id as string | null, boost: Math.min(Number(r.boost), this.settings.maxBoost) }]));
    return productIds === null ? [...found.values()] : productIds.map((id) => found.get(id) ?? { productId: id, campaignId: null, boost: 1 });
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async checkTerms<T extends { kind: Campaign['kind']; startsAt: Date; endsAt: Date; categoryIds: string[]; boost: number }>(t: T, newStart: boolean): Promise<T> {
    const now = this.deps.now();
    if (t.boost > this.settings.maxBoost) throw invalid('boost', `The boost may be at most ${this.settings.maxBoost} (CAMPAIGN_MAX_BOOST)`);
    if (t.endsAt <= t.startsAt) throw invalid('endsAt', 'endsAt must be after startsAt');
    if (newStart && t.startsAt.getTime() < now.getTime() - START_SLACK_MS) throw invalid('startsAt', 'A campaign cannot start in the past');
    if (t.endsAt <= now) throw invalid('endsAt', 'endsAt must be in the future');
    for (const c of t.categoryIds) if ((await this.deps.categoryPath(c)).length === 0) throw invalid('categoryIds', `No such category: ${c}`);
    return t;
  }

  /** Platform events may not overlap in dates and categories (one lock, so two racing creations cannot both pass). */
  private async assertNoOverlap(tx: Tx, c: CampaignFacts): Promise<void> {
    if (c.kind !== 'event') return;
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['campaigns.events']);
    const others = await tx.query<CampaignRow>(
      `SELECT * FROM campaigns WHERE kind = 'event' AND cancelled_at IS NULL AND id <> $1 AND starts_at < $3::timestamptz AND ends_at > $2::timestamptz`,
      [c.id, c.startsAt, c.endsAt],
    );
    const hit = overlapping(c, others.map(facts));
    if (hit) {
      const name = others.find((o) => o.id === hit.id)!.name_zh;
      throw new AppError('campaign_overlap', `Overlaps the platform event “${name}” (${hit.id}) in dates and categories`, 'startsAt');
    }
  }
}
