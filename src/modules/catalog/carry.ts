// Which goods a user may carry in content (a video's anchors, a live room's bag): their own
// store's goods today; the alliance adds showcase goods. One rule for every kind of content.
import { AppError, notFound } from '../../platform/errors.ts';
import type { ProductCards } from './cards.ts';
import type { StoreService } from './stores.ts';

export class CarryRights {
  constructor(
    private readonly cards: ProductCards,
    private readonly stores: StoreService,
  ) {}

  /** The products among these that the user may carry. */
  async allowed(userId: string, productIds: string[]): Promise<Set<string>> {
    if (productIds.length === 0) return new Set();
    const cards = await this.cards.get(productIds);
    const staffOf = new Set((await this.stores.myStores(userId)).map((s) => s.id));
    return new Set(cards.filter((c) => staffOf.has(c.storeId)).map((c) => c.id));
  }

  /** 404 naming the first product that does not exist, 403 naming the first the user may not carry. */
  async assert(userId: string, productIds: string[], field = 'productIds'): Promise<void> {
    const found = new Set((await this.cards.get(productIds)).map((c) => c.id));
    const allowed = await this.allowed(userId, productIds);
    productIds.forEach((p, i) => {
      if (!found.has(p)) throw notFound('Product', `${field}.${i}`);
      if (!allowed.has(p)) throw new AppError('forbidden', 'You may only carry goods you sell (your own store’s)', `${field}.${i}`);
    });
  }
}
