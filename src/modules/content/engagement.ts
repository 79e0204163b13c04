// Viewers' signals on videos (likes, views with watch time): counted on the video and published to
// the event log, which the distribution engine learns from.
import type { Db } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { notFound } from '../../platform/errors.ts';
import { isPublic, type VideoService } from './videos.ts';

export const ENGAGEMENT_EVENTS = { liked: 'content.video.liked', viewed: 'content.video.viewed' } as const;

export class VideoEngagement {
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

  /** One play: how long it was watched tells the engine more than the play itself. */
  async view(videoId: string, userId: string | null, watchMs: number): Promise<void> {
    await this.db.tx(async (tx) => {
      const row = await this.videos.row(videoId, tx);
      if (!row || !isPublic(row)) throw notFound('Video', 'videoId');
      await tx.query('UPDATE videos SET view_count = view_count + 1 WHERE id = $1', [videoId]);
      const durationMs = row.duration_ms ?? 0;
      await this.bus.publish(tx, ENGAGEMENT_EVENTS.viewed, { videoId, userId, authorId: row.author_id, watchMs, durationMs, completed: durationMs > 0 && watchMs >= durationMs * 0.9 });
    });
  }
}
