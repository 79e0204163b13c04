// Wiring of the campaigns module: catalog answers about goods, categories and stores, experience
// about store scores, through their services. Kept out of main.ts with the rest of src/compose.
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db/index.ts';
import { AppError } from '../platform/errors.ts';
import type { EventBus } from '../platform/events/bus.ts';
import type { Log } from '../platform/log.ts';
import { Campaigns } from '../modules/campaigns/module.ts';
import type { Services } from '../services.ts';

type Needs = Pick<Services, 'stores' | 'products' | 'categories' | 'productCards' | 'experience'>;

export function makeCampaigns(db: Db, bus: EventBus, s: Needs, config: Config, clock: () => Date, log: Log): Campaigns {
  return new Campaigns(db, bus, {
    assertStaff: (storeId, userId) => s.stores.assertStaff(storeId, userId),
    goods: async (ids, q) => {
      const out = new Map<string, { id: string; storeId: string; categoryId: string; minPriceFen: number; onSale: boolean }>();
      for (const id of ids) {
        const p = await s.products.load(id, q).catch((e: unknown) => (e instanceof AppError ? null : Promise.reject(e)));
        if (p) out.set(p.id, { id: p.id, storeId: p.storeId, categoryId: p.categoryId, minPriceFen: p.minPriceFen, onSale: p.status === 'active' });
      }
      return out;
    },
    categoryPath: async (id) => {
      const all = new Map((await s.categories.tree()).flatMap((c) => [c, ...c.children]).map((c) => [c.id, c]));
      const path: string[] = [];
      for (let c = all.get(id); c && !path.includes(c.id); c = c.parentId ? all.get(c.parentId) : undefined) path.push(c.id);
      return path;
    },
    cards: (ids, q) => s.productCards.get(ids, q),
    storeScore: async (storeId) => (await s.experience.scores.current(storeId))?.score ?? null,
    storeNames: async (ids) => new Map((await Promise.all(ids.map((id) => s.stores.get(id).catch(() => null)))).flatMap((st) => (st ? [[st.id, st.name] as const] : []))),
    now: clock,
  }, config.campaigns, log);
}
