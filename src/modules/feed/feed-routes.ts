// Routes of the feed: content pages, goods, related goods, pool status, distribution settings.
import type { App } from '../../platform/http/server.ts';
import type { FeedHost } from './host.ts';
import type { FeedService } from './service.ts';
import {
  DistributionSettingsSchema, DistributionViewSchema, RetrainResultSchema, FeedPageSchema, FeedQuerySchema, GoodsPageSchema, GoodsQuerySchema, PoolStatusSchema, ProductIdParams, RelatedQuerySchema, VideoIdParams,
} from './feed-schemas.ts';
import { Type } from '@sinclair/typebox';
import { ProductCardSchema } from '../catalog/schemas.ts';

const tags = ['feed'];

export function feedPageRoutes(app: App, feed: FeedService, host: FeedHost): void {
  app.get(
    '/api/v1/feed',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The recommended feed: videos and live rooms on now, each with its product card and why it was served',
        description: 'Pages never repeat what the viewer was shown within the seen window; pass `nextCursor` back for the next page. Anonymous viewers pass `deviceId`.',
        querystring: FeedQuerySchema,
        response: { 200: FeedPageSchema },
      },
    },
    async (req) => feed.page({ userId: req.principal?.userId ?? null, deviceId: req.query.deviceId }, req.query.limit, req.query.cursor),
  );

  app.get(
    '/api/v1/feed/goods',
    { config: { access: 'public' }, schema: { tags, summary: '猜你喜欢: goods recommended for this viewer, with reasons', querystring: GoodsQuerySchema, response: { 200: GoodsPageSchema } } },
    async (req) => feed.goods({ userId: req.principal?.userId ?? null, deviceId: req.query.deviceId }, req.query.limit),
  );

  app.get(
    '/api/v1/products/:productId/related',
    { config: { access: 'public' }, schema: { tags, summary: 'Goods people engage with next to this one', params: ProductIdParams, querystring: RelatedQuerySchema, response: { 200: Type.Object({ items: Type.Array(ProductCardSchema) }) } } },
    async (req) => feed.relatedGoods(req.params.productId, req.query.limit),
  );

  app.get(
    '/api/v1/videos/:videoId/distribution',
    { config: { access: 'user' }, schema: { tags, summary: "The author's view of the video's traffic pool: level, pool size, rates against its peers", params: VideoIdParams, response: { 200: PoolStatusSchema } } },
    async (req) => feed.poolStatus(req.params.videoId, req.principal!.userId),
  );

  app.get(
    '/api/v1/ops/distribution',
    { config: { access: ['operator'] }, schema: { tags: ['ops'], summary: 'Distribution settings (objective values, pools, diversity) and the engine at work', response: { 200: DistributionViewSchema } } },
    async () => ({ ...(await feed.settings()), engine: engineView(host) }),
  );

  app.put(
    '/api/v1/ops/distribution',
    { config: { access: ['operator'] }, schema: { tags: ['ops'], summary: 'Change the objective values, pool thresholds and diversity rules (applied at once)', body: DistributionSettingsSchema, response: { 200: DistributionViewSchema } } },
    async (req) => ({ ...(await feed.updateSettings(req.body, req.principal!.userId)), engine: engineView(host) }),
  );

  app.post(
    '/api/v1/ops/distribution/retrain',
    { config: { access: ['operator'] }, schema: { tags: ['ops'], summary: 'Retrain the engine’s models on the signals so far now (each engine on a worker thread), and serve from them', response: { 200: RetrainResultSchema } } },
    async () => host.retrain(),
  );
}

function engineView(host: FeedHost) {
  let videos = 0;
  let liveRooms = 0;
  for (const st of host.content.items.values()) {
    if (st.item.kind === 'live') liveRooms++;
    else videos++;
  }
  return {
    videos,
    liveRooms,
    goods: host.goods.items.size,
    viewers: host.content.viewers.size,
    signals: host.content.stats.signals + host.goods.stats.signals,
    modelUpdates: host.content.models.updates,
    models: host.content.models.describe(),
    trained: host.trained(),
  };
}
