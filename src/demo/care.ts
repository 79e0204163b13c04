// The demo world's service desk (客服), once per world and after the demo orders: the printed
// agents 客服小安 (tier 1, every skill) and 客服小宁 (tier 3, the platform's supervisor) staff the
// platform's desk; every demo store's owner answers for their store (tier 3: they approve their
// own agents' requests). Two conversations are under way at first start: a shopper asks the
// printed merchant's store when a paid order ships and the owner has answered, and another asks
// the help centre about an invoice, which the platform's desk hands to 客服小安. Everything goes
// through the desk's services, as the people themselves would, so routing, SLA timers, events
// and audit follow.
import type { Platform } from '../main.ts';
import type { Principal } from '../platform/http/access.ts';
import { TICKET_CATEGORIES } from '../modules/care/triage/triage.ts';
import { storeOwnerEmail } from './alliance.ts';
import { STORES } from './data.ts';

export interface DemoCareStats {
  agents: number;
  tickets: number;
  ms: number;
  skipped?: string;
}

type CarePlatform = Pick<Platform, 'services'>;

const as = (u: { id: string; displayName: string; roles: Principal['roles'] }): Principal => ({ userId: u.id, roles: u.roles, sessionId: 'demo', displayName: u.displayName });

export async function seedDemoCare(platform: CarePlatform): Promise<DemoCareStats> {
  const t0 = performance.now();
  const { identity, stores, orders, care } = platform.services;
  const stats: DemoCareStats = { agents: 0, tickets: 0, ms: 0 };
  const done = (skipped?: string): DemoCareStats => ({ ...stats, ms: performance.now() - t0, ...(skipped ? { skipped } : {}) });
  const [ops, agent, supervisor] = await Promise.all(['ops@demo.flywheel', 'agent@demo.flywheel', 'agent2@demo.flywheel'].map((e) => identity.findByEmail(e)));
  if (!ops || !agent || !supervisor) return done('no demo agents');
  // Once per world.
  if ((await care.agents.list(null)).length > 0) return done('the desk has agents already');

  await care.addAgent(ops.id, null, { userId: agent.id, tier: 1, skills: [...TICKET_CATEGORIES] });
  await care.addAgent(ops.id, null, { userId: supervisor.id, tier: 3, skills: ['fraud', 'refund', 'other'] });
  stats.agents += 2;
  const demoStores = new Map((await stores.list({ limit: 100, offset: 0 })).items.map((s) => [s.slug, s]));
  let printed: { storeId: string; owner: Principal } | null = null;
  for (const [i] of STORES.entries()) {
    const store = demoStores.get(`demo-store-${i + 1}`);
    const owner = store ? await identity.findByEmail(storeOwnerEmail(i)) : null;
    if (!store || !owner) continue;
    await care.addAgent(owner.id, store.id, { userId: owner.id, tier: 3, skills: ['logistics', 'quality', 'refund', 'wrong_item', 'other'] });
    stats.agents++;
    if (i === 0) printed = { storeId: store.id, owner: as(owner) };
  }

  // A shopper's question on a paid order of the printed merchant's store, answered by the owner.
  if (printed) {
    const [paid] = (await orders.listForStore(printed.storeId, printed.owner.userId, { status: 'paid', limit: 1, offset: 0 })).items;
    const buyer = paid ? await identity.get(paid.userId) : null;
    if (paid && buyer) {
      const { detail } = await care.open(as(buyer), { origin: 'order', orderId: paid.id, text: '你好，我这单什么时候能发货呀？想周末前收到' });
      await care.conversation.post(printed.owner, detail.ticket.id, '亲，您的订单已在打包，今天下午就能发出，周末前可以送到哦～');
      stats.tickets++;
    }
  }
  // A help-centre question waiting for the platform's desk.
  const asker = await identity.findByEmail('shopper3@demo.flywheel');
  if (asker) {
    await care.open(as(asker), { origin: 'help', text: '请问买的东西怎么开发票？需要公司抬头的' });
    stats.tickets++;
  }
  return done();
}
