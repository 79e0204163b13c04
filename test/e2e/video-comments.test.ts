// Comments on videos over HTTP: writing (cleaned text, 1–300 characters, a few a minute), reading
// in cursor pages newest first, the count on the video, who may delete, and what a stranger, a
// signed-out viewer or a hidden video gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Video } from '../../src/modules/content/schemas.ts';
import type { Comment, CommentPage } from '../../src/modules/content/social-schemas.ts';
import { dbFingerprint, startTestPlatform, type Client, type TestPlatform } from '../support/platform.ts';
import { dropVideo, makeVideo, videoForm } from '../support/media.ts';

let t: TestPlatform;
let author: Client;
let authorId: string;
let a: Client;
let b: Client;
let video: string;
let hidden: string;

async function ready(title: string): Promise<string> {
  const clip = await makeVideo({ seconds: 2, width: 160, height: 288 });
  const id = (await author.post<Video>('/api/v1/videos', { title })).body.id;
  expect((await author.put(`/api/v1/videos/${id}/source`, videoForm(clip.data))).status).toBe(202);
  await dropVideo(clip);
  for (let i = 0; (await author.get<Video>(`/api/v1/videos/${id}`)).body.status !== 'ready'; i++) {
    if (i > 600) throw new Error('the video never became ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  return id;
}

beforeAll(async () => {
  t = await startTestPlatform({ TRANSCODE_PRESET: 'ultrafast' });
  author = await t.client.register('vc-author@example.com', ['creator'], '作者阿明');
  authorId = (await author.get<{ id: string }>('/api/v1/me')).body.id;
  a = await t.client.register('vc-a@example.com', [], '小甲');
  b = await t.client.register('vc-b@example.com', [], '小乙');
  video = await ready('评论测试');
  hidden = await ready('隐藏的视频');
  expect((await author.patch(`/api/v1/videos/${hidden}`, { visibility: 'hidden' })).status).toBe(200);
}, 180_000);
afterAll(() => t.close());

const count = async () => (await t.client.get<Video>(`/api/v1/videos/${video}`)).body.commentCount;
const url = `/api/v1/videos/:id/comments`;
const path = (id = video) => url.replace(':id', id);

describe('comments on videos', () => {
  let first: Comment;

  it('a signed-in viewer comments: the text is cleaned, the count grows, an event is published', async () => {
    const r = await a.post<Comment>(path(), { text: '  好看！\n下次多拍点\u202E\u0007  ' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ videoId: video, author: { name: '小甲' }, text: '好看！ 下次多拍点', canDelete: true });
    first = r.body;
    expect(await count()).toBe(1);
    const [ev] = await t.platform.db.query<{ payload: Record<string, string> }>(`SELECT payload FROM outbox WHERE topic = 'content.video.commented'`);
    expect(ev?.payload).toMatchObject({ videoId: video, commentId: first.id, authorId });
    // Anyone reads it; only its writer (and the video's author) may delete it.
    const seen = (await t.client.get<CommentPage>(path())).body;
    expect(seen).toMatchObject({ total: 1, nextCursor: null, items: [{ id: first.id, text: '好看！ 下次多拍点', canDelete: false }] });
    expect((await b.get<CommentPage>(path())).body.items[0]?.canDelete).toBe(false);
    expect((await author.get<CommentPage>(path())).body.items[0]?.canDelete).toBe(true);
  });

  it('refuses bad text, strangers, unknown and hidden videos, and changes nothing', async () => {
    const before = await dbFingerprint(t.platform);
    const cases: [Client, string, unknown, number, string | undefined][] = [
      [t.client, path(), { text: '匿名' }, 401, undefined],
      [a, path(), { text: '   \n ' }, 400, 'text'],
      [a, path(), { text: '' }, 400, 'text'],
      [a, path(), { text: '长'.repeat(301) }, 400, 'text'],
      [a, path(), { text: 42 }, 400, 'text'],
      [a, path(), { text: 'hi', html: '<b>' }, 400, 'html'],
      [a, path('vid_0000000000zzzzzzzzzz'), { text: '在吗' }, 404, 'videoId'],
      [a, path(hidden), { text: '在吗' }, 404, 'videoId'],
    ];
    for (const [who, p, body, status, field] of cases) {
      const r = await who.post(p, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      if (field) expect(r.problem.field).toBe(field);
    }
    expect((await a.get(path(hidden))).status).toBe(404);
    expect((await author.get<CommentPage>(path(hidden))).body).toEqual({ items: [], nextCursor: null, total: 0 });
    expect((await t.client.get(`${path()}?cursor=bm9wZQ`)).problem).toMatchObject({ status: 400, field: 'cursor' });
    expect(await dbFingerprint(t.platform)).toEqual(before);
    // Exactly 300 characters (emoji count as one each) is fine.
    const r = await b.post<Comment>(path(), { text: '😀'.repeat(150) + '好'.repeat(150) });
    expect(r.status).toBe(201);
    expect((await b.delete(`${path()}/${r.body.id}`)).status).toBe(204);
  });

  it('lists newest first in cursor pages that neither skip nor repeat', async () => {
    const texts = ['第一条', '第二条', '第三条', '第四条'];
    for (const [i, text] of texts.entries()) expect((await (i % 2 ? a : b).post(path(), { text })).status).toBe(201);
    const seen: Comment[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const r: { body: CommentPage } = await t.client.get<CommentPage>(`${path()}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.body.total).toBe(5);
      expect(r.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...r.body.items);
      cursor = r.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.map((c) => c.text)).toEqual([...texts].reverse().concat('好看！ 下次多拍点'));
    expect(await count()).toBe(5);
  });

  it("lets the writer and the video's author delete, nobody else", async () => {
    const page = (await t.client.get<CommentPage>(path())).body.items;
    const ofB = page.find((c) => c.author.name === '小乙')!;
    expect((await a.delete(`${path()}/${ofB.id}`)).problem).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await t.client.delete(`${path()}/${ofB.id}`)).status).toBe(401);
    expect((await a.delete(`${path()}/cmt_0000000000zzzzzzzzzz`)).problem).toMatchObject({ status: 404, field: 'commentId' });
    // A comment is deleted only under its own video.
    expect((await b.delete(`${path(hidden)}/${ofB.id}`)).status).toBe(404);
    expect(await count()).toBe(5);
    expect((await b.delete(`${path()}/${ofB.id}`)).status).toBe(204);
    expect((await author.delete(`${path()}/${first.id}`)).status).toBe(204);
    expect(await count()).toBe(3);
    const left = (await t.client.get<CommentPage>(path())).body;
    expect(left.total).toBe(3);
    expect(left.items.map((c) => c.id)).not.toContain(first.id);
    expect(left.items.map((c) => c.id)).not.toContain(ofB.id);
    expect((await a.delete(`${path()}/${first.id}`)).status).toBe(404);
  });

  it('limits how fast one user comments (429 with Retry-After); others are not held up', async () => {
    const fast = await t.client.register('vc-fast@example.com');
    for (let i = 0; i < 5; i++) expect((await fast.post(path(), { text: `刷屏 ${i}` })).status).toBe(201);
    const before = await count();
    const r = await fast.post(path(), { text: '还想再说' });
    expect(r.status).toBe(429);
    expect(r.problem.code).toBe('rate_limited');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await count()).toBe(before);
    expect((await a.post(path(), { text: '我还能说' })).status).toBe(201);
  });
});
