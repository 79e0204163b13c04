// The shopper's address book. Personal fields are sealed at rest and opened only for their
// owner (and, through commerce, for shipping). The first address becomes the default; removing
// the default promotes the newest remaining one, so a shopper with addresses always has one.
import { Type, type Static } from '@sinclair/typebox';
import { maskName, maskPhone, type Sealer } from '../../platform/crypto.ts';
import type { Db, Queryable, Tx } from '../../platform/db/index.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';

export const MAX_ADDRESSES = 20;

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
export const AddressFields = {
  recipient: Text(30),
  phone: Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'Mainland mobile number, 11 digits' }),
  province: Text(20),
  city: Text(30),
  district: Text(30),
  detail: Text(120),
};
export const AddressSchema = Type.Object({ id: Type.String(), ...AddressFields, isDefault: Type.Boolean(), createdAt: Type.String() });
export type Address = Static<typeof AddressSchema>;
export type AddressInput = Omit<Address, 'id' | 'isDefault' | 'createdAt'>;
/**
 * An address taken for an order, without opening it: its sealed fields as stored, which the
 * order's copy keeps as they are instead of sealing them again (same key; a copied ciphertext
 * tells no more than that the order ships to this address), the masks merchants see, the
 * parcel's keyed fingerprint, and the region in clear.
 */
export interface ShipToAddress {
  id: string;
  province: string;
  city: string;
  district: string;
  sealed: { recipient: string; phone: string; detail: string };
  masked: { recipient: string; phone: string };
  print: string;
}

interface AddressRow {
  id: string;
  user_id: string;
  recipient_enc: string;
  phone_enc: string;
  detail_enc: string;
  province: string;
  city: string;
  district: string;
  is_default: boolean;
  created_at: Date;
  /** Null on rows saved before they were kept (migration 0003): those are opened at checkout. */
  recipient_masked: string | null;
  phone_masked: string | null;
  ship_print: string | null;
}

export class AddressBook {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  private open(r: AddressRow): Address {
    return {
      id: r.id,
      recipient: this.sealer.open(r.recipient_enc),
      phone: this.sealer.open(r.phone_enc),
      province: r.province,
      city: r.city,
      district: r.district,
      detail: this.sealer.open(r.detail_enc),
      isDefault: r.is_default,
      createdAt: new Date(r.created_at).toISOString(),
    };
  }

  async list(userId: string, q: Queryable = this.db): Promise<Address[]> {
    const rows = await q.query<AddressRow>('SELECT * FROM addresses WHERE user_id = $1 ORDER BY is_default DESC, created_at DESC, id DESC', [userId]);
    return rows.map((r) => this.open(r));
  }

  /** One of the shopper's addresses; someone else's is "not found". */
  async get(userId: string, addressId: string, q: Queryable = this.db, field = 'addressId'): Promise<Address> {
    const row = await this.row(q, userId, addressId);
    if (!row) throw notFound('Address', field);
    return this.open(row);
  }

  private async row(q: Queryable, userId: string, addressId: string): Promise<AddressRow | undefined> {
    const [row] = await q.query<AddressRow>('SELECT * FROM addresses WHERE id = $1 AND user_id = $2', [addressId, userId]);
    return row;
  }

  /** The sealed fields of an input, with what a checkout needs of it kept beside them. */
  private sealAll(a: AddressInput): string[] {
    const input = { ...a, recipient: a.recipient.trim(), detail: a.detail.trim(), province: a.province.trim(), city: a.city.trim(), district: a.district.trim() };
    return [this.sealer.seal(input.recipient), this.sealer.seal(input.phone), this.sealer.seal(input.detail), maskName(input.recipient), maskPhone(input.phone), this.sealer.parcelPrint(input)];
  }

  private shipTo(r: AddressRow): ShipToAddress {
    const sealed = { recipient: r.recipient_enc, phone: r.phone_enc, detail: r.detail_enc };
    const region = { id: r.id, province: r.province, city: r.city, district: r.district };
    if (r.recipient_masked !== null && r.phone_masked !== null && r.ship_print !== null) {
      return { ...region, sealed, masked: { recipient: r.recipient_masked, phone: r.phone_masked }, print: r.ship_print };
    }
    const a = this.open(r);
    return { ...region, sealed, masked: { recipient: maskName(a.recipient), phone: maskPhone(a.phone) }, print: this.sealer.parcelPrint(a) };
  }

  /** The shopper's default address, opened (a creator's, for a store shipping them a sample); null when they have none. */
  async defaultOf(userId: string, q: Queryable = this.db): Promise<Address | null> {
    const row = await this.defaultRow(q, userId);
    return row ? this.open(row) : null;
  }

  private async defaultRow(q: Queryable, userId: string): Promise<AddressRow | undefined> {
    return (await q.query<AddressRow>('SELECT * FROM addresses WHERE user_id = $1 AND is_default', [userId]))[0];
  }

  /** The address to ship to: the one named, else the default; none at all is a 400 naming addressId. */
  async forCheckout(q: Queryable, userId: string, addressId: string | undefined): Promise<ShipToAddress> {
    const row = addressId ? await this.row(q, userId, addressId) : await this.defaultRow(q, userId);
    if (row) return this.shipTo(row);
    throw noShipTo(addressId);
  }

  /** forCheckout for many shoppers in one query (batched checkouts); an AppError where one has none. */
  async forCheckoutMany(q: Queryable, wants: Array<{ userId: string; addressId?: string }>): Promise<Array<ShipToAddress | AppError>> {
    const rows = await q.query<AddressRow>('SELECT * FROM addresses WHERE user_id = ANY($1::text[]) AND (is_default OR id = ANY($2::text[]))', [
      [...new Set(wants.map((w) => w.userId))],
      wants.flatMap((w) => (w.addressId ? [w.addressId] : [])),
    ]);
    return wants.map((w) => {
      const row = rows.find((r) => r.user_id === w.userId && (w.addressId ? r.id === w.addressId : r.is_default));
      return row ? this.shipTo(row) : noShipTo(w.addressId);
    });
  }

  async add(userId: string, input: AddressInput & { isDefault?: boolean }): Promise<Address> {
    const id = newId('adr');
    await this.db.tx(async (tx) => {
      // Serialise one shopper's address-book writes, so the count limit and the single default hold.
      await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
      const [{ n } = { n: 0 }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM addresses WHERE user_id = $1', [userId]);
      if (n >= MAX_ADDRESSES) throw new AppError('conflict', `At most ${MAX_ADDRESSES} addresses`, 'addresses');
      const makeDefault = input.isDefault === true || n === 0;
      if (makeDefault) await tx.query('UPDATE addresses SET is_default = false WHERE user_id = $1 AND is_default', [userId]);
      await tx.query(
        `INSERT INTO addresses (id, user_id, recipient_enc, phone_enc, detail_enc, recipient_masked, phone_masked, ship_print, province, city, district, is_default)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [id, userId, ...this.sealAll(input), input.province.trim(), input.city.trim(), input.district.trim(), makeDefault],
      );
    });
    return this.get(userId, id);
  }

  /**
   * Bulk import of default addresses for accounts that have none yet (the demo world, load
   * tests): one statement, sealed like any other.
   */
  async importDefaults(tx: Tx, entries: Array<{ userId: string; address: AddressInput }>): Promise<void> {
    if (entries.length === 0) return;
    const col = <T>(f: (e: (typeof entries)[number]) => T) => entries.map(f);
    const sealed = col((e) => this.sealAll(e.address));
    await tx.query(
      `INSERT INTO addresses (id, user_id, recipient_enc, phone_enc, detail_enc, recipient_masked, phone_masked, ship_print, province, city, district, is_default)
       SELECT *, true FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])`,
      [
        col(() => newId('adr')),
        col((e) => e.userId),
        ...[0, 1, 2, 3, 4, 5].map((k) => sealed.map((f) => f[k]!)),
        col((e) => e.address.province.trim()),
        col((e) => e.address.city.trim()),
        col((e) => e.address.district.trim()),
      ],
    );
  }

  async update(userId: string, addressId: string, patch: Partial<AddressInput> & { isDefault?: boolean }): Promise<Address> {
    await this.db.tx(async (tx) => {
      await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
      const current = await this.get(userId, addressId, tx);
      if (patch.isDefault === false && current.isDefault) throw invalid('isDefault', 'Make another address the default instead');
      const next = { ...current, ...patch };
      if (patch.isDefault === true && !current.isDefault) await tx.query('UPDATE addresses SET is_default = false WHERE user_id = $1 AND is_default', [userId]);
      await tx.query(
        `UPDATE addresses SET recipient_enc = $3, phone_enc = $4, detail_enc = $5, recipient_masked = $6, phone_masked = $7, ship_print = $8,
           province = $9, city = $10, district = $11, is_default = $12, updated_at = now() WHERE id = $1 AND user_id = $2`,
        [addressId, userId, ...this.sealAll(next), next.province.trim(), next.city.trim(), next.district.trim(), next.isDefault],
      );
    });
    return this.get(userId, addressId);
  }

  async remove(userId: string, addressId: string): Promise<void> {
    await this.db.tx(async (tx) => {
      await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
      const [gone] = await tx.query<{ is_default: boolean }>('DELETE FROM addresses WHERE id = $1 AND user_id = $2 RETURNING is_default', [addressId, userId]);
      if (!gone) throw notFound('Address', 'addressId');
      if (gone.is_default) {
        await tx.query('UPDATE addresses SET is_default = true WHERE id = (SELECT id FROM addresses WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1)', [userId]);
      }
    });
  }
}

/** Why a checkout has nowhere to ship: the address named is not the shopper's, or they have none. */
function noShipTo(addressId: string | undefined): AppError {
  return addressId ? notFound('Address', 'addressId') : invalid('addressId', 'Add a shipping address first');
}
