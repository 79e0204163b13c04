// Short videos: the author's drafts, their product anchors, and what viewers may see. Files live
// under DATA_DIR/media/videos/<id>/; each upload is a new revision, so a transcode that finishes
// for an old upload can never overwrite the new one.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db, Queryable, Tx } from '../../platform/db/index.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { ProductCard } from '../catalog/cards.ts';
import type { Video, VideoInput, VideoPatch, VideoStatus } from './schemas.ts';

export interface VideoRow {
  id: string;
  author_id: string;
  title: string;
  description: string;
  tags: string[];
  topic: string | null;
  status: VideoStatus;
  visibility: 'public' | 'hidden';
  failure_code: Video['failureCode'];
  failure_reason: string | null;
  source_rev: number;
  source_has_audio: boolean | null;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  renditions: Array<{ name: string; width: number; height: number; averageBps: number }>;
  view_count: string | number;
  like_count: string | number;
  comment_count: string | number;
  published_at: Date | null;
  deleted_at: Date | null;
  created_at: Date;
}

/** What content needs from the rest of the platform (catalog, identity; the alliance later). */
export interface ContentDeps {
  cards(ids: string[]): Promise<ProductCard[]>;
  /** Throws unless the user may carry these goods in content (catalog's CarryRights). */
  assertMayCarry(userId: string, productIds: string[]): Promise<void>;
  profiles(ids: string[]): Promise<Map<string, { id: string; displayName: string }>>;
}

export const VIDEO_EVENTS = { published: 'content.video.published', withdrawn: 'content.video.withdrawn' } as const;

export class VideoService {
  readonly dir: string;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly deps: ContentDeps,
    private readonly limits: { maxAnchors: number },
    dataDir: string,
  ) {
    this.dir = join(dataDir, 'media', 'videos');
  }

  async create(authorId: string, input: VideoInput): Promise<Video> {
    const productIds = await this.checkAnchors(authorId, input.productIds ?? []);
    const id = newId('vid');
    await this.db.tx(async (tx) => {
      await tx.query('INSERT INTO videos (id, author_id, title, description, tags, topic) VALUES ($1, $2, $3, $4, $5, $6)', [
        id,
        authorId,
        input.title.trim(),
        input.description ?? '',
        input.tags ?? [],
        input.topic ?? null,
      ]);
      await this.setAnchors(tx, id, productIds);
    });
    return this.get(id, authorId);
  }

  /** A video as this viewer may see it: the author sees their own in any state, others only ready public ones. */
  async get(id: string, viewerId: string | null): Promise<Video> {
    const row = await this.row(id);
    if (!row || (row.author_id !== viewerId && !isPublic(row))) throw notFound('Video', 'videoId');
    return (await this.view([row], viewerId))[0]!;
  }

  async listMine(authorId: string, f: { status?: VideoStatus; limit: number; offset: number }): Promise<{ items: Video[]; total: number }> {
    const where = 'WHERE author_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR status = $2)';
    const rows = await this.db.query<VideoRow>(`SELECT * FROM videos ${where} ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`, [authorId, f.status ?? null, f.limit, f.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM videos ${where}`, [authorId, f.status ?? null]);
    return { items: await this.view(rows, authorId), total };
  }

  /** Ready public videos, newest first; by author or by a product they carry. */
  async listPublic(f: { authorId?: string; productId?: string; limit: number; offset: number }, viewerId: string | null): Promise<{ items: Video[]; total: number }> {
    const where = `WHERE status = 'ready' AND visibility = 'public' AND deleted_at IS NULL AND ($1::text IS NULL OR author_id = $1)
      AND ($2::text IS NULL OR id IN (SELECT video_id FROM video_products WHERE product_id = $2))`;
    const params = [f.authorId ?? null, f.productId ?? null];
    const rows = await this.db.query<VideoRow>(`SELECT * FROM videos ${where} ORDER BY published_at DESC, id LIMIT $3 OFFSET $4`, [...params, f.limit, f.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM videos ${where}`, params);
    return { items: await this.view(rows, viewerId), total };
  }

  async update(id: string, authorId: string, patch: VideoPatch): Promise<Video> {
    const row = await this.owned(id, authorId);
    const productIds = patch.productIds ? await this.checkAnchors(authorId, patch.productIds) : null;
    await this.db.tx(async (tx) => {
      await tx.query(
        `UPDATE videos SET title = COALESCE($2, title), description = COALESCE($3, description), tags = COALESCE($4, tags),
                topic = CASE WHEN $5::boolean THEN $6 ELSE topic END, visibility = COALESCE($7, visibility), updated_at = now() WHERE id = $1`,
        [id, patch.title?.trim() ?? null, patch.description ?? null, patch.tags ?? null, patch.topic !== undefined, patch.topic ?? null, patch.visibility ?? null],
      );
      if (productIds) await this.setAnchors(tx, id, productIds);
      if (patch.visibility && patch.visibility !== row.visibility && row.status === 'ready') {
        if (patch.visibility === 'hidden') await this.bus.publish(tx, VIDEO_EVENTS.withdrawn, { videoId: id, authorId, reason: 'hidden' });
        else await this.publishEvent(tx, id);
      }
    });
    return this.get(id, authorId);
  }

  /** Deletes for good: the row is kept (marked) for the event log's sake, the files go. */
  async remove(id: string, authorId: string): Promise<void> {
    const row = await this.owned(id, authorId);
    await this.db.tx(async (tx) => {
      await tx.query('UPDATE videos SET deleted_at = now(), updated_at = now() WHERE id = $1', [id]);
      await tx.query('DELETE FROM video_products WHERE video_id = $1', [id]);
      if (isPublic(row)) await this.bus.publish(tx, VIDEO_EVENTS.withdrawn, { videoId: id, authorId, reason: 'deleted' });
    });
    await rm(join(this.dir, id), { recursive: true, force: true });
  }

  /** The author's video, not deleted: 404 for missing, 403 for someone else's. */
  async owned(id: string, authorId: string, q: Queryable = this.db): Promise<VideoRow> {
    const row = await this.row(id, q);
    if (!row) throw notFound('Video', 'videoId');
    if (row.author_id !== authorId) throw forbidden('This is not your video');
    return row;
  }

  /** The ids among these of videos viewers may see (ready, public, not deleted): one query for a batch. */
  async publicIds(ids: string[], q: Queryable = this.db): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await q.query<{ id: string }>(`SELECT id FROM videos WHERE id = ANY($1::text[]) AND status = 'ready' AND visibility = 'public' AND deleted_at IS NULL`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** The public videos among these ids, as viewers see them (any order; others left out). */
  async viewPublic(ids: string[], viewerId: string | null): Promise<Video[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<VideoRow>(`SELECT * FROM videos WHERE id = ANY($1::text[]) AND status = 'ready' AND visibility = 'public' AND deleted_at IS NULL`, [ids]);
    return this.view(rows, viewerId);
  }

  /** Public videos for the distribution engine, by id after `afterId`: author, goods, publish time. */
  async feedFacts(afterId: string | null, limit: number): Promise<{ id: string; authorId: string; productIds: string[]; publishedAt: number }[]> {
    const rows = await this.db.query<{ id: string; author_id: string; published_at: Date | null; created_at: Date; product_ids: string[] | null }>(
      `SELECT v.id, v.author_id, v.published_at, v.created_at,
              (SELECT array_agg(p.product_id ORDER BY p.position) FROM video_products p WHERE p.video_id = v.id) AS product_ids
         FROM videos v WHERE v.status = 'ready' AND v.visibility = 'public' AND v.deleted_at IS NULL AND ($1::text IS NULL OR v.id > $1)
        ORDER BY v.id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => ({ id: r.id, authorId: r.author_id, productIds: r.product_ids ?? [], publishedAt: (r.published_at ?? r.created_at).getTime() }));
  }

  /** Public videos for search (title, description, tags, topic, likes), by id after `afterId`, or these ids. */
  async searchFacts(f: { afterId: string | null; limit: number } | { ids: string[] }, q: Queryable = this.db): Promise<{ id: string; authorId: string; title: string; description: string; tags: string[]; topic: string | null; likeCount: number; publishedAt: number }[]> {
    const byIds = 'ids' in f;
    if (byIds && f.ids.length === 0) return [];
    const rows = await q.query<VideoRow>(
      `SELECT * FROM videos WHERE status = 'ready' AND visibility = 'public' AND deleted_at IS NULL AND ${byIds ? 'id = ANY($1::text[])' : '($1::text IS NULL OR id > $1) ORDER BY id LIMIT $2'}`,
      byIds ? [f.ids] : [f.afterId, f.limit],
    );
    return rows.map((r) => ({ id: r.id, authorId: r.author_id, title: r.title, description: r.description, tags: r.tags, topic: r.topic, likeCount: Number(r.like_count), publishedAt: (r.published_at ?? r.created_at).getTime() }));
  }

  /** Who made a video and which goods it carries (the alliance credits sales to its author); null when it is gone. */
  async carrier(id: string, q: Queryable = this.db): Promise<{ creatorId: string; productIds: string[] } | null> {
    const row = await this.row(id, q);
    if (!row) return null;
    const anchors = await q.query<{ product_id: string }>('SELECT product_id FROM video_products WHERE video_id = $1', [id]);
    return { creatorId: row.author_id, productIds: anchors.map((a) => a.product_id) };
  }

  async row(id: string, q: Queryable = this.db): Promise<VideoRow | null> {
    const [row] = await q.query<VideoRow>('SELECT * FROM videos WHERE id = $1 AND deleted_at IS NULL', [id]);
    return row ?? null;
  }

  /** The first time a video is both ready and public it is published; later un-hides publish again. */
  async publishEvent(q: Tx, id: string): Promise<void> {
    const [v] = await q.query<VideoRow>(`UPDATE videos SET published_at = COALESCE(published_at, now()) WHERE id = $1 AND status = 'ready' AND visibility = 'public' RETURNING *`, [id]);
    if (!v) return;
    const anchors = await q.query<{ product_id: string }>('SELECT product_id FROM video_products WHERE video_id = $1 ORDER BY position', [id]);
    const payload = { videoId: id, authorId: v.author_id, productIds: anchors.map((a) => a.product_id), tags: v.tags, topic: v.topic, durationMs: v.duration_ms };
    await this.bus.publish(q, VIDEO_EVENTS.published, payload);
  }

  private async checkAnchors(authorId: string, productIds: string[]): Promise<string[]> {
    if (productIds.length > this.limits.maxAnchors) throw invalid('productIds', `A video carries at most ${this.limits.maxAnchors} products`);
    await this.deps.assertMayCarry(authorId, productIds);
    return productIds;
  }

  private async setAnchors(q: Queryable, id: string, productIds: string[]): Promise<void> {
    await q.query('DELETE FROM video_products WHERE video_id = $1', [id]);
    if (productIds.length === 0) return;
    await q.query('INSERT INTO video_products (video_id, product_id, position) SELECT $1, p, n FROM unnest($2::text[]) WITH ORDINALITY AS t(p, n)', [id, productIds]);
  }

  private async view(rows: VideoRow[], viewerId: string | null): Promise<Video[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const anchors = await this.db.query<{ video_id: string; product_id: string }>('SELECT video_id, product_id FROM video_products WHERE video_id = ANY($1::text[]) ORDER BY position', [ids]);
    const cards = new Map((await this.deps.cards([...new Set(anchors.map((a) => a.product_id))])).map((c) => [c.id, c]));
    const profiles = await this.deps.profiles([...new Set(rows.map((r) => r.author_id))]);
    const liked = viewerId ? new Set((await this.db.query<{ video_id: string }>('SELECT video_id FROM video_likes WHERE user_id = $1 AND video_id = ANY($2::text[])', [viewerId, ids])).map((l) => l.video_id)) : new Set<string>();
    return rows.map((r) => {
      const ready = r.status === 'ready';
      return {
        id: r.id,
        author: { id: r.author_id, name: profiles.get(r.author_id)?.displayName ?? '' },
        title: r.title,
        description: r.description,
        tags: r.tags,
        topic: r.topic,
        status: r.status,
        visibility: r.visibility,
        failureCode: r.failure_code,
        failureReason: r.failure_reason,
        durationMs: r.duration_ms,
        width: r.width,
        height: r.height,
        hlsUrl: ready ? `/media/videos/${r.id}/${r.source_rev}/master.m3u8` : null,
        posterUrl: ready ? `/media/videos/${r.id}/${r.source_rev}/poster.jpg` : null,
        renditions: ready ? r.renditions : [],
        products: anchors.filter((a) => a.video_id === r.id).flatMap((a) => cards.get(a.product_id) ?? []),
        viewCount: Number(r.view_count),
        likeCount: Number(r.like_count),
        commentCount: Number(r.comment_count),
        liked: liked.has(r.id),
        publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
        createdAt: new Date(r.created_at).toISOString(),
      };
    });
  }
}

export const isPublic = (r: Pick<VideoRow, 'status' | 'visibility' | 'deleted_at'>) => r.status === 'ready' && r.visibility === 'public' && !r.deleted_at;
