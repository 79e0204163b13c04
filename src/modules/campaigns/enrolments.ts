// Goods in campaigns: store staff see the open campaigns with their store's eligibility, enrol
// their goods (before or during a campaign) and withdraw them; a price that rises above the lowest
// price at enrolment suspends the goods (catalog's `catalog.product.updated`), and they lose the
// boost. Every refusal names its field; a product is in at most one campaign at a time.
import type { Db, Tx } from '../../platform/db/index.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { CAMPAIGN_TOPICS, facts, type CampaignRow, type CampaignService } from './campaigns.ts';
import { goodsRefusal, priceRaised, statusAt, storeEligibility } from './rules.ts';
import type { Campaign, Enrolment } from './schemas.ts';

interface EnrolmentRow {
  campaign_id: string; product_id: string; store_id: string; status: Enrolment['status']; reason: 'price_raised' | null; price_fen: number; created_at: Date; updated_at: Date;
}

const GOODS_REFUSALS = {
  not_on_sale: 'These goods are not on sale',
  category: 'These goods are not in the campaign’s categories',
  price_above_rule: 'The lowest price of these goods is above the campaign’s price rule',
} as const;

export class Enrolments {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly campaigns: CampaignService,
  ) {}

  private get deps() {
    return this.campaigns.deps;
  }

  /** Campaigns open to enrolment (scheduled or active), each with whether this store may enrol. */
  async openForStore(userId: string, storeId: string) {
    await this.deps.assertStaff(storeId, userId);
    const score = await this.deps.storeScore(storeId);
    const open = [...(await this.campaigns.list({ status: 'active', limit: 100, offset: 0 })).items, ...(await this.campaigns.list({ status: 'scheduled', limit: 100, offset: 0 })).items];
    return { items: open.map((campaign) => ({ campaign, eligibility: { ...storeEligibility(campaign.minStoreScore, score), storeScore: score } })) };
  }

  async enrol(userId: string, storeId: string, campaignId: string, productId: string): Promise<Enrolment> {
    await this.deps.assertStaff(storeId, userId);
    const c = await this.campaigns.row(campaignId);
    this.assertOpen(c);
    const g = (await this.deps.goods([productId], this.db)).get(productId);
    // Another store's goods are not this store's to enrol: the same answer as goods that do not exist.
    if (!g || g.storeId !== storeId) throw notFound('Product', 'productId');
    const eligibility = storeEligibility(c.min_store_score === null ? null : Number(c.min_store_score), await this.deps.storeScore(storeId));
    if (!eligibility.eligible) throw new AppError('invalid_state', eligibility.reasons[0] === 'no_score' ? 'The campaign needs a store experience score, and this store has none yet' : `The campaign needs a store experience score of at least ${c.min_store_score}`, 'storeId');
    const refusal = goodsRefusal({ categoryIds: c.category_ids, maxPriceFen: c.max_price_fen === null ? null : Number(c.max_price_fen) }, { onSale: g.onSale, categoryPath: await this.deps.categoryPath(g.categoryId), minPriceFen: g.minPriceFen });
    if (refusal) throw new AppError('invalid_state', GOODS_REFUSALS[refusal], 'productId');
    await this.db.tx(async (tx) => {
      // One product's enrolments are decided one at a time, so two campaigns cannot both take it.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`campaigns.product:${productId}`]);
      const locked = await this.campaigns.row(campaignId, tx, true);
      this.assertOpen(locked);
      const [other] = await tx.query<{ id: string; name_zh: string }>(
        `SELECT c.id, c.name_zh FROM campaign_enrolments e JOIN campaigns c ON c.id = e.campaign_id
          WHERE e.product_id = $1 AND e.campaign_id <> $2 AND e.status = 'enrolled' AND c.cancelled_at IS NULL AND c.starts_at < $4::timestamptz AND c.ends_at > $3::timestamptz LIMIT 1`,
        [productId, campaignId, locked.starts_at, locked.ends_at],
      );
      if (other) throw conflict(`These goods are in “${other.name_zh}” (${other.id}) at the same time`, 'productId');
      const [had] = await tx.query<EnrolmentRow>('SELECT * FROM campaign_enrolments WHERE campaign_id = $1 AND product_id = $2 FOR UPDATE', [campaignId, productId]);
      if (had?.status === 'enrolled') throw conflict('These goods are enrolled already', 'productId');
      await tx.query(
        `INSERT INTO campaign_enrolments (campaign_id, product_id, store_id, price_fen, enrolled_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (campaign_id, product_id) DO UPDATE SET status = 'enrolled', reason = NULL, price_fen = EXCLUDED.price_fen, enrolled_by = EXCLUDED.enrolled_by, updated_at = now()`,
        [campaignId, productId, storeId, g.minPriceFen, userId],
      );
      await this.bus.publish(tx, CAMPAIGN_TOPICS.enrolled, { campaignId, productId, storeId, priceFen: g.minPriceFen, by: userId });
      if (locked.live) await this.campaigns.publishBoosts(tx, [productId]);
    });
    return this.one(campaignId, productId);
  }

  async withdraw(userId: string, storeId: string, campaignId: string, productId: string): Promise<Enrolment> {
    await this.deps.assertStaff(storeId, userId);
    await this.campaigns.row(campaignId);
    await this.db.tx(async (tx) => {
      const [e] = await tx.query<EnrolmentRow>('SELECT * FROM campaign_enrolments WHERE campaign_id = $1 AND product_id = $2 AND store_id = $3 FOR UPDATE', [campaignId, productId, storeId]);
      if (!e) throw notFound('Enrolment', 'productId');
      if (e.status === 'withdrawn') throw new AppError('invalid_state', 'These goods are withdrawn already', 'productId');
      await tx.query(`UPDATE campaign_enrolments SET status = 'withdrawn', updated_at = now() WHERE campaign_id = $1 AND product_id = $2`, [campaignId, productId]);
      await this.bus.publish(tx, CAMPAIGN_TOPICS.withdrawn, { campaignId, productId, storeId, by: userId });
      await this.campaigns.publishBoosts(tx, [productId]);
    });
    return this.one(campaignId, productId);
  }

  /** The store's enrolments, newest first, with their campaign and product card. */
  async ofStore(userId: string, storeId: string): Promise<{ items: Enrolment[] }> {
    await this.deps.assertStaff(storeId, userId);
    const rows = await this.db.query<EnrolmentRow>('SELECT * FROM campaign_enrolments WHERE store_id = $1 ORDER BY created_at DESC, product_id LIMIT 500', [storeId]);
    return { items: await this.views(rows) };
  }

  /**
   * Catalog changed a product (in the event's transaction): enrolments in campaigns not over whose
   * price at enrolment is now beaten by a higher lowest price are suspended (price_raised).
   */
  async productChanged(tx: Tx, productId: string): Promise<void> {
    const rows = await tx.query<EnrolmentRow & { live: boolean }>(
      `SELECT e.*, c.live FROM campaign_enrolments e JOIN campaigns c ON c.id = e.campaign_id
        WHERE e.product_id = $1 AND e.status = 'enrolled' AND c.cancelled_at IS NULL AND c.ends_at > $2::timestamptz FOR UPDATE OF e`,
      [productId, this.deps.now()],
    );
    if (rows.length === 0) return;
    const g = (await this.deps.goods([productId], tx)).get(productId);
    if (!g || !g.onSale) return; // off sale: distribution and search drop it anyway; back on sale, the rule applies again
    let changed = false;
    for (const e of rows) {
      if (!priceRaised(Number(e.price_fen), g.minPriceFen)) continue;
      await tx.query(`UPDATE campaign_enrolments SET status = 'suspended', reason = 'price_raised', updated_at = now() WHERE campaign_id = $1 AND product_id = $2`, [e.campaign_id, productId]);
      await this.bus.publish(tx, CAMPAIGN_TOPICS.suspended, { campaignId: e.campaign_id, productId, storeId: e.store_id, reason: 'price_raised', priceFen: Number(e.price_fen), nowPriceFen: g.minPriceFen });
      changed ||= e.live;
    }
    if (changed) await this.campaigns.publishBoosts(tx, [productId]);
  }

  private assertOpen(c: CampaignRow): void {
    const status = statusAt(facts(c), this.deps.now());
    if (status === 'ended' || status === 'cancelled') throw new AppError('invalid_state', `This campaign is ${status}: goods can no longer join it`, 'campaignId');
  }

  private async one(campaignId: string, productId: string): Promise<Enrolment> {
    const rows = await this.db.query<EnrolmentRow>('SELECT * FROM campaign_enrolments WHERE campaign_id = $1 AND product_id = $2', [campaignId, productId]);
    const [v] = await this.views(rows);
    if (!v) throw notFound('Enrolment', 'productId');
    return v;
  }

  private async views(rows: EnrolmentRow[]): Promise<Enrolment[]> {
    const campaignIds = [...new Set(rows.map((r) => r.campaign_id))];
    const campaigns = new Map<string, Campaign>();
    for (const id of campaignIds) campaigns.set(id, await this.campaigns.get(id));
    const cards = new Map((await this.deps.cards([...new Set(rows.map((r) => r.product_id))])).map((c) => [c.id, c]));
    return rows.map((r) => {
      const c = campaigns.get(r.campaign_id)!;
      return {
        campaignId: r.campaign_id, campaignName: c.name, campaignNameEn: c.nameEn, campaignStatus: c.status, productId: r.product_id, storeId: r.store_id, status: r.status, reason: r.reason,
        priceFen: Number(r.price_fen), product: cards.get(r.product_id) ?? null, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
      };
    });
  }
}
