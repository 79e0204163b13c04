// Bad-input table: short videos (create, upload, edit, delete, like, view) and their media.
import { expect } from 'vitest';
import type { Video } from '../../../src/modules/content/schemas.ts';
import type { Client, TestPlatform } from '../../support/platform.ts';
import { makeVideo, dropVideo } from '../../support/media.ts';
import { bodyAt, bodyWithout, paramAt, queryAt, type BadCase, type RouteEntry, type Who } from '../../support/route-table.ts';
import { PAGE_CASES, form, fx, long, type Fixtures } from './kit.ts';

const nonAuthors: Who[] = ['shopper', 'operator'];
const mp4Blob = (buf: Buffer) => new Blob([new Uint8Array(buf)], { type: 'video/mp4' });

/** Videos of the merchant: one waiting for its file, one ready, one to delete; a small clip to upload. */
export async function contentFixtures(t: TestPlatform, c: { merchant: Client }): Promise<Pick<Fixtures, 'videos'>> {
  const clip = await makeVideo({ seconds: 2, width: 160, height: 288 });
  const create = async (title: string) => (await c.merchant.post<Video>('/api/v1/videos', { title })).body.id;
  const ready = await create('已就绪');
  expect((await c.merchant.put(`/api/v1/videos/${ready}/source`, form([['file', mp4Blob(clip.data), 'a.mp4']]))).status).toBe(202);
  expect(await t.platform.services.transcoder.run(ready, 1)).toBe('ready');
  const videos = { awaiting: await create('待上传'), ready, toDelete: await create('待删除'), clip: clip.data };
  await dropVideo(clip);
  return { videos };
}

const VIDEO_CASES = (): BadCase[] => [
  bodyAt('title', '', 'out-of-range'),
  bodyAt('title', long(101), 'out-of-range'),
  bodyAt('title', 42, 'malformed'),
  bodyAt('tags', ['#好物'], 'malformed', 'tags.0'),
  bodyAt('tags', ['好物', '好物'], 'malformed'),
  bodyAt('tags', Array.from({ length: 11 }, (_, i) => `t${i}`), 'out-of-range'),
  bodyAt('tags', [long(21)], 'out-of-range', 'tags.0'),
  bodyAt('topic', long(31), 'out-of-range'),
  bodyAt('description', long(1001), 'out-of-range'),
  bodyAt('productIds', ['prd-1'], 'malformed', 'productIds.0'),
  { name: 'a product that does not exist', kind: 'not-found', body: (b) => ({ ...b, productIds: ['prd_0000000000zzzzzzzzzz'] }), expect: { status: 404, code: 'not_found', field: 'productIds.0' } },
];
const FOREIGN_GOODS: BadCase = { name: "goods the author does not sell (another store's)", kind: 'auth', who: 'other', body: (b) => ({ ...b, productIds: [fx.productA.id] }), expect: { status: 403, code: 'forbidden', field: 'productIds.0' } };

const upload = () => form([['file', mp4Blob(fx.videos.clip), 'clip.mp4']]);

export const CONTENT_ROUTES: RouteEntry[] = [
  {
    method: 'POST',
    url: '/api/v1/videos',
    access: ['creator', 'merchant'],
    who: 'merchant',
    body: () => ({ title: '新品开箱', tags: ['开箱'], topic: '好物', productIds: [fx.productA.id] }),
    ok: 201,
    wrongRole: nonAuthors,
    bad: [...VIDEO_CASES(), FOREIGN_GOODS, bodyWithout('title')],
  },
  {
    method: 'PUT',
    url: '/api/v1/videos/:videoId/source',
    access: ['creator', 'merchant'],
    who: 'merchant',
    params: () => ({ videoId: fx.videos.awaiting }),
    form: upload,
    ok: 202,
    wrongRole: nonAuthors,
    notOwner: ['other'],
    bad: [
      { name: 'a JSON body instead of multipart', kind: 'media-type', body: () => ({ file: 'x' }), expect: { status: 415, code: 'unsupported_media_type', field: 'file' } },
      { name: 'multipart with the video under another name', kind: 'unknown-field', body: () => form([['video', mp4Blob(fx.videos.clip), 'a.mp4']]), expect: { status: 400, code: 'validation_failed', field: 'video' } },
      { name: 'multipart "file" as a text field', kind: 'malformed', body: () => form([['file', 'not a file']]), expect: { status: 400, code: 'validation_failed', field: 'file' } },
      { name: 'multipart with an unknown field', kind: 'unknown-field', body: () => form([['extra', '1'], ['file', mp4Blob(fx.videos.clip), 'a.mp4']]), expect: { status: 400, code: 'validation_failed', field: 'extra' } },
      { name: 'an image named like a video', kind: 'malformed', body: () => form([['file', mp4Blob(fx.png), 'a.mp4']]), expect: { status: 415, code: 'unsupported_media_type', field: 'file' } },
      { name: 'half a video (no index)', kind: 'malformed', body: () => form([['file', mp4Blob(fx.videos.clip.subarray(0, fx.videos.clip.length >> 1)), 'a.mp4']]), expect: { status: 415, code: 'unsupported_media_type', field: 'file' } },
      { name: 'a video that has its file already', kind: 'semantic', params: () => ({ videoId: fx.videos.ready }), expect: { status: 409, code: 'invalid_state', field: 'videoId' } },
    ],
  },
  { method: 'GET', url: '/api/v1/me/videos', access: ['creator', 'merchant'], who: 'merchant', query: () => ({ status: 'ready' }), ok: 200, wrongRole: nonAuthors, bad: [...PAGE_CASES(), queryAt('status', 'done', 'malformed')] },
  {
    method: 'GET',
    url: '/api/v1/videos',
    access: 'public',
    who: 'anon',
    query: () => ({ productId: fx.productA.id }),
    ok: 200,
    bad: [...PAGE_CASES(), queryAt('authorId', 'me', 'malformed'), queryAt('productId', 'prd', 'malformed')],
  },
  {
    method: 'GET',
    url: '/api/v1/videos/:videoId',
    access: 'public',
    who: 'anon',
    params: () => ({ videoId: fx.videos.ready }),
    ok: 200,
    bad: [paramAt('videoId', 'vid_'), { name: "someone else's video without its file", kind: 'not-found', params: () => ({ videoId: fx.videos.awaiting }), expect: { status: 404, code: 'not_found', field: 'videoId' } }],
  },
  {
    method: 'PATCH',
    url: '/api/v1/videos/:videoId',
    access: ['creator', 'merchant'],
    who: 'merchant',
    params: () => ({ videoId: fx.videos.ready }),
    body: () => ({ title: '改个标题', visibility: 'public' }),
    ok: 200,
    wrongRole: nonAuthors,
    notOwner: ['other'],
    bad: [...VIDEO_CASES(), bodyAt('visibility', 'private', 'malformed'), { name: 'an empty change', kind: 'missing-field', body: () => ({}), expect: { status: 400, code: 'validation_failed', field: 'body' } }],
  },
  {
    method: 'DELETE',
    url: '/api/v1/videos/:videoId',
    access: ['creator', 'merchant'],
    who: 'merchant',
    params: () => ({ videoId: fx.videos.toDelete }),
    ok: 204,
    wrongRole: nonAuthors,
    notOwner: ['other'],
    bad: [],
  },
  { method: 'PUT', url: '/api/v1/videos/:videoId/like', access: 'user', who: 'shopper', params: () => ({ videoId: fx.videos.ready }), ok: 200, bad: [{ name: 'a video not published', kind: 'not-found', params: () => ({ videoId: fx.videos.awaiting }), expect: { status: 404, code: 'not_found', field: 'videoId' } }] },
  { method: 'DELETE', url: '/api/v1/videos/:videoId/like', access: 'user', who: 'shopper', params: () => ({ videoId: fx.videos.ready }), ok: 200, bad: [] },
  {
    method: 'POST',
    url: '/api/v1/videos/:videoId/views',
    access: 'public',
    who: 'anon',
    params: () => ({ videoId: fx.videos.ready }),
    body: () => ({ watchMs: 1500 }),
    ok: 204,
    bad: [bodyAt('watchMs', -1, 'out-of-range'), bodyAt('watchMs', 1.5, 'malformed'), bodyAt('watchMs', '1500ms', 'malformed'), bodyAt('watchMs', 6 * 3600 * 1000 + 1, 'out-of-range'), bodyWithout('watchMs')],
  },
  {
    method: 'GET',
    url: '/media/videos/:videoId/:rev/:file',
    access: 'public',
    who: 'anon',
    params: () => ({ videoId: fx.videos.ready, rev: '1', file: 'master.m3u8' }),
    ok: 200,
    bad: [paramAt('rev', '0', 'out-of-range'), paramAt('rev', 'one'), paramAt('file', 'index.html'), { name: 'a revision that is not current', kind: 'not-found', params: { rev: '7' }, expect: { status: 404, code: 'not_found' } }],
  },
  {
    method: 'GET',
    url: '/media/videos/:videoId/:rev/:rendition/:file',
    access: 'public',
    who: 'anon',
    params: () => ({ videoId: fx.videos.ready, rev: '1', rendition: '0', file: 'seg_000.ts' }),
    ok: 200,
    bad: [paramAt('rendition', 'a'), paramAt('file', '..%2Fposter.jpg'), paramAt('file', 'seg_1.ts'), { name: 'a segment that does not exist', kind: 'not-found', params: { file: 'seg_999.ts' }, expect: { status: 404, code: 'not_found' } }],
  },
];
