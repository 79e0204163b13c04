import type { Db, Queryable } from '../../platform/db/index.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { Static } from '@sinclair/typebox';
import { imageUrl } from '../media/service.ts';
import type { StoreSummarySchema } from './schemas.ts';

export type Store = Static<typeof StoreSummarySchema>;
export type StoreStatus = Store['status'];

interface StoreRow {
  id: string;
  name: string;
  slug: string;
  description: string;
  logo_image_id: string | null;
  flagship: boolean;
  rural: boolean;
  status: StoreStatus;
  follower_count: number;
  product_count?: number;
  created_at: Date;
}

export const toStore = (r: StoreRow): Store => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  description: r.description,
  logoUrl: r.logo_image_id ? imageUrl(r.logo_image_id, 'w240') : null,
  flagship: r.flagship,
  rural: r.rural,
  status: r.status,
  followerCount: r.follower_count,
  productCount: r.product_count ?? 0,
  createdAt: new Date(r.created_at).toISOString(),
});

const SELECT_STORE = `SELECT s.*, (SELECT count(*)::int FROM products p WHERE p.store_id = s.id AND p.status = 'active') AS product_count FROM stores s`;

export type StaffRole = 'owner' | 'member';

export class StoreService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {}

  async create(ownerId: string, input: { name: string; description?: string; slug?: string; rural?: boolean; logoImageId?: string }): Promise<Store> {
    return this.db
      .tx(async (tx) => {
        const id = newId('sto');
        await tx.query(`INSERT INTO stores (id, name, slug, description, rural, logo_image_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
          id,
          input.name,
          input.slug ?? id,
          input.description ?? '',
          input.rural ?? false,
          input.logoImageId ?? null,
        ]);
        await tx.query(`INSERT INTO store_members (store_id, user_id, role) VALUES ($1, $2, 'owner')`, [id, ownerId]);
        await this.bus.publish(tx, 'catalog.store.created', { storeId: id, ownerId, name: input.name });
        return this.get(id, tx);
      })
      .catch((err: unknown) => {
        throw isUniqueViolation(err) ? conflict('This store address is taken', 'slug') : err;
      });
  }

  async get(id: string, q: Queryable = this.db): Promise<Store> {
    const [row] = await q.query<StoreRow>(`${SELECT_STORE} WHERE s.id = $1`, [id]);
    if (!row) throw notFound('Store', 'storeId');
    return toStore(row);
  }

  async list(filter: { q?: string; flagship?: boolean; rural?: boolean; limit: number; offset: number }): Promise<{ items: Store[]; total: number }> {
    const where = `WHERE s.status = 'active' AND ($1::text IS NULL OR s.name ILIKE '%' || $1 || '%') AND ($2::boolean IS NULL OR s.flagship = $2) AND ($3::boolean IS NULL OR s.rural = $3)`;
    const params = [filter.q ?? null, filter.flagship ?? null, filter.rural ?? null];
    const rows = await this.db.query<StoreRow>(`${SELECT_STORE} ${where} ORDER BY s.flagship DESC, s.follower_count DESC, s.id LIMIT $4 OFFSET $5`, [...params, filter.limit, filter.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM stores s ${where}`, params);
    return { items: rows.map(toStore), total };
  }

  async update(storeId: string, userId: string, patch: { name?: string; description?: string; logoImageId?: string | null; rural?: boolean }): Promise<Store> {
    await this.assertStaff(storeId, userId, 'owner');
    return this.db.tx(async (tx) => {
      await tx.query(
        `UPDATE stores SET name = COALESCE($2, name), description = COALESCE($3, description),
           logo_image_id = CASE WHEN $4::boolean THEN $5 ELSE logo_image_id END, rural = COALESCE($6, rural), updated_at = now() WHERE id = $1`,
        [storeId, patch.name ?? null, patch.description ?? null, patch.logoImageId !== undefined, patch.logoImageId ?? null, patch.rural ?? null],
      );
      await this.bus.publish(tx, 'catalog.store.updated', { storeId });
      return this.get(storeId, tx);
    });
  }

  /** Operator decision: the flagship badge or a suspension. */
  async govern(storeId: string, patch: { flagship?: boolean; status?: 'active' | 'suspended' }): Promise<Store> {
    return this.db.tx(async (tx) => {
      const rows = await tx.query(`UPDATE stores SET flagship = COALESCE($2, flagship), status = COALESCE($3, status), updated_at = now() WHERE id = $1 RETURNING id`, [
        storeId,
        patch.flagship ?? null,
        patch.status ?? null,
      ]);
      if (!rows.length) throw notFound('Store', 'storeId');
      await this.bus.publish(tx, 'catalog.store.updated', { storeId });
      return this.get(storeId, tx);
    });
  }

  async count(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stores');
    return row?.n ?? 0;
  }

  async staffRole(storeId: string, userId: string, q: Queryable = this.db): Promise<StaffRole | null> {
    const [row] = await q.query<{ role: StaffRole }>('SELECT role FROM store_members WHERE store_id = $1 AND user_id = $2', [storeId, userId]);
    return row?.role ?? null;
  }

  /** 404 when the store does not exist, 403 when the user is not (enough) staff of it. */
  async assertStaff(storeId: string, userId: string, need: StaffRole = 'member', q: Queryable = this.db): Promise<void> {
    const [store] = await q.query<{ id: string }>('SELECT id FROM stores WHERE id = $1', [storeId]);
    if (!store) throw notFound('Store', 'storeId');
    const role = await this.staffRole(storeId, userId, q);
    if (!role) throw forbidden('You are not staff of this store');
    if (need === 'owner' && role !== 'owner') throw forbidden('Only the store owner may do this');
  }

  async myStores(userId: string): Promise<Array<Store & { staffRole: StaffRole }>> {
    const rows = await this.db.query<StoreRow & { role: StaffRole }>(
      `SELECT s.*, m.role, (SELECT count(*)::int FROM products p WHERE p.store_id = s.id AND p.status = 'active') AS product_count
         FROM stores s JOIN store_members m ON m.store_id = s.id WHERE m.user_id = $1 ORDER BY s.created_at`,
      [userId],
    );
    return rows.map((r) => ({ ...toStore(r), staffRole: r.role }));
  }

  async members(storeId: string): Promise<Array<{ userId: string; role: StaffRole; since: string }>> {
    const rows = await this.db.query<{ user_id: string; role: StaffRole; created_at: Date }>('SELECT user_id, role, created_at FROM store_members WHERE store_id = $1 ORDER BY created_at', [storeId]);
    return rows.map((r) => ({ userId: r.user_id, role: r.role, since: new Date(r.created_at).toISOString() }));
  }

  async addMember(storeId: string, actorId: string, userId: string, role: StaffRole): Promise<void> {
    await this.assertStaff(storeId, actorId, 'owner');
    await this.db.query(`INSERT INTO store_members (store_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (store_id, user_id) DO UPDATE SET role = EXCLUDED.role`, [storeId, userId, role]);
  }

  /** The stores a user follows. */
  async followedBy(userId: string): Promise<string[]> {
    return (await this.db.query<{ store_id: string }>('SELECT store_id FROM store_followers WHERE user_id = $1', [userId])).map((r) => r.store_id);
  }

  async follow(storeId: string, userId: string, on: boolean): Promise<{ following: boolean; followerCount: number }> {
    return this.db.tx(async (tx) => {
      const [store] = await tx.query<{ status: string }>('SELECT status FROM stores WHERE id = $1', [storeId]);
      if (!store || store.status !== 'active') throw notFound('Store', 'storeId');
      const changed = on
        ? await tx.query('INSERT INTO store_followers (store_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING store_id', [storeId, userId])
        : await tx.query('DELETE FROM store_followers WHERE store_id = $1 AND user_id = $2 RETURNING store_id', [storeId, userId]);
      if (changed.length) {
        await tx.query('UPDATE stores SET follower_count = follower_count + $2 WHERE id = $1', [storeId, on ? 1 : -1]);
        await this.bus.publish(tx, on ? 'catalog.store.followed' : 'catalog.store.unfollowed', { storeId, userId });
      }
      const [row] = await tx.query<{ follower_count: number }>('SELECT follower_count FROM stores WHERE id = $1', [storeId]);
      return { following: on, followerCount: row!.follower_count };
    });
  }

  async viewerState(storeId: string, userId: string | null): Promise<{ following: boolean; staffRole: StaffRole | null }> {
    if (!userId) return { following: false, staffRole: null };
    const [f] = await this.db.query('SELECT 1 FROM store_followers WHERE store_id = $1 AND user_id = $2', [storeId, userId]);
    return { following: !!f, staffRole: await this.staffRole(storeId, userId) };
  }

  assertActive(store: Store): void {
    if (store.status !== 'active') throw new AppError('not_found', 'Store not found', 'storeId');
  }
}
