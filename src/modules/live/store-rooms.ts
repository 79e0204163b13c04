// A store's live rooms for its store page (直播 tab): its self-broadcasts (自播, rooms opened for
// the store) on air now first, most recently started first; then the ones coming up, soonest
// first; then ended ones that left a replay, newest first. Ended rooms without a replay have
// nothing left to watch and are left out.
import { Type } from '@sinclair/typebox';
import type { Db } from '../../platform/db/index.ts';
import { Id, PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import type { RoomService } from './rooms.ts';
import { RoomSchema, type Room } from './schemas.ts';

export class StoreRooms {
  constructor(
    private readonly db: Db,
    private readonly rooms: RoomService,
    /** Throws a 404 problem unless the store exists and is open to shoppers (catalog). */
    private readonly assertStoreOpen: (storeId: string) => Promise<void>,
  ) {}

  async list(storeId: string, page: { limit: number; offset: number }): Promise<{ items: Room[]; total: number }> {
    await this.assertStoreOpen(storeId);
    const where = `WHERE store_id = $1 AND (status <> 'ended' OR replay_video_id IS NOT NULL)`;
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM live_rooms ${where}
        ORDER BY CASE status WHEN 'live' THEN 0 WHEN 'scheduled' THEN 1 ELSE 2 END,
                 CASE WHEN status = 'live' THEN started_at END DESC,
                 CASE WHEN status = 'scheduled' THEN COALESCE(scheduled_at, created_at) END,
                 ended_at DESC, id
        LIMIT $2 OFFSET $3`,
      [storeId, page.limit, page.offset],
    );
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM live_rooms ${where}`, [storeId]);
    // views() answers in any order: put them back in ours.
    const views = new Map((await this.rooms.views(rows.map((r) => r.id))).map((r) => [r.id, r]));
    return { items: rows.flatMap((r) => views.get(r.id) ?? []), total };
  }
}

export const StoreRoomPageSchema = Type.Object({ items: Type.Array(RoomSchema), total: Type.Integer() });

export function storeLiveRoutes(app: App, storeRooms: StoreRooms): void {
  app.get(
    '/api/v1/stores/:storeId/live',
    {
      config: { access: 'public' },
      schema: {
        tags: ['live'],
        summary: "A store's live rooms: on air now first, then coming up, then ended ones with a replay",
        params: Strict({ storeId: Id() }),
        querystring: Strict({ ...PageQuery }),
        response: { 200: StoreRoomPageSchema },
      },
    },
    async (req) => storeRooms.list(req.params.storeId, req.query),
  );
}
