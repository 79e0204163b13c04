// The demo world's campaign, once per world: the operator's 山货上行 support programme (rural goods,
// active from now for 90 days, a ×1.3 reach boost), and the rural demo stores' owners enrol a few
// of their goods on sale in it — all through the campaigns module's services, as the operator and
// the owners would, so distribution and search learn the boosts from its events. The mall home then
// shows the campaign strip, and those goods their badge and the campaign pool's reach.
import type { Platform } from '../main.ts';
import { CATEGORIES, STORES } from './data.ts';
import { storeOwnerEmail } from './alliance.ts';

const GOODS_PER_STORE = 4;
const DAY = 86_400_000;

export interface DemoCampaignStats {
  campaigns: number;
  enrolled: number;
  ms: number;
  skipped?: string;
}

export async function seedDemoCampaigns(platform: Pick<Platform, 'services'>): Promise<DemoCampaignStats> {
  const t0 = performance.now();
  const { identity, stores, products, categories, campaigns } = platform.services;
  const stats: DemoCampaignStats = { campaigns: 0, enrolled: 0, ms: 0 };
  const done = (skipped?: string): DemoCampaignStats => ({ ...stats, ms: performance.now() - t0, ...(skipped ? { skipped } : {}) });
  const ops = await identity.findByEmail('ops@demo.flywheel');
  if (!ops) return done('no demo operator');
  if ((await campaigns.service.list({ limit: 1, offset: 0 })).total > 0) return done('there are campaigns already');
  const rural = (await categories.tree()).find((c) => c.nameZh === CATEGORIES[7]!.zh);
  if (!rural) return done('no rural-goods category');
  const now = Date.now();
  const programme = await campaigns.service.create(ops.id, {
    kind: 'programme', name: '山货上行', nameEn: 'Rural goods go to town', description: '助力乡村好物：山货特产产地直发，活动期间获得平台流量扶持。',
    startsAt: new Date(now).toISOString(), endsAt: new Date(now + 90 * DAY).toISOString(), categoryIds: [rural.id], boost: 1.3,
  });
  stats.campaigns++;
  const leaves = new Set([rural.id, ...rural.children.map((c) => c.id)]);
  const demoStores = new Map((await stores.list({ limit: 100, offset: 0 })).items.map((s) => [s.slug, s]));
  for (const [i, spec] of STORES.entries()) {
    const store = demoStores.get(`demo-store-${i + 1}`);
    const owner = spec.rural && store ? await identity.findByEmail(storeOwnerEmail(i)) : null;
    if (!owner || !store) continue;
    const goods = (await products.list({ storeId: store.id, status: 'active', limit: 100, offset: 0 })).items.filter((p) => leaves.has(p.categoryId)).slice(0, GOODS_PER_STORE);
    for (const p of goods) {
      await campaigns.enrolments.enrol(owner.id, store.id, programme.id, p.id);
      stats.enrolled++;
    }
  }
  return done();
}
