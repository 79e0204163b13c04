// 选品广场: the goods a creator may sell for commission — with a live open plan, or a plan naming
// the caller — with the best rate on offer, price and units sold, filtered and sorted on the
// alliance's own copy of catalog's facts (offers.ts). One page is one bounded query (LIMIT, pages
// capped by the schema) plus one lookup per kind of detail for the page's goods.
import type { Db } from '../../platform/db/index.ts';
import { effectiveRate } from './rates.ts';
import type { MarketFilter, MarketItem } from './schemas.ts';
import { activePlansOf, applicationsOf, approvedIn, type AllianceDeps } from './store.ts';

const ORDER = {
  // The rate is the one in force now, so this order is computed per matching offer (no index can
  // hold a rate that changes with time); category and q narrow it first.
  rate: 'best.rate_bps DESC, o.sold DESC',
  sales: 'o.sold DESC',
  price: 'o.min_price_fen ASC',
} as const;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class Market {
  constructor(
    private readonly db: Db,
    private readonly deps: AllianceDeps,
  ) {}

  async page(creatorId: string, f: MarketFilter): Promise<{ items: MarketItem[]; page: number; limit: number; hasMore: boolean }> {
    const limit = f.limit ?? 20;
    const page = f.page ?? 1;
    const now = this.deps.now();
    const categories = f.categoryId ? await this.deps.categoryWithChildren(f.categoryId) : null;
    const rows = await this.db.query<{ product_id: string; store_id: string; category_id: string; min_price_fen: string | number; sold: number; rate_bps: number }>(
      `SELECT o.product_id, o.store_id, o.category_id, o.min_price_fen, o.sold, best.rate_bps
         FROM alliance_offers o
         CROSS JOIN LATERAL (
           SELECT max(cur.rate_bps) AS rate_bps
             FROM alliance_plans p
             CROSS JOIN LATERAL (
               SELECT r.rate_bps FROM alliance_plan_rates r
                WHERE r.plan_id = p.id AND r.superseded_at IS NULL AND r.effective_at <= $1
                ORDER BY r.effective_at DESC, r.seq DESC LIMIT 1) cur
            WHERE p.product_id = o.product_id AND p.status = 'active' AND (p.kind = 'open' OR p.creator_id = $2)
         ) best
        WHERE o.on_sale AND best.rate_bps IS NOT NULL
          AND ($3::text[] IS NULL OR o.category_id = ANY($3::text[]))
          AND ($4::text IS NULL OR o.title ILIKE $4)
        ORDER BY ${ORDER[f.sort ?? 'rate']}, o.product_id
        LIMIT $5 OFFSET $6`,
      [now, creatorId, categories, f.q ? likePattern(f.q) : null, limit + 1, (page - 1) * limit],
    );
    const hasMore = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    const ids = pageRows.map((r) => r.product_id);
    const [cards, plans, showcased] = await Promise.all([
      this.deps.cards(ids).then((cs) => new Map(cs.map((c) => [c.id, c]))),
      activePlansOf(this.db, ids),
      this.db.query<{ product_id: string }>('SELECT product_id FROM alliance_showcase WHERE creator_id = $1 AND product_id = ANY($2::text[])', [creatorId, ids]).then((rs) => new Set(rs.map((r) => r.product_id))),
    ]);
    const apps = await applicationsOf(this.db, creatorId, [...plans.values()].flat().map((p) => p.row.id));
    const approved = approvedIn(apps);
    const items = pageRows.map((r): MarketItem => {
      const mine = plans.get(r.product_id) ?? [];
      const open = mine.find((p) => p.row.kind === 'open');
      const openRate = open ? effectiveRate([{ ...open.facts, approvalRequired: false }], creatorId, now) : null;
      return {
        productId: r.product_id,
        storeId: r.store_id,
        categoryId: r.category_id,
        card: cards.get(r.product_id) ?? null,
        minPriceFen: Number(r.min_price_fen),
        soldUnits: r.sold,
        rateBps: r.rate_bps,
        openPlan: open && openRate
          ? { planId: open.row.id, rateBps: openRate.rateBps, approvalRequired: open.row.approval_required, freeSamples: open.row.free_samples, myApplication: apps.get(open.row.id) ?? null }
          : null,
        myRate: effectiveRate(mine.map((p) => p.facts), creatorId, now, approved),
        inShowcase: showcased.has(r.product_id),
        experienceScore: null,
      };
    });
    return { items, page, limit, hasMore };
  }
}
