// Live rooms: scheduling, the stream key, the room's life (scheduled → live → ended) as the
// ingest reports streams arriving and dropping, and the state every viewer sees. A dropped
// stream leaves the room live for a grace period, so a host whose network blinks comes back to
// the same room and the same viewers.
import { createHash, randomBytes } from 'node:crypto';
import type { Sealer } from '../../platform/crypto.ts';
import type { Db, Queryable } from '../../platform/db/index.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { ProductCard } from '../catalog/cards.ts';
import type { Coupon, RoomCouponInput } from '../commerce/coupon-schemas.ts';
import type { FlashSaleCard, HostRoom, Room, RoomInput, RoomState, RoomStatus } from './schemas.ts';

export interface RoomRow {
  id: string;
  host_id: string;
  store_id: string | null;
  title: string;
  status: RoomStatus;
  scheduled_at: Date | null;
  started_at: Date | null;
  ended_at: Date | null;
  stream_key_sealed: string;
  stream_connected: boolean;
  stream_sessions: number;
  pinned_product_id: string | null;
  replay_video_id: string | null;
  peak_viewers: number;
  like_count: string | number;
  comment_count: string | number;
}

/** What live rooms need from the rest of the platform (catalog, identity, commerce). */
export interface LiveDeps {
  cards(ids: string[]): Promise<ProductCard[]>;
  /** Throws unless the host may sell these goods (catalog's CarryRights). */
  assertMayCarry(userId: string, productIds: string[]): Promise<void>;
  isStoreStaff(storeId: string, userId: string): Promise<boolean>;
  profiles(ids: string[]): Promise<Map<string, { id: string; displayName: string }>>;
  /** Running and upcoming flash sales of these products. */
  flashSales(productIds: string[]): Promise<FlashSaleCard[]>;
  /** The room's coupons a viewer may claim now. */
  coupons(roomId: string): Promise<Coupon[]>;
  /** Issues a coupon for the store, usable only on orders placed from the room. */
  issueRoomCoupon(actorId: string, storeId: string, roomId: string, terms: RoomCouponInput): Promise<void>;
  /** The product a SKU belongs to, or null. */
  skuProduct(skuId: string): Promise<string | null>;
  /** Starts a flash sale restricted to a room (commerce checks the host is staff of the SKU's store). */
  startFlashSale(actorId: string, input: { skuId: string; priceFen: number; quantity: number; perBuyerLimit: number; startsAt: Date; endsAt: Date; liveRoomId: string }): Promise<void>;
}

export const LIVE_EVENTS = { started: 'live.room.started', ended: 'live.room.ended', interactions: 'live.room.interactions' } as const;

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export class RoomService {
  /** Told when a room's state changed (the hub pushes it), or when a key is revoked (ingest kicks). */
  onChange: (roomId: string) => void = () => {};
  onKeyRevoked: (roomId: string) => void = () => {};
  /** Viewers connected now (the hub knows; 0 until one is wired). */
  viewersNow: (roomId: string) => number = () => 0;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly sealer: Sealer,
    private readonly deps: LiveDeps,
    private readonly ingestUrl: () => string,
  ) {}

  async create(hostId: string, input: RoomInput): Promise<HostRoom> {
    if (input.storeId && !(await this.deps.isStoreStaff(input.storeId, hostId))) throw new AppError('forbidden', 'You may broadcast only for your own store', 'storeId');
    const scheduledAt = input.scheduledAt ? new Date(input.scheduledAt) : null;
    if (scheduledAt && scheduledAt.getTime() < Date.now() - 60_000) throw invalid('scheduledAt', 'The start time is in the past');
    const productIds = await this.checkGoods(hostId, input.productIds ?? []);
    const id = newId('lvr');
    const key = newKey();
    await this.db.tx(async (tx) => {
      await tx.query('INSERT INTO live_rooms (id, host_id, store_id, title, scheduled_at, stream_key_hash, stream_key_sealed) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        id,
        hostId,
        input.storeId ?? null,
        input.title.trim(),
        scheduledAt,
        hashKey(key),
        this.sealer.seal(key),
      ]);
      await setBag(tx, id, productIds);
    });
    return this.hostView(id, hostId);
  }

  async get(roomId: string): Promise<Room> {
    const row = await this.row(roomId);
    if (!row) throw notFound('Live room', 'roomId');
    return (await this.view([row]))[0]!;
  }

  async hostView(roomId: string, hostId: string): Promise<HostRoom> {
    const row = await this.hosted(roomId, hostId);
    return { ...(await this.view([row]))[0]!, ingest: { rtmpUrl: this.ingestUrl(), streamKey: this.sealer.open(row.stream_key_sealed) } };
  }

  async mine(hostId: string): Promise<HostRoom[]> {
    const rows = await this.db.query<RoomRow>('SELECT * FROM live_rooms WHERE host_id = $1 ORDER BY created_at DESC LIMIT 50', [hostId]);
    const views = await this.view(rows);
    return views.map((v, i) => ({ ...v, ingest: { rtmpUrl: this.ingestUrl(), streamKey: this.sealer.open(rows[i]!.stream_key_sealed) } }));
  }

  /** Rooms live now, then the ones coming up, for the 直播 tab. */
  async list(f: { status: 'live' | 'scheduled'; limit: number; offset: number }): Promise<{ items: Room[]; total: number }> {
    const order = f.status === 'live' ? 'peak_viewers DESC, started_at DESC' : 'scheduled_at NULLS LAST, created_at';
    const rows = await this.db.query<RoomRow>(`SELECT * FROM live_rooms WHERE status = $1 ORDER BY ${order}, id LIMIT $2 OFFSET $3`, [f.status, f.limit, f.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>('SELECT count(*)::int AS total FROM live_rooms WHERE status = $1', [f.status]);
    return { items: await this.view(rows), total };
  }

  /** A new key; the old one stops working at once and a stream pushed with it is cut off. */
  /** These rooms as viewers see them (any order; unknown ids left out). */
  async views(ids: string[]): Promise<Room[]> {
    if (ids.length === 0) return [];
    return this.view(await this.db.query<RoomRow>('SELECT * FROM live_rooms WHERE id = ANY($1::text[])', [ids]));
  }

  /**
   * Rooms on now, for the distribution engine: host, store, the bag's goods (the pinned one first:
   * it is what the room is selling now), start time. All of them, or these ids; inside an event
   * handler the handler's transaction is passed (PGlite has one connection).
   */
  async liveFacts(ids?: string[], q: Queryable = this.db): Promise<{ id: string; hostId: string; storeId: string | null; productIds: string[]; startedAt: number }[]> {
    if (ids && ids.length === 0) return [];
    const rows = await q.query<{ id: string; host_id: string; store_id: string | null; started_at: Date | null; created_at: Date; product_ids: string[] | null }>(
      `SELECT r.id, r.host_id, r.store_id, r.started_at, r.created_at,
              (SELECT array_agg(p.product_id ORDER BY (p.product_id = r.pinned_product_id) IS TRUE DESC, p.position) FROM live_room_products p WHERE p.room_id = r.id) AS product_ids
         FROM live_rooms r WHERE r.status = 'live' AND ($1::text[] IS NULL OR r.id = ANY($1::text[])) ORDER BY r.id`,
      [ids ?? null],
    );
    return rows.map((r) => ({ id: r.id, hostId: r.host_id, storeId: r.store_id, productIds: r.product_ids ?? [], startedAt: (r.started_at ?? r.created_at).getTime() }));
  }

  async rotateKey(roomId: string, hostId: string): Promise<HostRoom> {
    const row = await this.hosted(roomId, hostId);
    if (row.status === 'ended') throw new AppError('invalid_state', 'The live has ended', 'roomId');
    const key = newKey();
    await this.db.query('UPDATE live_rooms SET stream_key_hash = $2, stream_key_sealed = $3, updated_at = now() WHERE id = $1', [roomId, hashKey(key), this.sealer.seal(key)]);
    this.onKeyRevoked(roomId);
    return this.hostView(roomId, hostId);
  }

  /** The room a stream key opens, or null: unknown, revoked, or the live is over. */
  async roomForKey(key: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(key)) return null;
    const [row] = await this.db.query<{ id: string }>(`SELECT id FROM live_rooms WHERE stream_key_hash = $1 AND status <> 'ended'`, [hashKey(key)]);
    return row?.id ?? null;
  }

  /** The ingest has the host's stream (again): the room is live. */
  async streamArrived(roomId: string): Promise<void> {
    await this.db.tx(async (tx) => {
      const [row] = await tx.query<RoomRow & { first: boolean }>(
        `UPDATE live_rooms SET status = 'live', started_at = COALESCE(started_at, now()), stream_connected = true, stream_sessions = stream_sessions + 1, updated_at = now()
          WHERE id = $1 AND status <> 'ended' RETURNING *, (stream_sessions = 1) AS first`,
        [roomId],
      );
      if (row?.first) await this.bus.publish(tx, LIVE_EVENTS.started, { roomId, hostId: row.host_id, storeId: row.store_id, title: row.title });
    });
    this.onChange(roomId);
  }

  /** The stream dropped: the room stays live for the grace period (the caller schedules the check). */
  async streamLeft(roomId: string): Promise<void> {
    await this.db.query(`UPDATE live_rooms SET stream_connected = false, last_disconnect_at = now(), updated_at = now() WHERE id = $1 AND status = 'live'`, [roomId]);
    this.onChange(roomId);
  }

  /** Ends the live: by its host, or by the platform when the stream stayed away too long. */
  async end(roomId: string, by: { hostId: string } | 'grace_expired'): Promise<Room> {
    if (by !== 'grace_expired') await this.hosted(roomId, by.hostId);
    const ended = await this.db.tx(async (tx) => {
      const graceOnly = by === 'grace_expired' ? 'AND stream_connected = false' : '';
      const [row] = await tx.query<RoomRow>(`UPDATE live_rooms SET status = 'ended', ended_at = now(), stream_connected = false, updated_at = now() WHERE id = $1 AND status <> 'ended' ${graceOnly} RETURNING *`, [roomId]);
      if (row) await this.bus.publish(tx, LIVE_EVENTS.ended, { roomId, hostId: row.host_id, reason: by === 'grace_expired' ? 'stream_lost' : 'host', sessions: row.stream_sessions, peakViewers: row.peak_viewers });
      return row ?? null;
    });
    if (!ended && by !== 'grace_expired') throw new AppError('invalid_state', 'The live has ended already', 'roomId');
    if (ended) {
      this.onKeyRevoked(roomId);
      this.onChange(roomId);
    }
    return this.get(roomId);
  }

  async setBag(roomId: string, hostId: string, productIds: string[]): Promise<RoomState> {
    const row = await this.hosted(roomId, hostId);
    assertOpen(row);
    await this.checkGoods(hostId, productIds);
    await this.db.tx(async (tx) => {
      await setBag(tx, roomId, productIds);
      if (row.pinned_product_id && !productIds.includes(row.pinned_product_id)) await tx.query('UPDATE live_rooms SET pinned_product_id = NULL WHERE id = $1', [roomId]);
    });
    this.onChange(roomId);
    return this.state(roomId);
  }

  /** Pins the 讲解卡: only a product in the bag. */
  async pin(roomId: string, hostId: string, productId: string | null): Promise<RoomState> {
    assertOpen(await this.hosted(roomId, hostId));
    if (productId) {
      const [inBag] = await this.db.query('SELECT 1 FROM live_room_products WHERE room_id = $1 AND product_id = $2', [roomId, productId]);
      if (!inBag) throw invalid('productId', 'Put the product in the bag first');
    }
    await this.db.query('UPDATE live_rooms SET pinned_product_id = $2, updated_at = now() WHERE id = $1', [roomId, productId]);
    this.onChange(roomId);
    return this.state(roomId);
  }

  /** A flash sale for this room only (its 直播间专享价), on a product in the bag, starting now. */
  async startFlashSale(roomId: string, hostId: string, input: { skuId: string; priceFen: number; quantity: number; perBuyerLimit: number; minutes: number }): Promise<RoomState> {
    assertOpen(await this.hosted(roomId, hostId));
    const productId = await this.deps.skuProduct(input.skuId);
    if (!productId) throw notFound('SKU', 'skuId');
    const [inBag] = await this.db.query('SELECT 1 FROM live_room_products WHERE room_id = $1 AND product_id = $2', [roomId, productId]);
    if (!inBag) throw invalid('skuId', 'Put the product in the bag first');
    const startsAt = new Date();
    await this.deps.startFlashSale(hostId, { skuId: input.skuId, priceFen: input.priceFen, quantity: input.quantity, perBuyerLimit: input.perBuyerLimit, startsAt, endsAt: new Date(startsAt.getTime() + input.minutes * 60_000), liveRoomId: roomId });
    this.onChange(roomId);
    return this.state(roomId);
  }

  /** A coupon for viewers of this room (直播间专享券), funded by the room's store. */
  async issueCoupon(roomId: string, hostId: string, terms: RoomCouponInput): Promise<RoomState> {
    const row = await this.hosted(roomId, hostId);
    assertOpen(row);
    if (!row.store_id) throw new AppError('invalid_state', 'Only a store’s own live room (自播) issues its coupons', 'roomId');
    await this.deps.issueRoomCoupon(hostId, row.store_id, roomId, terms);
    this.onChange(roomId);
    return this.state(roomId);
  }

  async state(roomId: string, row?: RoomRow): Promise<RoomState> {
    const r = row ?? (await this.row(roomId));
    if (!r) throw notFound('Live room', 'roomId');
    const bagIds = (await this.db.query<{ product_id: string }>('SELECT product_id FROM live_room_products WHERE room_id = $1 ORDER BY position', [roomId])).map((b) => b.product_id);
    const bag = await this.deps.cards(bagIds);
    return {
      status: r.status,
      streaming: r.stream_connected,
      hlsUrl: r.status === 'live' ? `/media/live/${roomId}/index.m3u8` : null,
      bag,
      pinned: bag.find((c) => c.id === r.pinned_product_id) ?? null,
      flashSales: r.status === 'ended' ? [] : (await this.deps.flashSales(bagIds)).filter((f) => f.liveRoomId === null || f.liveRoomId === roomId),
      coupons: r.status === 'ended' ? [] : await this.deps.coupons(roomId),
    };
  }

  /** Counters the hub gathered (likes, comments, peak viewers), added in one statement. */
  async addCounts(roomId: string, c: { likes: number; comments: number; viewers: number }): Promise<void> {
    await this.db.query('UPDATE live_rooms SET like_count = like_count + $2, comment_count = comment_count + $3, peak_viewers = GREATEST(peak_viewers, $4) WHERE id = $1', [roomId, c.likes, c.comments, c.viewers]);
  }

  async setReplay(q: Queryable, roomId: string, videoId: string): Promise<void> {
    await q.query('UPDATE live_rooms SET replay_video_id = $2 WHERE id = $1', [roomId, videoId]);
  }

  /** Who hosts a room and which goods are in its bag now (the alliance credits sales to the host); null when unknown. */
  async carrier(roomId: string, q: Queryable = this.db): Promise<{ creatorId: string; productIds: string[] } | null> {
    const row = await this.row(roomId, q);
    if (!row) return null;
    const bag = await q.query<{ product_id: string }>('SELECT product_id FROM live_room_products WHERE room_id = $1', [roomId]);
    return { creatorId: row.host_id, productIds: bag.map((b) => b.product_id) };
  }

  async row(roomId: string, q: Queryable = this.db): Promise<RoomRow | null> {
    const [row] = await q.query<RoomRow>('SELECT * FROM live_rooms WHERE id = $1', [roomId]);
    return row ?? null;
  }

  /** The ids among these that name a room (scheduled, live or ended): one query for a batch. */
  async existingIds(ids: string[], q: Queryable = this.db): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await q.query<{ id: string }>('SELECT id FROM live_rooms WHERE id = ANY($1::text[])', [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** The host's room: 404 when missing, 403 when someone else's. */
  async hosted(roomId: string, hostId: string): Promise<RoomRow> {
    const row = await this.row(roomId);
    if (!row) throw notFound('Live room', 'roomId');
    if (row.host_id !== hostId) throw forbidden('This is not your live room');
    return row;
  }

  private async checkGoods(hostId: string, productIds: string[]): Promise<string[]> {
    await this.deps.assertMayCarry(hostId, productIds);
    return productIds;
  }

  private async view(rows: RoomRow[]): Promise<Room[]> {
    const profiles = await this.deps.profiles([...new Set(rows.map((r) => r.host_id))]);
    return Promise.all(
      rows.map(async (r) => ({
        id: r.id,
        host: { id: r.host_id, name: profiles.get(r.host_id)?.displayName ?? '' },
        storeId: r.store_id,
        title: r.title,
        scheduledAt: iso(r.scheduled_at),
        startedAt: iso(r.started_at),
        endedAt: iso(r.ended_at),
        replayVideoId: r.replay_video_id,
        viewers: r.status === 'live' ? this.viewersNow(r.id) : 0,
        peakViewers: r.peak_viewers,
        likeCount: Number(r.like_count),
        commentCount: Number(r.comment_count),
        state: await this.state(r.id, r),
      })),
    );
  }
}

function newKey(): string {
  return `live_${randomBytes(24).toString('base64url')}`;
}

function assertOpen(row: RoomRow): void {
  if (row.status === 'ended') throw new AppError('invalid_state', 'The live has ended', 'roomId');
}

async function setBag(q: Queryable, roomId: string, productIds: string[]): Promise<void> {
  await q.query('DELETE FROM live_room_products WHERE room_id = $1', [roomId]);
  if (productIds.length) await q.query('INSERT INTO live_room_products (room_id, product_id, position) SELECT $1, p, n FROM unnest($2::text[]) WITH ORDINALITY AS t(p, n)', [roomId, productIds]);
}
