// The insights module, assembled: its copies of other modules' facts (facts.ts), the tail of the
// behaviour log (traffic.ts), live rooms sampled each minute, and the reports behind its routes.
import type { Db } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { App } from '../../platform/http/server.ts';
import type { Log } from '../../platform/log.ts';
import { contentRows, creatorDays, liveMinutes, storeCreators, type ContentRow, type ContentScope } from './content-report.ts';
import type { InsightsDeps, InsightsPolicy } from './ctx.ts';
import { subscribeFacts } from './facts.ts';
import { gpm } from './attribution.ts';
import { platformDashboard } from './platform-report.ts';
import { addDays, chinaDay, dayStart, minuteOf, parseRange, type DayRange } from './range.ts';
import { insightsRoutes } from './routes.ts';
import { storeDashboard } from './store-report.ts';
import { TrafficTail, type EventLog } from './traffic.ts';

export class Insights {
  readonly traffic: TrafficTail;
  private sampler: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    readonly deps: InsightsDeps,
    readonly policy: InsightsPolicy,
    log: EventLog,
    private readonly logger?: Log,
  ) {
    this.traffic = new TrafficTail(db, log, deps, policy, logger);
  }

  subscribe(bus: EventBus): void {
    subscribeFacts(bus, this.deps, this.policy);
  }

  /** Tails the log and samples live rooms once a minute (call once the platform listens). */
  start(): void {
    this.traffic.start();
    this.sampler ??= setInterval(() => void this.sampleLive().catch((err: unknown) => this.logger?.error({ err }, 'insights: sampling live rooms failed')), 60_000);
    this.sampler.unref();
  }

  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = null;
    await this.traffic.stop();
  }

  /** Records each room on air with its concurrent viewers at this minute (the minute's peak). */
  async sampleLive(now = this.deps.now()): Promise<number> {
    const rooms = await this.deps.onAir();
    if (rooms.size === 0) return 0;
    await this.db.query(
      `INSERT INTO insights_live_minutes (room_id, minute, online) SELECT r, $3::timestamptz, n FROM unnest($1::text[], $2::int[]) AS u(r, n)
       ON CONFLICT (room_id, minute) DO UPDATE SET online = GREATEST(insights_live_minutes.online, EXCLUDED.online)`,
      [[...rooms.keys()], [...rooms.values()], minuteOf(now)],
    );
    return rooms.size;
  }

  range(q: { from?: string; to?: string }): DayRange {
    return parseRange(q, chinaDay(this.deps.now()), { maxDays: this.policy.maxRangeDays, defaultDays: 30 });
  }

  async store(storeId: string, range: DayRange) {
    const [cursor] = await this.db.query<{ updated_at: Date }>("SELECT updated_at FROM insights_cursors WHERE name = 'traffic'");
    return { ...(await storeDashboard(this.db, storeId, range)), trafficAsOf: cursor ? new Date(cursor.updated_at).toISOString() : null };
  }

  async content(scope: ContentScope, range: DayRange, limit: number) {
    return this.named(await contentRows(this.db, scope, range, limit));
  }

  async creators(storeId: string, range: DayRange, limit: number) {
    const rows = await storeCreators(this.db, storeId, range, limit);
    const names = await this.deps.names(rows.map((r) => r.creatorId));
    return rows.map((r) => ({ ...r, name: names.get(r.creatorId) ?? null }));
  }

  async myCreator(creatorId: string, range: DayRange) {
    const days = await creatorDays(this.db, creatorId, range);
    const t = days.reduce((a, d) => ({ gmvFen: a.gmvFen + d.gmvFen, orders: a.orders + d.orders, views: a.views + d.views, impressions: a.impressions + d.impressions }), { gmvFen: 0, orders: 0, views: 0, impressions: 0 });
    return { range, totals: { ...t, gpmFen: gpm(t.gmvFen, t.views) }, days, content: await this.content({ creatorId }, range, 50) };
  }

  /** A live room minute by minute, for the store selling in it (`storeId`) or its host (`hostId`); 404 otherwise. */
  async live(roomId: string, who: { storeId: string } | { hostId: string }) {
    const room = await this.deps.room(roomId);
    const mine = room && ('storeId' in who ? room.storeId === who.storeId : room.hostId === who.hostId);
    if (!mine) throw notFound('Live room', 'roomId');
    const minutes = await liveMinutes(this.db, roomId);
    return {
      roomId,
      minutes,
      totals: { peakOnline: Math.max(0, ...minutes.map((m) => m.online)), viewers: minutes.reduce((a, m) => a + m.viewers, 0), orders: minutes.reduce((a, m) => a + m.orders, 0), gmvFen: minutes.reduce((a, m) => a + m.gmvFen, 0) },
    };
  }

  async platform(range: DayRange) {
    const nps = await this.deps.npsDays(dayStart(range.from), dayStart(addDays(range.to, 1)));
    return platformDashboard(this.db, range, this.deps.now(), nps, await this.deps.scores());
  }

  routes(app: App): void {
    insightsRoutes(app, this);
  }

  private async named(rows: ContentRow[]) {
    const titles = await this.deps.titles(rows.map((r) => ({ type: r.type, id: r.id })));
    const names = await this.deps.names([...new Set(rows.flatMap((r) => (r.creatorId ? [r.creatorId] : [])))]);
    return rows.map((r) => ({ ...r, title: titles.get(`${r.type}:${r.id}`) ?? null, creatorName: r.creatorId ? (names.get(r.creatorId) ?? null) : null }));
  }
}
