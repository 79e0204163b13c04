// Coupon templates: stores issue their own (store or live-room scope, store-funded), operators
// issue platform-funded ones. A template fixes what a coupon takes off, where, when, and how
// many copies may be claimed; shoppers claim copies into their wallet (coupon-wallet.ts), and the
// discount rules live in the pure engine (pricing.ts).
import type { Db, Queryable } from '../../platform/db/index.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { StoreService } from '../catalog/stores.ts';
import type { Coupon, PlatformCouponInput, StoreCouponInput } from './coupon-schemas.ts';
import type { CouponKind, CouponTerms, Funder, Scope } from './pricing.ts';

export interface CouponRow {
  id: string;
  funder: Funder;
  scope: Scope;
  store_id: string | null;
  live_room_id: string | null;
  kind: CouponKind;
  title: string;
  threshold_fen: number;
  amount_off_fen: number | null;
  percent_off_bps: number | null;
  max_off_fen: number | null;
  starts_at: Date;
  ends_at: Date;
  total_quantity: number;
  claimed: number;
  per_user_limit: number;
  status: 'active' | 'ended';
  created_at: Date;
}

export function toCoupon(r: CouponRow, now = new Date()): Coupon {
  const startsAt = new Date(r.starts_at);
  const endsAt = new Date(r.ends_at);
  return {
    id: r.id,
    title: r.title,
    funder: r.funder,
    scope: r.scope,
    storeId: r.store_id,
    liveRoomId: r.live_room_id,
    kind: r.kind,
    thresholdFen: r.threshold_fen,
    amountOffFen: r.amount_off_fen,
    percentOffBps: r.percent_off_bps,
    maxOffFen: r.max_off_fen,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    totalQuantity: r.total_quantity,
    claimedQuantity: r.claimed,
    remaining: r.total_quantity - r.claimed,
    perUserLimit: r.per_user_limit,
    status: r.status === 'ended' || endsAt <= now ? 'ended' : startsAt > now ? 'scheduled' : 'active',
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The engine's view of a copy `ref` of this coupon. */
export function toTerms(r: CouponRow, ref: string): CouponTerms {
  return {
    ref,
    funder: r.funder,
    scope: r.scope,
    storeId: r.store_id,
    liveRoomId: r.live_room_id,
    kind: r.kind,
    thresholdFen: r.threshold_fen,
    amountOffFen: r.amount_off_fen,
    percentOffBps: r.percent_off_bps,
    maxOffFen: r.max_off_fen,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
  };
}

type Terms = Omit<StoreCouponInput, 'scope' | 'liveRoomId'>;
interface Placement {
  funder: Funder;
  scope: Scope;
  storeId: string | null;
  liveRoomId: string | null;
}

/** Rules the schema cannot express, each a 400 naming its field. */
function checkTerms(t: Terms, now: Date): void {
  if (t.kind === 'amount') {
    if (t.amountOffFen === undefined) throw invalid('amountOffFen', 'An amount coupon needs amountOffFen');
    if (t.percentOffBps !== undefined) throw invalid('percentOffBps', 'Only percent coupons take percentOffBps');
    if (t.maxOffFen !== undefined) throw invalid('maxOffFen', 'Only percent coupons take maxOffFen');
    if ((t.thresholdFen ?? 0) > 0 && t.amountOffFen >= t.thresholdFen!) throw invalid('amountOffFen', '满X减Y: the amount off must be less than the threshold');
  } else {
    if (t.percentOffBps === undefined) throw invalid('percentOffBps', 'A percent coupon needs percentOffBps');
    if (t.amountOffFen !== undefined) throw invalid('amountOffFen', 'Only amount coupons take amountOffFen');
  }
  const startsAt = new Date(t.startsAt);
  const endsAt = new Date(t.endsAt);
  if (endsAt <= startsAt) throw invalid('endsAt', 'A coupon must end after it starts');
  if (endsAt <= now) throw invalid('endsAt', 'A coupon must end in the future');
  if (t.perUserLimit > t.totalQuantity) throw invalid('perUserLimit', 'The per-shopper limit cannot exceed the quantity');
}

export class CouponService {
  constructor(
    private readonly db: Db,
    private readonly stores: StoreService,
  ) {}

  async createForStore(actorId: string, storeId: string, input: StoreCouponInput): Promise<Coupon> {
    await this.stores.assertStaff(storeId, actorId);
    const scope = input.scope ?? 'store';
    const { scope: _scope, liveRoomId, ...terms } = input;
    return this.insert(actorId, terms, { funder: 'store', scope, storeId, liveRoomId: this.liveRoom(scope, liveRoomId) });
  }

  async createForPlatform(actorId: string, input: PlatformCouponInput): Promise<Coupon> {
    const scope = input.scope ?? 'platform';
    const { scope: _scope, storeId, liveRoomId, ...terms } = input;
    const room = this.liveRoom(scope, liveRoomId);
    if (scope === 'platform' && storeId !== undefined) throw invalid('storeId', 'A coupon for every store names no store');
    if (scope !== 'platform') {
      if (storeId === undefined) throw invalid('storeId', `A ${scope} coupon needs its store`);
      await this.stores.get(storeId); // 404 naming storeId
    }
    return this.insert(actorId, terms, { funder: 'platform', scope, storeId: storeId ?? null, liveRoomId: room });
  }

  private liveRoom(scope: Scope, liveRoomId: string | undefined): string | null {
    if (scope === 'live_room' && liveRoomId === undefined) throw invalid('liveRoomId', 'A live-room coupon needs its room');
    if (scope !== 'live_room' && liveRoomId !== undefined) throw invalid('liveRoomId', 'Only live-room coupons name a room');
    return liveRoomId ?? null;
  }

  private async insert(actorId: string, t: Terms, at: Placement): Promise<Coupon> {
    checkTerms(t, new Date());
    const id = newId('cpn');
    const [row] = await this.db.query<CouponRow>(
      `INSERT INTO coupons (id, funder, scope, store_id, live_room_id, kind, title, threshold_fen, amount_off_fen, percent_off_bps, max_off_fen, starts_at, ends_at, total_quantity, per_user_limit, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING *`,
      [id, at.funder, at.scope, at.storeId, at.liveRoomId, t.kind, t.title, t.thresholdFen ?? 0, t.amountOffFen ?? null, t.percentOffBps ?? null, t.maxOffFen ?? null, new Date(t.startsAt), new Date(t.endsAt), t.totalQuantity, t.perUserLimit, actorId],
    );
    return toCoupon(row!);
  }

  async get(couponId: string, q: Queryable = this.db): Promise<Coupon> {
    const [row] = await q.query<CouponRow>('SELECT * FROM coupons WHERE id = $1', [couponId]);
    if (!row) throw notFound('Coupon', 'couponId');
    return toCoupon(row);
  }

  /** The store's own (store-funded) coupons, newest first, for its staff. */
  async listForStore(storeId: string, actorId: string, page: { limit: number; offset: number }): Promise<{ items: Coupon[]; total: number }> {
    await this.stores.assertStaff(storeId, actorId);
    return this.page(`funder = 'store' AND store_id = $1`, [storeId], page);
  }

  async listPlatform(page: { limit: number; offset: number }): Promise<{ items: Coupon[]; total: number }> {
    return this.page(`funder = 'platform'`, [], page);
  }

  private async page(where: string, params: unknown[], page: { limit: number; offset: number }): Promise<{ items: Coupon[]; total: number }> {
    const n = params.length;
    const rows = await this.db.query<CouponRow>(`SELECT * FROM coupons WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${n + 1} OFFSET $${n + 2}`, [...params, page.limit, page.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM coupons WHERE ${where}`, params);
    return { items: rows.map((r) => toCoupon(r)), total };
  }

  /**
   * Stops a store coupon from being claimed. Copies already in wallets stay usable until the
   * window ends: the shopper was promised them.
   */
  async end(storeId: string, couponId: string, actorId: string): Promise<Coupon> {
    await this.stores.assertStaff(storeId, actorId);
    const [row] = await this.db.query<CouponRow>(
      `UPDATE coupons SET status = 'ended', ended_at = now() WHERE id = $1 AND store_id = $2 AND funder = 'store' AND status = 'active' AND ends_at > now() RETURNING *`,
      [couponId, storeId],
    );
    if (row) return toCoupon(row);
    const [prev] = await this.db.query<CouponRow>(`SELECT * FROM coupons WHERE id = $1 AND store_id = $2 AND funder = 'store'`, [couponId, storeId]);
    if (!prev) throw notFound('Coupon', 'couponId');
    throw new AppError('invalid_state', 'This coupon has already ended', 'status');
  }

  /** An operator stops a platform-funded coupon from being claimed (claimed copies stay usable in their window). */
  async endPlatform(couponId: string): Promise<Coupon> {
    const [row] = await this.db.query<CouponRow>(
      `UPDATE coupons SET status = 'ended', ended_at = now() WHERE id = $1 AND funder = 'platform' AND status = 'active' AND ends_at > now() RETURNING *`,
      [couponId],
    );
    if (row) return toCoupon(row);
    const [prev] = await this.db.query<CouponRow>(`SELECT * FROM coupons WHERE id = $1 AND funder = 'platform'`, [couponId]);
    if (!prev) throw notFound('Coupon', 'couponId');
    throw new AppError('invalid_state', 'This coupon has already ended', 'status');
  }

  /** What a shopper may claim on the store's page now: its store-scope coupons in their window, not all claimed. */
  async claimable(storeId: string, page: { limit: number; offset: number }): Promise<{ items: Coupon[]; total: number }> {
    await this.stores.get(storeId);
    const where = `store_id = $1 AND scope = 'store' AND status = 'active' AND starts_at <= now() AND ends_at > now() AND claimed < total_quantity`;
    const rows = await this.db.query<CouponRow>(`SELECT * FROM coupons WHERE ${where} ORDER BY threshold_fen, created_at DESC, id LIMIT $2 OFFSET $3`, [storeId, page.limit, page.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM coupons WHERE ${where}`, [storeId]);
    return { items: rows.map((r) => toCoupon(r)), total };
  }

  /** A live room's coupons a viewer may claim now (for the room's state). */
  async claimableInRoom(liveRoomId: string): Promise<Coupon[]> {
    const rows = await this.db.query<CouponRow>(
      `SELECT * FROM coupons WHERE scope = 'live_room' AND live_room_id = $1 AND status = 'active' AND starts_at <= now() AND ends_at > now() AND claimed < total_quantity
        ORDER BY threshold_fen, created_at DESC, id LIMIT 10`,
      [liveRoomId],
    );
    return rows.map((r) => toCoupon(r));
  }
}
