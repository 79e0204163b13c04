// Feed calls: pages of the recommended feed, 猜你喜欢 goods, related goods, a video's traffic pool,
// the operator's distribution settings. Anonymous viewers name their device (see device.ts).
import { request, withQuery } from '../api';
import type { DistributionSettings, DistributionView, FeedPage, GoodsPage, PoolStatus, RelatedGoods, RetrainResult } from '../types';
import { deviceId } from './device';

const enc = encodeURIComponent;

export const feedApi = {
  page: (q: { limit?: number; cursor?: string } = {}) => request<FeedPage>('GET', withQuery('/api/v1/feed', { ...q, deviceId: deviceId() })),
  goods: (limit = 20) => request<GoodsPage>('GET', withQuery('/api/v1/feed/goods', { limit, deviceId: deviceId() })),
  related: (productId: string, limit = 12) => request<RelatedGoods>('GET', withQuery(`/api/v1/products/${enc(productId)}/related`, { limit })),
  pool: (videoId: string) => request<PoolStatus>('GET', `/api/v1/videos/${enc(videoId)}/distribution`),
  distribution: () => request<DistributionView>('GET', '/api/v1/ops/distribution'),
  saveDistribution: (body: DistributionSettings) => request<DistributionView>('PUT', '/api/v1/ops/distribution', body),
  retrain: () => request<RetrainResult>('POST', '/api/v1/ops/distribution/retrain', {}),
};
