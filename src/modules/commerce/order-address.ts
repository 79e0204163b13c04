// The shipping address of an order: a sealed copy of the buyer's address taken at checkout (a
// later edit of the address book does not move a parcel already on its way). The buyer sees it
// in full; merchants and creators see the masked form and the region; a merchant who needs the
// full address to print a waybill reveals it, and every reveal is written to the audit log.
import { Type, type Static } from '@sinclair/typebox';
import { audit } from '../../platform/audit.ts';
import type { Sealer } from '../../platform/crypto.ts';
import type { Queryable, Tx } from '../../platform/db/index.ts';
import type { ShipToAddress } from '../identity/addresses.ts';

export const ShippingAddressSchema = Type.Object({
  recipient: Type.String(),
  phone: Type.String(),
  province: Type.String(),
  city: Type.String(),
  district: Type.String(),
  detail: Type.String(),
  masked: Type.Boolean({ description: 'true: recipient, phone and detail are masked (张*, 138****5678, ****)' }),
});
export type ShippingAddress = Static<typeof ShippingAddressSchema>;
export type AddressView = 'full' | 'masked';

interface Row {
  order_id: string;
  recipient_enc: string;
  phone_enc: string;
  detail_enc: string;
  recipient_masked: string;
  phone_masked: string;
  province: string;
  city: string;
  district: string;
}

export class OrderAddresses {
  constructor(private readonly sealer: Sealer) {}

  /** The shopping device's keyed fingerprint (a different domain from addresses', so the two never match). */
  printDevice(deviceId: string): string {
    return this.sealer.print('device', deviceId);
  }

  async attach(tx: Tx, orderId: string, a: ShipToAddress): Promise<void> {
    await tx.query(
      `INSERT INTO order_addresses (order_id, recipient_enc, phone_enc, detail_enc, recipient_masked, phone_masked, province, city, district)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [orderId, a.sealed.recipient, a.sealed.phone, a.sealed.detail, a.masked.recipient, a.masked.phone, a.province, a.city, a.district],
    );
  }

  /**
   * Many orders' addresses as an INSERT over unnest of eight text arrays starting at parameter
   * `$first` (order ids come as the array parameter `$orderIds`): batched checkouts put it in
   * their one statement.
   */
  sealedInsert(entries: Array<{ orderId: string; address: ShipToAddress }>, orderIds: number, first: number): { sql: string; params: string[][] } {
    const p = (k: number) => `$${first + k}::text[]`;
    return {
      sql: `INSERT INTO order_addresses (order_id, recipient_enc, phone_enc, detail_enc, recipient_masked, phone_masked, province, city, district)
            SELECT * FROM unnest($${orderIds}::text[], ${[0, 1, 2, 3, 4, 5, 6, 7].map(p).join(', ')})`,
      params: [
        entries.map((e) => e.address.sealed.recipient),
        entries.map((e) => e.address.sealed.phone),
        entries.map((e) => e.address.sealed.detail),
        entries.map((e) => e.address.masked.recipient),
        entries.map((e) => e.address.masked.phone),
        entries.map((e) => e.address.province),
        entries.map((e) => e.address.city),
        entries.map((e) => e.address.district),
      ],
    };
  }

  /** Addresses of these orders, full or masked; masked never opens a sealed field. */
  async view(q: Queryable, orderIds: string[], mode: AddressView): Promise<Map<string, ShippingAddress>> {
    if (orderIds.length === 0) return new Map();
    const rows = await q.query<Row>('SELECT * FROM order_addresses WHERE order_id = ANY($1::text[])', [orderIds]);
    return new Map(rows.map((r) => [r.order_id, this.render(r, mode)]));
  }

  /** The full address for shipping, recorded in the audit log in the same transaction. */
  async reveal(tx: Tx, orderId: string, actorId: string, purpose: string): Promise<ShippingAddress | null> {
    const [row] = await tx.query<Row>('SELECT * FROM order_addresses WHERE order_id = $1', [orderId]);
    if (!row) return null;
    await audit(tx, { actorId, action: 'order.address.reveal', subjectType: 'order', subjectId: orderId, detail: { purpose } });
    return this.render(row, 'full');
  }

  private render(r: Row, mode: AddressView): ShippingAddress {
    const region = { province: r.province, city: r.city, district: r.district };
    if (mode === 'masked') return { recipient: r.recipient_masked, phone: r.phone_masked, ...region, detail: '****', masked: true };
    return { recipient: this.sealer.open(r.recipient_enc), phone: this.sealer.open(r.phone_enc), ...region, detail: this.sealer.open(r.detail_enc), masked: false };
  }
}
