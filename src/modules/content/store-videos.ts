// A store's videos for its store page (视频 tab): public, ready videos that carry any of the
// store's goods, newest first. Which goods are the store's is catalog's fact, asked through its
// service (injected in main.ts); content only reads its own video ↔ product links.
import { Type } from '@sinclair/typebox';
import type { Db } from '../../platform/db/index.ts';
import { Id, PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import { VideoPageSchema, type Video } from './schemas.ts';
import type { VideoService } from './videos.ts';

/** What a store's video list needs from catalog. */
export interface StoreVideoDeps {
  /** Throws a 404 problem unless the store exists and is open to shoppers. */
  assertStoreOpen(storeId: string): Promise<void>;
  /** Ids of the store's products (any status), by id after `afterId`, a page at a time. */
  productIdsOfStore(storeId: string, afterId: string | null, limit: number): Promise<string[]>;
}

/** How many product ids are asked of catalog at once. */
const ID_PAGE = 2000;

export class StoreVideos {
  constructor(
    private readonly db: Db,
    private readonly videos: VideoService,
    private readonly deps: StoreVideoDeps,
  ) {}

  async list(storeId: string, page: { limit: number; offset: number }, viewerId: string | null): Promise<{ items: Video[]; total: number }> {
    await this.deps.assertStoreOpen(storeId);
    const productIds = await this.allProductIds(storeId);
    if (productIds.length === 0) return { items: [], total: 0 };
    // A video carrying several of the store's goods is listed once (EXISTS, not a join).
    const where = `WHERE v.status = 'ready' AND v.visibility = 'public' AND v.deleted_at IS NULL
      AND EXISTS (SELECT 1 FROM video_products p WHERE p.video_id = v.id AND p.product_id = ANY($1::text[]))`;
    const rows = await this.db.query<{ id: string }>(`SELECT v.id FROM videos v ${where} ORDER BY v.published_at DESC, v.id LIMIT $2 OFFSET $3`, [productIds, page.limit, page.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM videos v ${where}`, [productIds]);
    // viewPublic answers in any order and drops what stopped being public in between: keep ours.
    const views = new Map((await this.videos.viewPublic(rows.map((r) => r.id), viewerId)).map((v) => [v.id, v]));
    return { items: rows.flatMap((r) => views.get(r.id) ?? []), total };
  }

  /**
   * Every product id of the store. A store's catalogue is read whole on each request: fine for
   * stores of thousands of goods; a store of hundreds of thousands would want content to keep the
   * store id beside each video ↔ product link instead (recorded when the link is made).
   */
  private async allProductIds(storeId: string): Promise<string[]> {
    const out: string[] = [];
    for (let after: string | null = null; ; ) {
      const page = await this.deps.productIdsOfStore(storeId, after, ID_PAGE);
      out.push(...page);
      if (page.length < ID_PAGE) return out;
      after = page[page.length - 1]!;
    }
  }
}

export function storeVideoRoutes(app: App, storeVideos: StoreVideos): void {
  app.get(
    '/api/v1/stores/:storeId/videos',
    {
      config: { access: 'public' },
      schema: { tags: ['content'], summary: "A store's videos: published videos that carry its goods, newest first", params: Strict({ storeId: Id() }), querystring: Strict({ ...PageQuery }), response: { 200: VideoPageSchema } },
    },
    async (req) => storeVideos.list(req.params.storeId, req.query, req.principal?.userId ?? null),
  );
}
