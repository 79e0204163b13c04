// Viewers' signals on videos (likes, views with watch time): counted on the video and published to
// the event log, which the distribution engine learns from.
import type { Db } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { notFound } from '../../platform/errors.ts';
import { RateLimiter } from '../../platform/ratelimit.ts';
import { isPublic, type VideoService } from './videos.ts';

export const ENGAGEMENT_EVENTS = { liked: 'content.video.liked', viewed: 'content.video.viewed' } as const;

/** A play is counted once per viewer and video in this window (a looping player reports each loop). */
const VIEW_WINDOW_MS = 30_000;

export class VideoEngagement {
  private readonly views = new RateLimiter(1, VIEW_WINDOW_MS);

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly videos: VideoService,
  ) {}

  /** Likes or unlikes; saying the same twice changes nothing. */
  async like(videoId: string, userId: string, on: boolean): Promise<{ liked: boolean; likeCount: number }> {
    return this.db.tx(async (tx) => {
      const row = await this.videos.row(videoId, tx);
      if (!row || !isPublic(row)) throw notFound('Video', 'videoId');
      const changed = on
        ? await tx.query('INSERT INTO video_likes (video_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING video_id', [videoId, userId])
        : await tx.query('DELETE FROM video_likes WHERE video_id = $1 AND user_id = $2 RETURNING video_id', [videoId, userId]);
      const [v] = await tx.query<{ like_count: string }>('UPDATE videos SET like_count = like_count + $2 WHERE id = $1 RETURNING like_count', [videoId, changed.length * (on ? 1 : -1)]);
      if (changed.length) await this.bus.publish(tx, ENGAGEMENT_EVENTS.liked, { videoId, userId, authorId: row.author_id, on });
      return { liked: on, likeCount: Number(v!.like_count) };
    });
  }

  /**
   * One play: how long it was watched tells the engine more than the play itself. `viewer` is
   * the user, or the client address for anonymous viewers; repeats within the window count nothing.
   */
  async view(videoId: string, viewer: { userId: string | null; address: string }, watchMs: number): Promise<{ counted: boolean }> {
    const userId = viewer.userId;
    const row0 = await this.videos.row(videoId);
    if (!row0 || !isPublic(row0)) throw notFound('Video', 'videoId');
    if (this.views.hit(`${videoId}|${userId ?? `ip:${viewer.address}`}`) > 0) return { counted: false };
    await this.db.tx(async (tx) => {
      const row = await this.videos.row(videoId, tx);
      if (!row || !isPublic(row)) throw notFound('Video', 'videoId');
      await tx.query('UPDATE videos SET view_count = view_count + 1 WHERE id = $1', [videoId]);
      const durationMs = row.duration_ms ?? 0;
      await this.bus.publish(tx, ENGAGEMENT_EVENTS.viewed, { videoId, userId, authorId: row.author_id, watchMs, durationMs, completed: durationMs > 0 && watchMs >= durationMs * 0.9 });
    });
    return { counted: true };
  }
}
