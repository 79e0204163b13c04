// Host moderation: mute (may watch, may not comment) and ban (put out, may not come back). Kept
// in the database and mirrored in memory per room, because the hub asks on every comment.
import type { Db } from '../../platform/db/index.ts';
import type { RoomService } from './rooms.ts';

type Kind = 'mute' | 'ban';

export class Sanctions {
  private readonly cache = new Map<string, Map<string, Kind>>();

  constructor(
    private readonly db: Db,
    private readonly rooms: RoomService,
  ) {}

  /** Loads a room's sanctions into memory (before its first viewer joins). */
  async load(roomId: string): Promise<void> {
    if (this.cache.has(roomId)) return;
    const rows = await this.db.query<{ user_id: string; kind: Kind }>('SELECT user_id, kind FROM live_room_sanctions WHERE room_id = $1', [roomId]);
    if (!this.cache.has(roomId)) this.cache.set(roomId, new Map(rows.map((r) => [r.user_id, r.kind])));
  }

  check(roomId: string, userId: string): 'ok' | 'muted' | 'banned' {
    const kind = this.cache.get(roomId)?.get(userId);
    return kind === 'ban' ? 'banned' : kind === 'mute' ? 'muted' : 'ok';
  }

  /** Applies or lifts a sanction; returns what the user's standing is now. */
  async apply(roomId: string, hostId: string, userId: string, action: Kind | 'lift'): Promise<'ok' | 'muted' | 'banned'> {
    await this.rooms.hosted(roomId, hostId);
    await this.load(roomId);
    if (action === 'lift') await this.db.query('DELETE FROM live_room_sanctions WHERE room_id = $1 AND user_id = $2', [roomId, userId]);
    else
      await this.db.query(
        `INSERT INTO live_room_sanctions (room_id, user_id, kind, actor_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (room_id, user_id) DO UPDATE SET kind = EXCLUDED.kind, actor_id = EXCLUDED.actor_id, created_at = now()`,
        [roomId, userId, action, hostId],
      );
    const room = this.cache.get(roomId)!;
    if (action === 'lift') room.delete(userId);
    else room.set(userId, action);
    return this.check(roomId, userId);
  }

  forget(roomId: string): void {
    this.cache.delete(roomId);
  }
}
