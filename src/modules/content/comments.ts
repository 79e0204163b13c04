// Comments on videos (评论): plain text, newest first in cursor pages, counted on the video in the
// same transaction. Anyone may read the comments of a public video (its author also those of a
// hidden one); signed-in viewers write, at most COMMENT_LIMIT per user per window like the live
// room's chat (accepted comments count, refused ones don't); the commenter or the video's author
// may delete. The text is cleaned like a live comment (line breaks → spaces, control and
// bidirectional-override characters dropped) and stored as text: escaping is the renderer's job.
import type { Db } from '../../platform/db/index.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { ID_PATTERN, newId } from '../../platform/ids.ts';
// Pure helpers of the live chat (no imports of their own), shared so a video comment and a live
// comment are cleaned and limited alike.
import { cleanCommentText } from '../live/comment-text.ts';
import { SlidingWindow } from '../live/hub-support.ts';
import { COMMENT_MAX_CHARS, type Comment, type CommentPage } from './social-schemas.ts';
import { isPublic, type VideoRow, type VideoService } from './videos.ts';

export const COMMENT_EVENTS = { commented: 'content.video.commented', deleted: 'content.video.comment_deleted' } as const;

/** Accepted comments per user per window (across videos). */
export const COMMENT_LIMIT = { perUser: 5, windowMs: 60_000 };

interface CommentRow {
  id: string;
  video_id: string;
  user_id: string;
  text: string;
  created_at: Date;
}

export class VideoComments {
  private readonly window: SlidingWindow;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly videos: VideoService,
    private readonly profiles: (ids: string[]) => Promise<Map<string, { id: string; displayName: string }>>,
    limit = COMMENT_LIMIT,
  ) {
    this.window = new SlidingWindow(limit.perUser, limit.windowMs);
  }

  async post(videoId: string, userId: string, raw: string): Promise<Comment> {
    const cleaned = cleanCommentText(raw, COMMENT_MAX_CHARS);
    if (!cleaned.ok) throw invalid('text', cleaned.code === 'empty' ? 'The comment is empty' : `A comment is at most ${COMMENT_MAX_CHARS} characters`);
    const now = Date.now();
    this.window.sweep(now);
    const wait = this.window.retryAfter(userId, now);
    if (wait > 0) throw new AppError('rate_limited', `You are commenting too fast; try again in ${wait} s`, undefined, undefined, { 'retry-after': String(wait) });
    const id = newId('cmt');
    const row = await this.db.tx(async (tx) => {
      const video = await this.videos.row(videoId, tx);
      if (!video || !isPublic(video)) throw notFound('Video', 'videoId');
      const [c] = await tx.query<CommentRow>('INSERT INTO video_comments (id, video_id, user_id, text) VALUES ($1, $2, $3, $4) RETURNING *', [id, videoId, userId, cleaned.text]);
      await tx.query('UPDATE videos SET comment_count = comment_count + 1 WHERE id = $1', [videoId]);
      await this.bus.publish(tx, COMMENT_EVENTS.commented, { videoId, commentId: id, userId, authorId: video.author_id });
      return c!;
    });
    this.window.accept(userId, now);
    return (await this.view([row], userId, null))[0]!;
  }

  /** Newest first; `cursor` is the last id of the page before (opaque to clients). */
  async list(videoId: string, viewerId: string | null, page: { limit: number; cursor?: string | undefined }): Promise<CommentPage> {
    const video = await this.visible(videoId, viewerId);
    const after = page.cursor ? decodeCursor(page.cursor) : null;
    const rows = await this.db.query<CommentRow>(
      // Byte order ("C"), whatever the database's collation: the cursor compares ids as the index sorts them.
      'SELECT * FROM video_comments WHERE video_id = $1 AND ($2::text IS NULL OR id COLLATE "C" < $2) ORDER BY id COLLATE "C" DESC LIMIT $3',
      [videoId, after, page.limit + 1],
    );
    const more = rows.length > page.limit;
    const items = await this.view(rows.slice(0, page.limit), viewerId, video.author_id);
    return { items, nextCursor: more ? encodeCursor(items[items.length - 1]!.id) : null, total: Number(video.comment_count ?? 0) };
  }

  /** The commenter, or the author of the video, deletes it for good. */
  async remove(videoId: string, commentId: string, userId: string): Promise<void> {
    const video = await this.visible(videoId, userId);
    await this.db.tx(async (tx) => {
      const [c] = await tx.query<CommentRow>('SELECT * FROM video_comments WHERE id = $1 AND video_id = $2 FOR UPDATE', [commentId, videoId]);
      if (!c) throw notFound('Comment', 'commentId');
      if (c.user_id !== userId && video.author_id !== userId) throw forbidden('Only its writer or the video\'s author may delete a comment');
      await tx.query('DELETE FROM video_comments WHERE id = $1', [commentId]);
      await tx.query('UPDATE videos SET comment_count = comment_count - 1 WHERE id = $1', [videoId]);
      await this.bus.publish(tx, COMMENT_EVENTS.deleted, { videoId, commentId, userId: c.user_id, by: userId });
    });
  }

  /** The video, if this viewer may see it (public, or their own): else 404. */
  private async visible(videoId: string, viewerId: string | null): Promise<VideoRow> {
    const video = await this.videos.row(videoId);
    if (!video || (!isPublic(video) && video.author_id !== viewerId)) throw notFound('Video', 'videoId');
    return video;
  }

  private async view(rows: CommentRow[], viewerId: string | null, videoAuthorId: string | null): Promise<Comment[]> {
    const names = await this.profiles([...new Set(rows.map((r) => r.user_id))]);
    return rows.map((r) => ({
      id: r.id,
      videoId: r.video_id,
      author: { id: r.user_id, name: names.get(r.user_id)?.displayName ?? '' },
      text: r.text,
      createdAt: new Date(r.created_at).toISOString(),
      canDelete: viewerId !== null && (r.user_id === viewerId || videoAuthorId === viewerId),
    }));
  }
}

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
function decodeCursor(c: string): string {
  const id = Buffer.from(c, 'base64url').toString();
  if (!new RegExp(ID_PATTERN).test(id)) throw invalid('cursor', 'Not a cursor this API gave out');
  return id;
}
