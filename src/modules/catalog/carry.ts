// Which goods a user may carry in content (a video's anchors, a live room's bag): their own
// store's goods, and goods in their alliance showcase. One rule for every kind of content.
import { AppError, notFound } from '../../platform/errors.ts';
import type { ProductCards } from './cards.ts';
import type { StoreService } from './stores.ts';

/** Another rule granting goods to carry: of these products, the ones the user may carry. */
export type CarryRule = (userId: string, productIds: string[]) => Promise<Set<string>>;

export class CarryRights {
  private readonly rules: CarryRule[] = [];

  constructor(
    private readonly cards: ProductCards,
    private readonly stores: StoreService,
  ) {}

  /** Adds a rule (the alliance's showcase, wired in main.ts: catalog does not know the alliance). */
  allowAlso(rule: CarryRule): void {
    this.rules.push(rule);
  }

  /** The products among these that the user may carry. */
  async allowed(userId: string, productIds: string[]): Promise<Set<string>> {
    if (productIds.length === 0) return new Set();
    const cards = await this.cards.get(productIds);
    const staffOf = new Set((await this.stores.myStores(userId)).map((s) => s.id));
    const ok = new Set(cards.filter((c) => staffOf.has(c.storeId)).map((c) => c.id));
    const rest = cards.map((c) => c.id).filter((id) => !ok.has(id));
    for (const rule of this.rules) {
      if (rest.length === 0) break;
      for (const id of await rule(userId, rest)) ok.add(id);
    }
    return ok;
  }

  /** 404 naming the first product that does not exist, 403 naming the first the user may not carry. */
  async assert(userId: string, productIds: string[], field = 'productIds'): Promise<void> {
    const found = new Set((await this.cards.get(productIds)).map((c) => c.id));
    const allowed = await this.allowed(userId, productIds);
    productIds.forEach((p, i) => {
      if (!found.has(p)) throw notFound('Product', `${field}.${i}`);
      if (!allowed.has(p)) throw new AppError('forbidden', 'You may only carry your own store’s goods or goods in your showcase (橱窗)', `${field}.${i}`);
    });
  }
}
