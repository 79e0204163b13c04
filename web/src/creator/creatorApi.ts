// Calls of the creator page (/creators/:id): the creator and follow (videoApi's), their public
// videos and their showcase (橱窗). api.ts's errors.
import { ApiError, request, withQuery } from '../api';
import type { CreatorShowcasePage } from '../typesCreator';
import { videoApi } from '../video/videoApi';

const enc = encodeURIComponent;

export const creatorApi = {
  profile: videoApi.creator,
  follow: videoApi.followCreator,
  videos: (creatorId: string, q: { limit?: number; offset?: number } = {}) => videoApi.list({ authorId: creatorId, ...q }),
  /** The showcase; an author who is no creator (a merchant posting their own goods) has none: an empty page. */
  showcase: (creatorId: string, q: { limit?: number; offset?: number } = {}) =>
    request<CreatorShowcasePage>('GET', withQuery(`/api/v1/creators/${enc(creatorId)}/showcase`, q)).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) return { items: [], total: 0, limit: q.limit ?? 20, offset: q.offset ?? 0 };
      throw err;
    }),
};
