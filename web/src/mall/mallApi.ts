// Calls of the mall pages: the 热卖榜, and a category's goods (browsed through the search API,
// which alone sorts goods by sales; GET /api/v1/products sorts by price and time only).
import { request, withQuery } from '../api';
import type { BestSellerList } from '../typesMall';
import type { SearchResult, SearchSort } from '../typesSearch';

export const mallApi = {
  bestSellers: (q: { categoryId?: string; limit?: number } = {}) => request<BestSellerList>('GET', withQuery('/api/v1/bestsellers', q)),
  categoryGoods: (q: { category: string; sort: SearchSort; page: number; size: number }) => request<SearchResult>('GET', withQuery('/api/v1/search', { ...q, type: 'product' })),
};
