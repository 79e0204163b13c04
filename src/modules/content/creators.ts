// Following creators (关注). A creator is a user who may publish content: the author of videos, the
// host of live rooms (accounts with the creator or merchant role). Content owns the follows because
// identity keeps accounts, not creator profiles, and content owns what creators publish; a live
// host is the same user, so one follow covers their videos and their rooms. Mirrors following a
// store (catalog/stores.ts): same answer, same events through the outbox.
import type { Db, Queryable } from '../../platform/db/index.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { Creator, FollowedCreators } from './social-schemas.ts';

export const CREATOR_EVENTS = { followed: 'content.creator.followed', unfollowed: 'content.creator.unfollowed' } as const;

/** What following creators needs from identity (wired in main.ts). */
export interface CreatorDeps {
  /** The account's public name if it may publish content (an active creator or merchant); else null. */
  creator(id: string): Promise<{ id: string; displayName: string } | null>;
  profiles(ids: string[]): Promise<Map<string, { id: string; displayName: string }>>;
}

export class CreatorService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly deps: CreatorDeps,
  ) {}

  /** Follows or unfollows; saying the same twice changes nothing (and publishes nothing). */
  async follow(creatorId: string, userId: string, on: boolean): Promise<{ following: boolean; followerCount: number }> {
    if (creatorId === userId) throw invalid('creatorId', 'You cannot follow yourself');
    // Someone who stopped being a creator can still be unfollowed by those who followed them.
    if (on || !(await this.follows(userId, creatorId))) {
      if (!(await this.deps.creator(creatorId))) throw notFound('Creator', 'creatorId');
    }
    return this.db.tx(async (tx) => {
      const changed = on
        ? await tx.query('INSERT INTO creator_followers (creator_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING creator_id', [creatorId, userId])
        : await tx.query('DELETE FROM creator_followers WHERE creator_id = $1 AND user_id = $2 RETURNING creator_id', [creatorId, userId]);
      if (changed.length) {
        // An unfollow always follows a follow, which made the row (its CHECK would refuse an insert of -1).
        if (on) await tx.query('INSERT INTO creator_stats (creator_id, follower_count) VALUES ($1, 1) ON CONFLICT (creator_id) DO UPDATE SET follower_count = creator_stats.follower_count + 1', [creatorId]);
        else await tx.query('UPDATE creator_stats SET follower_count = follower_count - 1 WHERE creator_id = $1', [creatorId]);
        await this.bus.publish(tx, on ? CREATOR_EVENTS.followed : CREATOR_EVENTS.unfollowed, { creatorId, userId });
      }
      return { following: on, followerCount: await this.followerCount(creatorId, tx) };
    });
  }

  /** A creator's public card: name, followers, and whether this viewer follows them. */
  async profile(creatorId: string, viewerId: string | null): Promise<Creator> {
    const c = await this.deps.creator(creatorId);
    if (!c) throw notFound('Creator', 'creatorId');
    return { id: c.id, name: c.displayName, followerCount: await this.followerCount(creatorId), following: viewerId ? await this.follows(viewerId, creatorId) : false };
  }

  /** The creators a user follows, latest first. */
  async listFollowed(userId: string, page: { limit: number; offset: number }): Promise<FollowedCreators> {
    const rows = await this.db.query<{ creator_id: string; created_at: Date; follower_count: string | null }>(
      `SELECT f.creator_id, f.created_at, s.follower_count FROM creator_followers f LEFT JOIN creator_stats s ON s.creator_id = f.creator_id
        WHERE f.user_id = $1 ORDER BY f.created_at DESC, f.creator_id LIMIT $2 OFFSET $3`,
      [userId, page.limit, page.offset],
    );
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>('SELECT count(*)::int AS total FROM creator_followers WHERE user_id = $1', [userId]);
    const names = await this.deps.profiles(rows.map((r) => r.creator_id));
    return {
      items: rows.map((r) => ({ id: r.creator_id, name: names.get(r.creator_id)?.displayName ?? '', followerCount: Number(r.follower_count ?? 0), followedAt: new Date(r.created_at).toISOString() })),
      total,
    };
  }

  /** Every creator a user follows (for the distribution engine's "following" source). */
  async followedBy(userId: string): Promise<string[]> {
    return (await this.db.query<{ creator_id: string }>('SELECT creator_id FROM creator_followers WHERE user_id = $1', [userId])).map((r) => r.creator_id);
  }

  /** Which of these creators the user follows: one query for a page of the feed. */
  async followedAmong(userId: string, creatorIds: string[]): Promise<Set<string>> {
    if (creatorIds.length === 0) return new Set();
    const rows = await this.db.query<{ creator_id: string }>('SELECT creator_id FROM creator_followers WHERE user_id = $1 AND creator_id = ANY($2::text[])', [userId, creatorIds]);
    return new Set(rows.map((r) => r.creator_id));
  }

  /**
   * Creators for search: authors of at least one public video, with name, followers and public
   * video count; by id after `afterId` a page at a time, or these ids (those with no public video left out).
   */
  async searchFacts(f: { afterId: string | null; limit: number } | { ids: string[] }): Promise<{ id: string; name: string; followerCount: number; videoCount: number }[]> {
    const byIds = 'ids' in f;
    if (byIds && f.ids.length === 0) return [];
    const rows = await this.db.query<{ author_id: string; videos: number; follower_count: string | null }>(
      `SELECT v.author_id, count(*)::int AS videos, max(s.follower_count) AS follower_count
         FROM videos v LEFT JOIN creator_stats s ON s.creator_id = v.author_id
        WHERE v.status = 'ready' AND v.visibility = 'public' AND v.deleted_at IS NULL AND ${byIds ? 'v.author_id = ANY($1::text[])' : '($1::text IS NULL OR v.author_id > $1)'}
        GROUP BY v.author_id ORDER BY v.author_id ${byIds ? '' : 'LIMIT $2'}`,
      byIds ? [f.ids] : [f.afterId, f.limit],
    );
    const names = await this.deps.profiles(rows.map((r) => r.author_id));
    return rows.map((r) => ({ id: r.author_id, name: names.get(r.author_id)?.displayName ?? '', followerCount: Number(r.follower_count ?? 0), videoCount: r.videos }));
  }

  /** Followers of these users now (0 for users nobody follows); in the caller's transaction when given. */
  async followerCounts(ids: readonly string[], q: Queryable = this.db): Promise<Map<string, number>> {
    const out = new Map(ids.map((id) => [id, 0]));
    if (ids.length === 0) return out;
    const rows = await q.query<{ creator_id: string; follower_count: number }>('SELECT creator_id, follower_count FROM creator_stats WHERE creator_id = ANY($1::text[])', [ids]);
    for (const r of rows) out.set(r.creator_id, Number(r.follower_count));
    return out;
  }

  private async follows(userId: string, creatorId: string): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM creator_followers WHERE creator_id = $1 AND user_id = $2', [creatorId, userId])).length > 0;
  }

  private async followerCount(creatorId: string, q: Queryable = this.db): Promise<number> {
    const [row] = await q.query<{ follower_count: string }>('SELECT follower_count FROM creator_stats WHERE creator_id = $1', [creatorId]);
    return Number(row?.follower_count ?? 0);
  }
}
