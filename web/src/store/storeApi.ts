// Calls of the store page's videos, live rooms and the shopper's history there (api.ts's errors).
import { request, withQuery } from '../api';
import type { PublicScore } from '../typesExperience';
import type { StoreHistory, StoreRoomPage, StoreVideoPage } from '../typesStore';

const enc = encodeURIComponent;

export const storeApi = {
  videos: (storeId: string, q: { limit?: number; offset?: number } = {}) => request<StoreVideoPage>('GET', withQuery(`/api/v1/stores/${enc(storeId)}/videos`, q)),
  live: (storeId: string, q: { limit?: number; offset?: number } = {}) => request<StoreRoomPage>('GET', withQuery(`/api/v1/stores/${enc(storeId)}/live`, q)),
  history: (storeId: string) => request<StoreHistory>('GET', `/api/v1/me/stores/${enc(storeId)}/history`),
  /** 商家体验分 badge: the rounded score, null when not scored. */
  experience: (storeId: string) => request<PublicScore>('GET', `/api/v1/stores/${enc(storeId)}/experience`),
};
