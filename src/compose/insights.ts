// Wiring of the insights module: what it asks of the other modules, answered by their services
// (it reads none of their tables). Kept out of main.ts, which holds the rest of the composition.
import type { Config } from '../platform/config.ts';
import type { Db, Queryable } from '../platform/db/index.ts';
import { AppError } from '../platform/errors.ts';
import type { Log } from '../platform/log.ts';
import type { ItemOwner, ItemType } from '../modules/insights/ctx.ts';
import { Insights } from '../modules/insights/module.ts';
import type { Services } from '../services.ts';
import type { RoomService } from '../modules/live/rooms.ts';

type Needs = Pick<Services, 'videos' | 'live' | 'stores' | 'creators' | 'campaigns' | 'experience' | 'productCards' | 'feedEvents'>;

export function makeInsights(db: Db, s: Needs, rooms: RoomService, names: (ids: string[], q?: Queryable) => Promise<Map<string, string>>, config: Config, clock: () => Date, log: Log): Insights {
  const missing = (e: unknown) => (e instanceof AppError ? null : Promise.reject(e));
  return new Insights(
    db,
    {
      carrier: (type, id, q) => (type === 'feed_video' ? s.videos.carrier(id, q) : rooms.carrier(id, q)),
      isStaff: async (storeId, userId, q) => (await s.stores.staffRole(storeId, userId, q)) !== null,
      followers: (ids, q) => s.creators.followerCounts(ids, q),
      campaignOf: (ids, at, q) => s.campaigns.service.campaignOf(ids, at, q),
      owners: (items) => owners(s, rooms, items),
      onAir: async () => new Map((await rooms.liveFacts()).map((r) => [r.id, s.live.hub.viewers(r.id)])),
      assertStaff: (storeId, userId) => s.stores.assertStaff(storeId, userId),
      storeExists: async (storeId) => (await s.stores.get(storeId).catch(missing)) !== null,
      room: async (roomId) => {
        const r = await rooms.row(roomId);
        return r ? { hostId: r.host_id, storeId: r.store_id } : null;
      },
      titles: async (items) => {
        const out = new Map<string, string>();
        for (const i of items) {
          const title = i.type === 'video' ? (await s.videos.row(i.id))?.title : (await rooms.row(i.id))?.title;
          if (title) out.set(`${i.type}:${i.id}`, title);
        }
        return out;
      },
      names: (ids) => names(ids),
      npsDays: async (from, to) => (await s.experience.reports.report({ scope: 'platform', from: from.toISOString(), to: to.toISOString(), bucket: 'day' })).trend.map((t) => ({ day: t.start, nps: t.nps, responses: t.responses, promoters: t.promoters, detractors: t.detractors })),
      scores: async () => {
        const out: Array<number | null> = [];
        for (let offset = 0; ; offset += 200) {
          const page = await s.experience.scores.list({ limit: 200, offset });
          out.push(...page.items.map((r) => r.score));
          if (page.items.length < 200) break;
        }
        // Stores the score has never looked at (too new, no orders yet) are unscored too.
        const stores = await s.stores.count();
        while (out.length < stores) out.push(null);
        return out;
      },
      now: clock,
    },
    config.insights,
    { since: (cursor, limit, except) => s.feedEvents.since(cursor, limit, except) },
    log,
  );
}

/** Store and creator of each item the log names: videos by their author and first goods, rooms by host and store, goods by store. */
async function owners(s: Needs, rooms: RoomService, items: Array<{ type: ItemType; id: string }>): Promise<Map<string, ItemOwner>> {
  const out = new Map<string, ItemOwner>();
  const goods = items.filter((i) => i.type === 'product').map((i) => i.id);
  const videoCarriers = new Map<string, { creatorId: string; productIds: string[] }>();
  for (const v of items.filter((i) => i.type === 'video')) {
    const c = await s.videos.carrier(v.id);
    if (c) videoCarriers.set(v.id, c);
  }
  const firstGoods = [...videoCarriers.values()].flatMap((c) => c.productIds.slice(0, 1));
  // Cards, not feed facts: goods taken off sale still belong to their store.
  const storeOf = new Map((await s.productCards.get([...new Set([...goods, ...firstGoods])])).map((p) => [p.id, p.storeId]));
  for (const id of goods) if (storeOf.has(id)) out.set(`product:${id}`, { storeId: storeOf.get(id)!, creatorId: null });
  for (const [id, c] of videoCarriers) out.set(`video:${id}`, { storeId: c.productIds[0] ? (storeOf.get(c.productIds[0]) ?? null) : null, creatorId: c.creatorId });
  for (const r of items.filter((i) => i.type === 'live')) {
    const row = await rooms.row(r.id);
    if (row) out.set(`live:${r.id}`, { storeId: row.store_id, creatorId: row.host_id });
  }
  return out;
}
