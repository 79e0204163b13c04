// The demo world: a deterministic, Chinese-language world of stores, goods, creators, shoppers,
// agents and an operator, written through the modules' bulk-import services.
import cliProgress from 'cli-progress';
import { seededId } from '../platform/ids.ts';
import { seededRandom } from '../platform/random.ts';
import type { Role } from '../platform/http/access.ts';
import type { Platform } from '../main.ts';
import { CatalogImport, type ImportCategory, type ImportProduct, type ImportStore } from '../modules/catalog/import.ts';
import { ADJECTIVES, CATEGORIES, CREATORS, SHOPPERS, STORES, type LeafSpec } from './data.ts';
import { seedGoodsHistory } from './history-seed.ts';
import { logoSvg, productSvg } from './svg.ts';

export const DEMO_PASSWORD = 'flywheel-demo';
export const DEMO_ACCOUNTS: Array<{ role: Role; email: string; name: string }> = [
  { role: 'shopper', email: 'shopper@demo.flywheel', name: '小美（买家）' },
  { role: 'merchant', email: 'merchant@demo.flywheel', name: '栖木家居官方旗舰店 店主' },
  { role: 'merchant', email: 'rural@demo.flywheel', name: '山野集·云南山货 店主' },
  { role: 'creator', email: 'creator@demo.flywheel', name: '小鱼爱分享（达人）' },
  { role: 'agent', email: 'agent@demo.flywheel', name: '客服小安' },
  { role: 'operator', email: 'ops@demo.flywheel', name: '运营小周' },
];

export async function hasWorld(platform: Pick<Platform, 'services'>): Promise<boolean> {
  return (await platform.services.stores.count()) > 0;
}

export interface WorldStats {
  stores: number;
  products: number;
  skus: number;
  users: number;
  /** Behaviour events of the goods history (the videos' comes when the demo videos are made). */
  events: number;
  eventsMs: number;
  ms: number;
  productsPerSecond: number;
}

const IMAGES_PER_NOUN = 3;
const BATCH = 2000;

export async function createDemoWorld(platform: Pick<Platform, 'db' | 'bus' | 'services'>, opts: { products: number; progress: boolean; seed?: number }): Promise<WorldStats> {
  const t0 = performance.now();
  const { db, bus, services } = platform;
  const importer = new CatalogImport(bus);
  const rand = seededRandom(opts.seed ?? 20261125);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  // Accounts: the printed demo accounts plus one owner per store, creators and shoppers.
  const users: Array<{ id: string; email: string; password: string; displayName: string; roles: Role[] }> = [];
  let uid = 0;
  const addUser = (email: string, displayName: string, roles: Role[]) => {
    const id = seededId('usr', ++uid);
    users.push({ id, email, password: DEMO_PASSWORD, displayName, roles });
    return id;
  };
  const accountIds = DEMO_ACCOUNTS.map((a) => addUser(a.email, a.name, [a.role]));
  const owners = STORES.map((s, i) => (i === 0 ? accountIds[1]! : i === 1 ? accountIds[2]! : addUser(`merchant${i + 1}@demo.flywheel`, `${s.name} 店主`, ['merchant'])));
  CREATORS.slice(1).forEach((name, i) => addUser(`creator${i + 2}@demo.flywheel`, name, ['creator']));
  SHOPPERS.forEach((name, i) => addUser(`shopper${i + 2}@demo.flywheel`, name, ['shopper']));
  addUser('agent2@demo.flywheel', '客服小宁', ['agent']);

  // Categories.
  const categories: ImportCategory[] = [];
  const leaves: Array<{ id: string; root: number; spec: LeafSpec; hue: number }> = [];
  let cid = 0;
  CATEGORIES.forEach((root, ri) => {
    const rootId = seededId('cat', ++cid);
    categories.push({ id: rootId, parentId: null, nameZh: root.zh, nameEn: root.en, sort: ri });
    root.leaves.forEach((leaf, li) => {
      const id = seededId('cat', ++cid);
      categories.push({ id, parentId: rootId, nameZh: leaf.zh, nameEn: leaf.en, sort: li });
      leaves.push({ id, root: ri, spec: leaf, hue: root.hue });
    });
  });

  // Artwork: a few images per kind of goods, shared by the products of that kind.
  const svgs: Array<{ id: string; svg: string; width: number; height: number }> = [];
  const imagesFor = new Map<string, string[]>();
  let iid = 0;
  for (const leaf of leaves) {
    for (const noun of leaf.spec.nouns) {
      const ids: string[] = [];
      for (let v = 0; v < IMAGES_PER_NOUN; v++) {
        const id = seededId('img', ++iid);
        svgs.push({ id, svg: productSvg(noun, leaf.spec.zh, (leaf.hue + v * 37) % 360, v), width: 800, height: 800 });
        ids.push(id);
      }
      imagesFor.set(`${leaf.id}/${noun}`, ids);
    }
  }
  const stores: ImportStore[] = STORES.map((s, i) => {
    const logo = seededId('img', ++iid);
    svgs.push({ id: logo, svg: logoSvg(s.name, (CATEGORIES[s.roots[0]!]!.hue + i * 23) % 360), width: 240, height: 240 });
    return {
      id: seededId('sto', i + 1),
      name: s.name,
      slug: `demo-store-${i + 1}`,
      description: s.rural ? `扎根大山，把家乡的好东西直接送到你家。${s.name}，产地直发。` : `${s.name}：好物精选，七天无理由退货，48小时内发货。`,
      flagship: !!s.flagship,
      rural: !!s.rural,
      logoImageId: logo,
      ownerId: owners[i]!,
    };
  });

  await db.tx(async (tx) => {
    await services.identity.importUsers(tx, users);
    await services.media.saveGeneratedSvg(tx, svgs);
    await importer.categories(tx, categories);
    await importer.stores(tx, stores);
  });
  services.categories.invalidate();
  // Every shopper has a default address, so a first demo checkout goes straight to paying.
  const shoppers = users.filter((x) => x.roles.includes('shopper'));
  await db.tx((tx) =>
    services.addresses.importDefaults(
      tx,
      shoppers.map((u, i) => {
        const [province, city, district, detail] = DEMO_ADDRESSES[i % DEMO_ADDRESSES.length]!;
        return { userId: u.id, address: { recipient: u.displayName.replace(/（.*）/, '').slice(0, 10), phone: `139${String(10_000_000 + i * 7919).padStart(8, '0')}`, province, city, district, detail } };
      }),
    ),
  );

  // Products, in batches of one transaction each.
  const leavesOfStore = STORES.map((s) => leaves.filter((l) => s.roots.includes(l.root)));
  const bar = opts.progress
    ? new cliProgress.SingleBar({ format: 'demo world |{bar}| {value}/{total} products  {rate}/s  eta {eta}s', hideCursor: true, noTTYOutput: !process.stdout.isTTY, notTTYSchedule: 2000 }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(opts.products, 0, { rate: 0 });
  let skuCount = 0;
  let skuSeq = 0;
  let written = 0;
  // Batches are independent, so two are written at once: the next one is generated while
  // PostgreSQL stores the previous (PGlite runs them one after the other anyway).
  const inflight = new Set<Promise<void>>();
  for (let start = 0; start < opts.products; start += BATCH) {
    const batch: ImportProduct[] = [];
    for (let n = start; n < Math.min(opts.products, start + BATCH); n++) {
      const s = n % STORES.length;
      const leaf = pick(leavesOfStore[s]!);
      const noun = pick(leaf.spec.nouns);
      const product = makeProduct(n, stores[s]!, leaf, noun, imagesFor.get(`${leaf.id}/${noun}`)!, rand, pick, () => seededId('sku', ++skuSeq));
      skuCount += product.skus.length;
      batch.push(product);
    }
    const p: Promise<void> = db
      .tx((tx) => importer.products(tx, batch))
      .then(() => {
        written += batch.length;
        bar?.update(written, { rate: Math.round(written / ((performance.now() - t0) / 1000)) });
      })
      .finally(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= 2) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  bar?.stop();
  const productMs = performance.now() - t0;
  // Two weeks of people browsing these goods, so 猜你喜欢 and related goods have reasons at once.
  const history = await seedGoodsHistory(platform);
  const ms = performance.now() - t0;
  return { stores: stores.length, products: opts.products, skus: skuCount, users: users.length, events: history.events, eventsMs: Math.round(history.ms), ms, productsPerSecond: opts.products / (productMs / 1000) };
}

function makeProduct(
  n: number,
  store: ImportStore,
  leaf: { id: string; spec: LeafSpec },
  noun: string,
  images: string[],
  rand: () => number,
  pick: <T>(xs: readonly T[]) => T,
  nextSkuId: () => string,
): ImportProduct {
  const spec = leaf.spec;
  const attrs = Object.entries(spec.attrs).map(([name, values]) => ({ name, value: pick(values) }));
  const origin = attrs.find((a) => a.name === '产地')?.value;
  const detail = attrs[0] && !noun.includes(attrs[0].value) ? attrs[0].value : '';
  const title = [store.rural && origin ? origin : pick(ADJECTIVES), noun, detail, store.flagship ? '官方正品' : ''].filter(Boolean).join(' ').slice(0, 60);
  // Up to two options, each with 2–4 of its values; SKUs are every combination.
  const optionNames = Object.keys(spec.options).slice(0, rand() < 0.25 ? 0 : rand() < 0.6 ? 1 : 2);
  const options = optionNames.map((name) => {
    const all = spec.options[name]!;
    const k = Math.min(all.length, 2 + Math.floor(rand() * 3));
    const offset = Math.floor(rand() * all.length);
    return { name, values: Array.from({ length: k }, (_, i) => all[(offset + i) % all.length]!) };
  });
  const combos = options.reduce<Array<Record<string, string>>>((acc, o) => acc.flatMap((c) => o.values.map((v) => ({ ...c, [o.name]: v }))), [{}]);
  const [lo, hi] = spec.priceYuan;
  const base = Math.round((lo + (hi - lo) * rand() ** 2) * 100);
  const skus = combos.map((optionValues, i) => {
    // Later SKUs cost a little more; prices end in .90 like real shop prices.
    const priceFen = Math.max(190, Math.floor((base * (1 + i * 0.08)) / 100) * 100 + 90);
    return {
      id: nextSkuId(),
      code: `SKU-${n + 1}-${i + 1}`,
      optionValues,
      priceFen,
      listPriceFen: rand() < 0.4 ? Math.round((priceFen * 1.3) / 100) * 100 : null,
      stock: rand() < 0.05 ? 0 : Math.floor(rand() * 500) + 5,
    };
  });
  const imageCount = 1 + Math.floor(rand() * images.length);
  return {
    id: seededId('prd', n + 1),
    storeId: store.id,
    categoryId: leaf.id,
    title,
    description: `${title}。${attrs.map((a) => `${a.name}：${a.value}`).join('，')}。${store.rural ? '产地直发，新鲜到家，助力乡村好物。' : '品质保障，支持七天无理由退货。'}`,
    attributes: attrs,
    options,
    imageIds: images.slice(0, imageCount),
    noReasonReturn: leaf.spec.zh !== '生鲜水果',
    skus,
  };
}

const DEMO_ADDRESSES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['浙江省', '杭州市', '西湖区', '文三路 478 号华星时代广场 A 座 1203'],
  ['上海市', '上海市', '浦东新区', '张杨路 500 号时代广场 18 楼'],
  ['广东省', '深圳市', '南山区', '科技园南区高新南七道 9 号'],
  ['北京市', '北京市', '朝阳区', '望京街 10 号望京 SOHO T1 2306'],
  ['四川省', '成都市', '武侯区', '天府大道北段 1700 号环球中心 W6'],
  ['云南省', '昆明市', '五华区', '翠湖南路 2 号'],
];
