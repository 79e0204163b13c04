// The demo world's alliance (精选联盟), once per world and before the demo orders: every demo
// store's owner offers open commission plans on a few of its goods (5–30%, some with free samples,
// one — the printed demo merchant's — gated by approval), and the printed merchant's store offers
// the printed demo creator a targeted plan with a flat fee; each demo creator then picks 4–8 of
// those goods for their showcase (橱窗), from the categories they make content about. The printed
// creator also applies to the gated plan (the store approves) and has one free-sample request the
// printed merchant has yet to decide. Everything goes through the alliance's services, as the
// owners and creators themselves would, so audit trails, events and the market's copy of catalog
// facts follow; the demo orders (orders.ts) then sell some of these goods through the showcases,
// so the creators have pending commission at first start.
import type { Platform } from '../main.ts';
import type { Product } from '../modules/catalog/model.ts';
import { seededRandom } from '../platform/random.ts';
import { CREATORS, STORES } from './data.ts';

const SEED = 20261128;
/** Open plans per store: two or three of its goods. */
const PLANS_PER_STORE: readonly [number, number] = [2, 3];
/** Goods a demo creator puts in their showcase. */
const SHOWCASE_SIZE: readonly [number, number] = [4, 8];
/** Open plans' rates, in whole percent. */
const RATE_PERCENT: readonly [number, number] = [5, 30];
const FREE_SAMPLES = 0.3;
/** Only goods with this much stock in some SKU get a plan: the demo orders sell them. */
const MIN_STOCK = 30;
/** The newest goods the plans are chosen from. */
const GOODS_PAGE = 6 * STORES.length;
/** The printed demo creator's targeted plan: a little above the open rate, plus ¥3 an order. */
const TARGETED_BONUS_BPS = 500;
const TARGETED_FLAT_FEE_FEN = 300;
/** The root categories (indexes into CATEGORIES) each demo creator makes content about, in CREATORS order. */
const CREATOR_ROOTS: ReadonlyArray<readonly number[]> = [
  [3, 1, 2], // 小鱼爱分享: home, beauty, food
  [2, 3], // 厨房里的老王: food, home
  [7, 2], // 山里的阿妹: rural goods, food
  [0, 1], // 穿搭日记Lily: apparel, beauty
  [4, 6], // 数码测评君: electronics, sports
  [5, 3], // 宝妈小雅: baby & toys, home
];

export const storeOwnerEmail = (i: number): string => (i === 0 ? 'merchant@demo.flywheel' : i === 1 ? 'rural@demo.flywheel' : `merchant${i + 1}@demo.flywheel`);
export const creatorEmail = (i: number): string => (i === 0 ? 'creator@demo.flywheel' : `creator${i + 1}@demo.flywheel`);
/** The demo creators (the printed one first) who exist in this world. */
export async function demoCreatorIds(platform: Pick<Platform, 'services'>): Promise<string[]> {
  const users = await Promise.all(CREATORS.map((_, i) => platform.services.identity.findByEmail(creatorEmail(i))));
  return users.flatMap((u) => (u ? [u.id] : []));
}

export interface DemoAllianceStats {
  /** Plans created (open ones and the targeted one). */
  plans: number;
  stores: number;
  /** Goods added to showcases, over all creators. */
  showcased: number;
  creators: number;
  applications: number;
  samples: number;
  ms: number;
  /** Set when nothing was done, and why. */
  skipped?: string;
}

type AlliancePlatform = Pick<Platform, 'services'>;
interface Offered {
  productId: string;
  storeIndex: number;
  planId: string;
  rateBps: number;
  gated: boolean;
  freeSamples: boolean;
}

/** Seeds the alliance; see the top of this file. Once per world: nothing happens if a plan is on the market. */
export async function seedDemoAlliance(platform: AlliancePlatform, opts: { seed?: number } = {}): Promise<DemoAllianceStats> {
  const t0 = performance.now();
  const { identity, stores, products, alliance, addresses } = platform.services;
  const stats: DemoAllianceStats = { plans: 0, stores: 0, showcased: 0, creators: 0, applications: 0, samples: 0, ms: 0 };
  const done = (skipped?: string): DemoAllianceStats => ({ ...stats, ms: performance.now() - t0, ...(skipped ? { skipped } : {}) });
  const creatorIds = await Promise.all(CREATORS.map(async (_, i) => (await identity.findByEmail(creatorEmail(i)))?.id ?? null));
  const printedCreator = creatorIds[0];
  if (!printedCreator) return done('no demo creator');
  // Once per world: the market shows the printed creator every open plan and every plan naming them.
  if ((await alliance.market.page(printedCreator, { limit: 1, page: 1 })).items.length > 0) return done('the alliance has plans already');

  const rand = seededRandom(opts.seed ?? SEED);
  const between = ([lo, hi]: readonly [number, number]) => lo + Math.floor(rand() * (hi - lo + 1));
  const shuffled = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };

  // The stores' owners offer open plans on a few goods in stock each. One page of the newest goods
  // holds about six of every demo store's (the world deals its goods out to the stores in turn):
  // plenty to choose from, and one query instead of one per store.
  const demoStores = new Map((await stores.list({ limit: 100, offset: 0 })).items.map((s) => [s.slug, s]));
  const inStock = (p: Product) => p.skus.some((s) => s.status === 'active' && s.stock >= MIN_STOCK);
  const page = (await products.list({ status: 'active', limit: GOODS_PAGE, offset: 0 })).items.filter(inStock).sort((a, b) => a.id.localeCompare(b.id));
  const offered: Offered[] = [];
  let printedStore: { id: string; ownerId: string } | null = null;
  for (const [i] of STORES.entries()) {
    const store = demoStores.get(`demo-store-${i + 1}`);
    const owner = store ? await identity.findByEmail(storeOwnerEmail(i)) : null;
    if (!owner || !store) continue;
    if (i === 0) printedStore = { id: store.id, ownerId: owner.id };
    const goods = shuffled(page.filter((p) => p.storeId === store.id)).slice(0, between(PLANS_PER_STORE));
    if (goods.length === 0) continue;
    stats.stores++;
    for (const [k, p] of goods.entries()) {
      // The printed merchant's first plan asks creators to apply; its second offers free samples.
      const gated = i === 0 && k === 0;
      const freeSamples = (i === 0 && k === 1) || rand() < FREE_SAMPLES;
      const rateBps = between(RATE_PERCENT) * 100;
      const plan = await alliance.plans.create(owner.id, store.id, { productId: p.id, kind: 'open', rateBps, ...(gated ? { approvalRequired: true } : {}), ...(freeSamples ? { freeSamples: true } : {}) });
      offered.push({ productId: p.id, storeIndex: i, planId: plan.id, rateBps, gated, freeSamples });
      stats.plans++;
    }
  }

  // The printed merchant's store offers the printed creator a better rate and a flat fee on one of its goods.
  const mine = offered.filter((o) => o.storeIndex === 0);
  const targetedOn = mine.find((o) => !o.gated && !o.freeSamples) ?? mine.find((o) => !o.gated);
  if (printedStore && targetedOn) {
    await alliance.plans.create(printedStore.ownerId, printedStore.id, {
      productId: targetedOn.productId, kind: 'targeted', creatorId: printedCreator, rateBps: Math.min(RATE_PERCENT[1] * 100, targetedOn.rateBps + TARGETED_BONUS_BPS), flatFeeFen: TARGETED_FLAT_FEE_FEN,
    });
    stats.plans++;
  }

  // The printed creator applies to the gated plan, and the store approves.
  const gated = mine.find((o) => o.gated);
  if (printedStore && gated) {
    const application = await alliance.showcase.apply(printedCreator, gated.planId, '粉丝以家居好物为主，想长期合作这款');
    await alliance.showcase.decide(printedStore.ownerId, printedStore.id, application.id, { approve: true });
    stats.applications++;
  }

  // Each creator's showcase: the printed creator's named and approved goods first, then goods of the
  // stores selling what they make content about (then of any store, should those run short).
  const open = offered.filter((o) => !o.gated);
  for (const [c, creatorId] of creatorIds.entries()) {
    if (!creatorId) continue;
    const roots = CREATOR_ROOTS[c] ?? [];
    const themed = open.filter((o) => STORES[o.storeIndex]!.roots.some((r) => roots.includes(r)));
    const first = c === 0 ? [gated, targetedOn].filter((o): o is Offered => !!o) : [];
    const picks = [...new Set([...first, ...shuffled(themed), ...shuffled(open)].map((o) => o.productId))].slice(0, between(SHOWCASE_SIZE));
    for (const productId of picks) await alliance.showcase.add(creatorId, productId);
    stats.showcased += picks.length;
    stats.creators++;
  }

  // The printed creator asks the printed merchant for a free sample, to a default address of their own.
  const sample = mine.find((o) => o.freeSamples && !o.gated);
  if (sample) {
    if ((await addresses.list(printedCreator)).length === 0) {
      await addresses.add(printedCreator, { recipient: '小鱼', phone: '13612345678', province: '上海市', city: '上海市', district: '静安区', detail: '南京西路 1266 号恒隆广场 2 座 3208', isDefault: true });
    }
    await alliance.samples.request(printedCreator, sample.productId, '想拍一条开箱视频，求寄样～');
    stats.samples++;
  }
  return done();
}
