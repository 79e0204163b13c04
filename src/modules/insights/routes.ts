// Routes of insights: a store's dashboard, content, creators, live minutes and CSV export for its
// staff (403 for anyone else's store) and for operators; a creator's own figures; the platform's
// dashboard for operators. Ranges are China days, both ends included (range.ts).
import { notFound } from '../../platform/errors.ts';
import { requirePrincipal } from '../../platform/http/access.ts';
import type { App } from '../../platform/http/server.ts';
import { toCsv, yuan } from './csv.ts';
import type { Insights } from './module.ts';
import {
  ContentReport,
  CreatorReport,
  Csv,
  definitions,
  ExportQuery,
  ListQuery,
  LiveMinutesSchema,
  MyCreatorDashboard,
  PlatformDashboardSchema,
  RangeQuery,
  RoomParams,
  StoreDashboardSchema,
  StoreParams,
  StoreRoomParams,
} from './schemas.ts';

const tags = ['insights'];
const STORE_DEFS = ['gmv', 'orders', 'buyers', 'aov', 'refunds', 'visitors', 'conversion', 'impressions', 'views', 'fields', 'fact'] as const;
const CONTENT_DEFS = ['impressions', 'views', 'gpm', 'finishRate', 'gmv'] as const;
const PLATFORM_DEFS = ['gmv', 'orders', 'nps', 'refundRate', 'complaintRate', 'pickup24h', 'newCreatorShare', 'scoreDistribution'] as const;

export function insightsRoutes(app: App, insights: Insights): void {
  const staff = (storeId: string, userId: string) => insights.deps.assertStaff(storeId, userId);
  const dashboard = async (storeId: string, q: { from?: string; to?: string }) => ({ ...(await insights.store(storeId, insights.range(q))), definitions: definitions(STORE_DEFS) });

  app.get(
    '/api/v1/merchant/stores/:storeId/insights',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'My store’s dashboard: GMV, orders, buyers, AOV, visitors, conversion, by day, by field and by FACT channel', params: StoreParams, querystring: RangeQuery, response: { 200: StoreDashboardSchema } } },
    async (req) => {
      await staff(req.params.storeId, requirePrincipal(req).userId);
      return dashboard(req.params.storeId, req.query);
    },
  );
  app.get(
    '/api/v1/ops/insights/stores/:storeId',
    { config: { access: ['operator'] }, schema: { tags, summary: 'A store’s dashboard, for operators', params: StoreParams, querystring: RangeQuery, response: { 200: StoreDashboardSchema } } },
    async (req) => {
      if (!(await insights.deps.storeExists(req.params.storeId))) throw notFound('Store', 'storeId');
      return dashboard(req.params.storeId, req.query);
    },
  );
  app.get(
    '/api/v1/merchant/stores/:storeId/insights/content',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'Videos and live rooms that carried or sold my goods: funnel, GPM, watch time, finish rate', params: StoreParams, querystring: ListQuery, response: { 200: ContentReport } } },
    async (req) => {
      await staff(req.params.storeId, requirePrincipal(req).userId);
      const range = insights.range(req.query);
      return { range, items: await insights.content({ storeId: req.params.storeId }, range, req.query.limit ?? 50), definitions: definitions(CONTENT_DEFS) };
    },
  );
  app.get(
    '/api/v1/merchant/stores/:storeId/insights/creators',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'Creators who sold my goods, with their FACT channel', params: StoreParams, querystring: ListQuery, response: { 200: CreatorReport } } },
    async (req) => {
      await staff(req.params.storeId, requirePrincipal(req).userId);
      const range = insights.range(req.query);
      return { range, items: await insights.creators(req.params.storeId, range, req.query.limit ?? 50), definitions: definitions(['fact', 'gmv']) };
    },
  );
  app.get(
    '/api/v1/merchant/stores/:storeId/insights/live/:roomId',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'One of my store’s live rooms minute by minute: viewers and sales', params: StoreRoomParams, response: { 200: LiveMinutesSchema } } },
    async (req) => {
      await staff(req.params.storeId, requirePrincipal(req).userId);
      return insights.live(req.params.roomId, { storeId: req.params.storeId });
    },
  );
  app.get(
    '/api/v1/merchant/stores/:storeId/insights/export',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'CSV of my store’s days, content or creators over a range', params: StoreParams, querystring: ExportQuery, produces: ['text/csv'], response: { 200: Csv } } },
    async (req, reply) => {
      await staff(req.params.storeId, requirePrincipal(req).userId);
      const range = insights.range(req.query);
      const table = req.query.table ?? 'days';
      const csv = await storeCsv(insights, req.params.storeId, range, table);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="insights-${table}-${range.from}-${range.to}.csv"`)
        .send(csv);
    },
  );
  app.get(
    '/api/v1/me/creator/insights',
    { config: { access: ['creator'] }, schema: { tags, summary: 'My sales and views by day, and my videos’ and live rooms’ funnels', querystring: RangeQuery, response: { 200: MyCreatorDashboard } } },
    async (req) => ({ ...(await insights.myCreator(requirePrincipal(req).userId, insights.range(req.query))), definitions: definitions(CONTENT_DEFS) }),
  );
  app.get(
    '/api/v1/me/creator/insights/live/:roomId',
    { config: { access: ['creator'] }, schema: { tags, summary: 'A live room I hosted, minute by minute', params: RoomParams, response: { 200: LiveMinutesSchema } } },
    async (req) => insights.live(req.params.roomId, { hostId: requirePrincipal(req).userId }),
  );
  app.get(
    '/api/v1/ops/insights/platform',
    { config: { access: ['operator'] }, schema: { tags, summary: 'The platform: NPS beside GMV, refund, complaint and 24 h pick-up rates, new-creator exposure, score distribution', querystring: RangeQuery, response: { 200: PlatformDashboardSchema } } },
    async (req) => ({ ...(await insights.platform(insights.range(req.query))), definitions: definitions(PLATFORM_DEFS) }),
  );
  app.get(
    '/api/v1/ops/insights/platform/export',
    { config: { access: ['operator'] }, schema: { tags, summary: 'CSV of the platform’s days', querystring: RangeQuery, produces: ['text/csv'], response: { 200: Csv } } },
    async (req, reply) => {
      const range = insights.range(req.query);
      const p = await insights.platform(range);
      const csv = toCsv(
        ['day', 'gmv_yuan', 'orders', 'refund_yuan', 'complaints', 'nps', 'nps_responses', 'video_impressions', 'new_creator_impressions', 'pickup_due', 'picked_up_24h'],
        p.days.map((d) => [d.day, yuan(d.gmvFen), d.orders, yuan(d.refundFen), d.complaints, d.nps, d.npsResponses, d.impressions, d.newCreatorImpressions, d.pickupDue, d.pickedUp24h]),
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="platform-${range.from}-${range.to}.csv"`).send(csv);
    },
  );
}

async function storeCsv(insights: Insights, storeId: string, range: ReturnType<Insights['range']>, table: 'days' | 'content' | 'creators'): Promise<string> {
  if (table === 'content') {
    const rows = await insights.content({ storeId }, range, 200);
    return toCsv(
      ['type', 'id', 'title', 'creator', 'impressions', 'views', 'product_taps', 'orders', 'paid_orders', 'gmv_yuan', 'gpm_yuan', 'avg_watch_s', 'finish_rate'],
      rows.map((r) => [r.type, r.id, r.title, r.creatorName, r.impressions, r.views, r.productTaps, r.orders, r.paidOrders, yuan(r.gmvFen), yuan(r.gpmFen), r.avgWatchMs === null ? null : Math.round(r.avgWatchMs / 100) / 10, r.finishRate]),
    );
  }
  if (table === 'creators') {
    const rows = await insights.creators(storeId, range, 200);
    return toCsv(['creator_id', 'name', 'channel', 'gmv_yuan', 'orders', 'buyers'], rows.map((r) => [r.creatorId, r.name, r.channel, yuan(r.gmvFen), r.orders, r.buyers]));
  }
  const d = await insights.store(storeId, range);
  return toCsv(
    ['day', 'gmv_yuan', 'orders', 'buyers', 'aov_yuan', 'refund_yuan', 'impressions', 'views', 'product_taps', 'visitors'],
    d.days.map((x) => [x.day, yuan(x.gmvFen), x.orders, x.buyers, yuan(x.aovFen), yuan(x.refundFen), x.impressions, x.views, x.productTaps, x.visitors]),
  );
}
