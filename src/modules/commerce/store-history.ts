// What a shopper already did at a store (你与本店 on the store page): how many orders they paid
// there (paid or later, not cancelled), when they last paid one, and the goods they bought most
// recently. Only the caller's own orders are read; the goods are shown as catalog's product cards.
import { Type, type Static } from '@sinclair/typebox';
import type { Db } from '../../platform/db/index.ts';
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import type { ProductCard } from '../catalog/cards.ts';
import { ProductCardSchema } from '../catalog/schemas.ts';

export const StoreHistorySchema = Type.Object({
  storeId: Type.String(),
  /** The caller's orders at this store that were paid (and maybe shipped, delivered, completed); cancelled ones don't count. */
  ordersCount: Type.Integer(),
  /** When the latest of them was paid; null when there is none. */
  lastOrderAt: Type.Union([Type.String(), Type.Null()]),
  /** Up to 4 of the goods bought in them, most recently bought first (each once). */
  lastProducts: Type.Array(ProductCardSchema),
});
export type StoreHistory = Static<typeof StoreHistorySchema>;

/** What the history needs from catalog. */
export interface StoreHistoryDeps {
  /** Throws a 404 problem unless the store exists and is open to shoppers. */
  assertStoreOpen(storeId: string): Promise<void>;
  cards(ids: string[]): Promise<ProductCard[]>;
}

/** Statuses an order reaches only after it was paid (cancelled is never one of them). */
const BOUGHT = ['paid', 'shipped', 'delivered', 'completed'];
const LAST_PRODUCTS = 4;

export class StoreHistoryService {
  constructor(
    private readonly db: Db,
    private readonly deps: StoreHistoryDeps,
  ) {}

  async of(userId: string, storeId: string): Promise<StoreHistory> {
    await this.deps.assertStoreOpen(storeId);
    const [sum] = await this.db.query<{ n: number; last: Date | null }>(
      'SELECT count(*)::int AS n, max(paid_at) AS last FROM orders WHERE user_id = $1 AND store_id = $2 AND status = ANY($3::text[])',
      [userId, storeId, BOUGHT],
    );
    const recent = await this.db.query<{ product_id: string }>(
      `SELECT l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.user_id = $1 AND o.store_id = $2 AND o.status = ANY($3::text[])
        GROUP BY l.product_id ORDER BY max(o.paid_at) DESC, l.product_id LIMIT $4`,
      [userId, storeId, BOUGHT, LAST_PRODUCTS],
    );
    return {
      storeId,
      ordersCount: sum?.n ?? 0,
      lastOrderAt: sum?.last ? new Date(sum.last).toISOString() : null,
      lastProducts: await this.deps.cards(recent.map((r) => r.product_id)),
    };
  }
}

export function storeHistoryRoutes(app: App, history: StoreHistoryService): void {
  app.get(
    '/api/v1/me/stores/:storeId/history',
    { config: { access: 'user' }, schema: { tags: ['commerce'], summary: 'What I did at a store: orders paid there and the goods I bought last', params: Strict({ storeId: Id() }), response: { 200: StoreHistorySchema } } },
    async (req) => history.of(requirePrincipal(req).userId, req.params.storeId),
  );
}
