// The shopper's coupon wallet: claiming copies of a coupon (never more than its quantity, never
// more than the per-shopper limit, even under concurrent claims), reading them, spending them in
// a checkout's transaction, and giving them back when every order they were spent on is
// cancelled unpaid (buyer or payment deadline), if their window is still open.
import type { Db, Queryable, Tx } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { UserCoupon } from './coupon-schemas.ts';
import { toCoupon, toTerms, type CouponRow } from './coupons.ts';
import type { CouponTerms, Priced, Refusal } from './pricing.ts';

type WalletStatus = UserCoupon['status'];

interface WalletRow extends CouponRow {
  uc_id: string;
  user_id: string;
  wallet_status: WalletStatus;
  claimed_at: Date;
  used_at: Date | null;
  checkout_id: string | null;
  order_ids: string[] | null;
}

// A claimed copy whose window has passed reads as expired; no job needs to sweep wallets.
const SELECT_WALLET = `SELECT c.*, uc.id AS uc_id, uc.user_id, uc.claimed_at, uc.used_at, uc.checkout_id,
    CASE WHEN uc.status = 'claimed' AND c.ends_at <= now() THEN 'expired' ELSE uc.status END AS wallet_status,
    (SELECT array_agg(r.order_id ORDER BY r.order_id) FROM coupon_redemptions r WHERE r.user_coupon_id = uc.id AND r.returned_at IS NULL) AS order_ids
  FROM user_coupons uc JOIN coupons c ON c.id = uc.coupon_id`;

const toUserCoupon = (r: WalletRow): UserCoupon => ({
  id: r.uc_id,
  couponId: r.id,
  status: r.wallet_status,
  claimedAt: new Date(r.claimed_at).toISOString(),
  usedAt: r.used_at ? new Date(r.used_at).toISOString() : null,
  checkoutId: r.checkout_id,
  orderIds: r.wallet_status === 'used' ? (r.order_ids ?? []) : [],
  coupon: toCoupon(r),
});

/** A coupon the engine refused, as the 4xx the shopper sees, naming `couponIds.N`. */
export function refusalError(r: Refusal): AppError {
  const field = `couponIds.${r.index}`;
  const stateful = r.code === 'not_started' || r.code === 'expired' || r.code === 'threshold';
  return new AppError(stateful ? 'invalid_state' : 'validation_failed', r.message, field, stateful ? undefined : [{ field, message: r.message }]);
}

export const RESTORE_CONSUMER = 'commerce.coupons_on_cancel';

export class CouponWallet {
  constructor(private readonly db: Db) {}

  /** Gives coupons back when their orders are cancelled unpaid (at least once; the inbox makes it once). */
  subscribe(bus: EventBus): void {
    bus.subscribe<{ orderId: string }>(RESTORE_CONSUMER, 'commerce.order.cancelled', (event, tx) => this.restore(tx, event.payload.orderId));
  }

  /**
   * Claims one copy. Idempotent at the limit: a shopper who already holds `perUserLimit` copies
   * gets the latest back (created: false) and nothing changes.
   */
  async claim(userId: string, couponId: string): Promise<{ userCoupon: UserCoupon; created: boolean }> {
    const id = await this.db.tx(async (tx) => {
      const [c] = await tx.query<CouponRow>('SELECT * FROM coupons WHERE id = $1', [couponId]);
      if (!c) throw notFound('Coupon', 'couponId');
      const [held] = await tx.query<{ n: number; latest: string | null }>(
        'SELECT count(*)::int AS n, (array_agg(id ORDER BY seq DESC))[1] AS latest FROM user_coupons WHERE coupon_id = $1 AND user_id = $2',
        [couponId, userId],
      );
      if (held!.n >= c.per_user_limit) return { id: held!.latest!, created: false };
      // Copies are numbered per shopper; a concurrent claim by the same shopper takes another
      // number or, at the limit, none (the unique key decides, not a read).
      let ucId: string | null = null;
      for (let seq = held!.n + 1; seq <= c.per_user_limit && !ucId; seq++) {
        const [row] = await tx.query<{ id: string }>('INSERT INTO user_coupons (id, coupon_id, user_id, seq) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id', [
          newId('ucp'),
          couponId,
          userId,
          seq,
        ]);
        ucId = row?.id ?? null;
      }
      if (!ucId) {
        const [latest] = await tx.query<{ id: string }>('SELECT id FROM user_coupons WHERE coupon_id = $1 AND user_id = $2 ORDER BY seq DESC LIMIT 1', [couponId, userId]);
        return { id: latest!.id, created: false };
      }
      // The quantity is taken by a conditional update: concurrent claims never over-issue.
      const taken = await tx.query(
        `UPDATE coupons SET claimed = claimed + 1 WHERE id = $1 AND status = 'active' AND starts_at <= now() AND ends_at > now() AND claimed < total_quantity RETURNING id`,
        [couponId],
      );
      if (taken.length === 0) {
        const [now] = await tx.query<{ started: boolean; over: boolean }>('SELECT starts_at <= now() AS started, (status = $2 OR ends_at <= now()) AS over FROM coupons WHERE id = $1', [couponId, 'ended']);
        const why = !now!.started ? 'This coupon cannot be claimed yet' : now!.over ? 'This coupon has ended' : 'Every copy of this coupon has been claimed';
        throw new AppError('invalid_state', why, 'couponId');
      }
      return { id: ucId, created: true };
    });
    return { userCoupon: await this.get(id.id), created: id.created };
  }

  private async get(ucId: string, q: Queryable = this.db): Promise<UserCoupon> {
    const [row] = await q.query<WalletRow>(`${SELECT_WALLET} WHERE uc.id = $1`, [ucId]);
    if (!row) throw notFound('Coupon', 'couponId');
    return toUserCoupon(row);
  }

  async list(userId: string, filter: { status?: WalletStatus; limit: number; offset: number }): Promise<{ items: UserCoupon[]; total: number }> {
    const where = 'WHERE w.user_id = $1 AND ($2::text IS NULL OR w.wallet_status = $2)';
    const rows = await this.db.query<WalletRow>(`SELECT * FROM (${SELECT_WALLET}) w ${where} ORDER BY w.claimed_at DESC, w.uc_id DESC LIMIT $3 OFFSET $4`, [userId, filter.status ?? null, filter.limit, filter.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM (${SELECT_WALLET}) w ${where}`, [userId, filter.status ?? null]);
    return { items: rows.map(toUserCoupon), total };
  }

  /**
   * The shopper's selected copies as the engine's terms, in request order. Someone else's copy is
   * "not found" (ids are not revealed); a used or expired one is a 409. Scope, window, threshold
   * and stacking are the engine's to judge.
   */
  async selected(q: Queryable, userId: string, ids: string[]): Promise<CouponTerms[]> {
    if (ids.length === 0) return [];
    const rows = await q.query<WalletRow>(`${SELECT_WALLET} WHERE uc.id = ANY($1::text[])`, [ids]);
    const byId = new Map(rows.map((r) => [r.uc_id, r]));
    return ids.map((id, i) => {
      const r = byId.get(id);
      if (!r || r.user_id !== userId) throw new AppError('not_found', 'No such coupon in your wallet', `couponIds.${i}`);
      if (r.wallet_status === 'used') throw new AppError('invalid_state', 'This coupon has already been used', `couponIds.${i}`);
      if (r.wallet_status === 'expired') throw new AppError('invalid_state', 'This coupon has expired', `couponIds.${i}`);
      return toTerms(r, r.uc_id);
    });
  }

  /** Unused, unexpired copies that could touch these stores' goods (platform ones touch any): a quote's candidates. */
  async candidates(q: Queryable, userId: string, storeIds: string[]): Promise<Array<{ userCoupon: UserCoupon; terms: CouponTerms }>> {
    const rows = await q.query<WalletRow>(
      `SELECT * FROM (${SELECT_WALLET}) w WHERE w.user_id = $1 AND w.wallet_status = 'claimed' AND (w.store_id IS NULL OR w.store_id = ANY($2::text[])) ORDER BY w.ends_at, w.uc_id LIMIT 200`,
      [userId, storeIds],
    );
    return rows.map((r) => ({ userCoupon: toUserCoupon(r), terms: toTerms(r, r.uc_id) }));
  }

  /**
   * Spends the priced coupons on a checkout's orders (`orderIds` in the order of `priced.orders`),
   * in the checkout's transaction. The conditional update makes two checkouts racing for one copy
   * end with one winner; the loser's whole checkout rolls back (409).
   */
  async spend(tx: Tx, checkoutId: string, priced: Priced, orderIds: string[]): Promise<void> {
    for (const [index, a] of priced.applied.entries()) {
      const used = await tx.query(`UPDATE user_coupons SET status = 'used', used_at = now(), checkout_id = $2 WHERE id = $1 AND status = 'claimed' RETURNING id`, [a.ref, checkoutId]);
      if (used.length === 0) throw new AppError('invalid_state', 'This coupon has just been used', `couponIds.${index}`);
      for (const [i, fen] of a.perOrderFen.entries()) {
        if (fen > 0) await tx.query('INSERT INTO coupon_redemptions (user_coupon_id, order_id, checkout_id, discount_fen) VALUES ($1, $2, $3, $4)', [a.ref, orderIds[i], checkoutId, fen]);
      }
    }
  }

  /**
   * An order was cancelled. If it was never paid, every coupon spent on it whose orders are now
   * all cancelled unpaid goes back to the wallet: claimed while its window is open, else expired.
   * A platform coupon spread over several orders waits until the last of them is cancelled.
   */
  async restore(tx: Tx, orderId: string): Promise<void> {
    const spent = await tx.query<{ user_coupon_id: string }>(
      `SELECT r.user_coupon_id FROM coupon_redemptions r JOIN orders o ON o.id = r.order_id
        WHERE r.order_id = $1 AND r.returned_at IS NULL AND o.status = 'cancelled' AND o.paid_at IS NULL ORDER BY r.user_coupon_id`,
      [orderId],
    );
    for (const { user_coupon_id: ucId } of spent) {
      await tx.query('SELECT id FROM user_coupons WHERE id = $1 FOR UPDATE', [ucId]);
      const [open] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM coupon_redemptions r JOIN orders o ON o.id = r.order_id
          WHERE r.user_coupon_id = $1 AND r.returned_at IS NULL AND NOT (o.status = 'cancelled' AND o.paid_at IS NULL)`,
        [ucId],
      );
      if (open!.n > 0) continue;
      await tx.query('UPDATE coupon_redemptions SET returned_at = now() WHERE user_coupon_id = $1 AND returned_at IS NULL', [ucId]);
      await tx.query(
        `UPDATE user_coupons uc SET status = CASE WHEN c.ends_at > now() THEN 'claimed' ELSE 'expired' END, used_at = NULL, checkout_id = NULL
           FROM coupons c WHERE uc.id = $1 AND c.id = uc.coupon_id AND uc.status = 'used'`,
        [ucId],
      );
    }
  }
}
