// Bad-input table: following creators and comments on videos (content's social routes).
import { expect } from 'vitest';
import type { Comment } from '../../../src/modules/content/social-schemas.ts';
import type { Client } from '../../support/platform.ts';
import { bodyAt, bodyWithout, queryAt, type BadCase, type RouteEntry } from '../../support/route-table.ts';
import { PAGE_CASES, fx, long, type Fixtures } from './kit.ts';

/** A comment of the shopper under the merchant's ready video (deleted by the valid request), and the shopper's id. */
export async function socialFixtures(c: { shopper: Client }): Promise<Pick<Fixtures, 'social'>> {
  const r = await c.shopper.post<Comment>(`/api/v1/videos/${fx.videos.ready}/comments`, { text: '坏输入测试的评论' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const shopperId = (await c.shopper.get<{ id: string }>('/api/v1/me')).body.id;
  return { social: { comment: r.body.id, shopperId } };
}

const NO_CREATOR: BadCase = { name: 'creatorId that names nobody', kind: 'not-found', params: { creatorId: 'usr_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'creatorId' } };
const NOT_A_CREATOR: BadCase = { name: 'a shopper, who publishes nothing', kind: 'not-found', who: 'other', params: () => ({ creatorId: fx.social.shopperId }), expect: { status: 404, code: 'not_found', field: 'creatorId' } };
const UNPUBLISHED: BadCase = { name: 'a video not published', kind: 'not-found', params: () => ({ videoId: fx.videos.awaiting }), expect: { status: 404, code: 'not_found', field: 'videoId' } };
const NO_VIDEO: BadCase = { name: 'videoId that names nothing', kind: 'not-found', params: { videoId: 'vid_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'videoId' } };

const follow = (method: 'PUT' | 'DELETE'): RouteEntry => ({
  method,
  url: '/api/v1/creators/:creatorId/follow',
  access: 'user',
  who: 'shopper',
  params: () => ({ creatorId: fx.userIds.creator }),
  ok: 200,
  bad: [{ name: 'following oneself', kind: 'semantic', who: 'creator', expect: { status: 400, code: 'validation_failed', field: 'creatorId' } }, NOT_A_CREATOR],
  missing: [NO_CREATOR],
});

export const SOCIAL_ROUTES: RouteEntry[] = [
  follow('PUT'),
  follow('DELETE'),
  { method: 'GET', url: '/api/v1/creators/:creatorId', access: 'public', who: 'anon', params: () => ({ creatorId: fx.userIds.creator }), ok: 200, bad: [NOT_A_CREATOR], missing: [NO_CREATOR] },
  { method: 'GET', url: '/api/v1/me/following/creators', access: 'user', who: 'shopper', query: () => ({ limit: '10' }), ok: 200, bad: PAGE_CASES() },
  {
    method: 'POST',
    url: '/api/v1/videos/:videoId/comments',
    access: 'user',
    who: 'shopper',
    params: () => ({ videoId: fx.videos.ready }),
    body: () => ({ text: '拍得真好' }),
    ok: 201,
    bad: [
      bodyAt('text', '', 'out-of-range'),
      bodyAt('text', ' \n\t ', 'semantic'),
      bodyAt('text', long(301), 'out-of-range'),
      bodyAt('text', long(2001), 'out-of-range'),
      bodyAt('text', 42, 'malformed'),
      bodyAt('text', ['好'], 'malformed'),
      bodyWithout('text'),
      bodyAt('parentId', 'cmt_0000000000zzzzzzzzzz', 'unknown-field'),
      UNPUBLISHED,
    ],
    missing: [NO_VIDEO],
  },
  {
    method: 'GET',
    url: '/api/v1/videos/:videoId/comments',
    access: 'public',
    who: 'anon',
    params: () => ({ videoId: fx.videos.ready }),
    query: () => ({ limit: '10' }),
    ok: 200,
    bad: [
      queryAt('limit', '0', 'out-of-range'),
      queryAt('limit', '51', 'out-of-range'),
      queryAt('limit', 'ten', 'malformed'),
      queryAt('cursor', 'not a cursor!', 'malformed'),
      { name: 'a cursor this API never gave out', kind: 'semantic', query: { cursor: 'eHl6' }, expect: { status: 400, code: 'validation_failed', field: 'cursor' } },
      UNPUBLISHED,
    ],
    missing: [NO_VIDEO],
  },
  {
    method: 'DELETE',
    url: '/api/v1/videos/:videoId/comments/:commentId',
    access: 'user',
    who: 'shopper',
    params: () => ({ videoId: fx.videos.ready, commentId: fx.social.comment }),
    ok: 204,
    // Neither its writer nor the video's author.
    notOwner: ['other', 'creator'],
    bad: [{ name: 'the comment under another video', kind: 'not-found', params: () => ({ videoId: fx.videos.awaiting }), expect: { status: 404, code: 'not_found', field: 'videoId' } }],
    missing: [
      NO_VIDEO,
      { name: 'commentId that names nothing', kind: 'not-found', params: { commentId: 'cmt_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'commentId' } },
    ],
  },
];
