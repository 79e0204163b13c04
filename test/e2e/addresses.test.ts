// Shipping addresses: the address book, sealed at rest, copied into each order at checkout, full
// for the buyer, masked for merchants, and revealed for shipping only with an audit record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import type { Address } from '../../src/modules/identity/addresses.ts';
import { loadSealer } from '../../src/platform/crypto.ts';
import { Client, dbFingerprint, startTestPlatform, TEST_ADDRESS, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let merchant: Client;
let shopper: Client;
let product: Product;
let keyN = 0;
const key = () => `addr-key-${++keyN}`;
const HOME = { recipient: '欧阳娜娜', phone: '13987654321', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 88 号 12 楼' };

beforeAll(async () => {
  t = await startTestPlatform();
  const cat = await t.platform.services.categories.create({ nameZh: '食品', nameEn: 'Food' });
  merchant = await t.client.register('addr-m@example.com', ['merchant']);
  shopper = await t.client.register('addr-s@example.com');
  const store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '地址测试店' })).body;
  product = (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: '茶叶', categoryId: cat.id, skus: [{ optionValues: {}, priceFen: 5000, stock: 50 }] })).body;
});
afterAll(() => t.close());

describe('address book', () => {
  it('keeps exactly one default, the first address being it', async () => {
    const fresh = await t.client.register('addr-book@example.com');
    const [first] = (await fresh.get<Address[]>('/api/v1/me/addresses')).body;
    expect(first).toMatchObject({ ...TEST_ADDRESS, isDefault: true });
    const second = (await fresh.post<Address>('/api/v1/me/addresses', HOME)).body;
    expect(second.isDefault).toBe(false);
    const made = await fresh.patch<Address>(`/api/v1/me/addresses/${second.id}`, { isDefault: true });
    expect(made.body.isDefault).toBe(true);
    let list = (await fresh.get<Address[]>('/api/v1/me/addresses')).body;
    expect(list.filter((a) => a.isDefault).map((a) => a.id)).toEqual([second.id]);
    expect(list[0]!.id).toBe(second.id);
    // Removing the default promotes another one.
    expect((await fresh.delete(`/api/v1/me/addresses/${second.id}`)).status).toBe(204);
    list = (await fresh.get<Address[]>('/api/v1/me/addresses')).body;
    expect(list.map((a) => [a.id, a.isDefault])).toEqual([[first!.id, true]]);
  });

  it('stores names, phones and street details only sealed', async () => {
    await shopper.post('/api/v1/me/addresses', HOME);
    const rows = await t.platform.db.query<Record<string, unknown>>('SELECT * FROM addresses');
    const dump = JSON.stringify(rows);
    for (const secret of [HOME.recipient, HOME.phone, HOME.detail, TEST_ADDRESS.phone]) expect(dump).not.toContain(secret);
    expect(dump).toContain(HOME.district);
  });

  it('allows at most 20 addresses', async () => {
    const fresh = await t.client.register('addr-many@example.com');
    for (let i = 0; i < 19; i++) expect((await fresh.post('/api/v1/me/addresses', { ...HOME, detail: `第 ${i} 号` })).status).toBe(201);
    const r = await fresh.post('/api/v1/me/addresses', HOME);
    expect(r.status).toBe(409);
    expect(r.problem.field).toBe('addresses');
  });
});

describe('order address', () => {
  const checkout = (c: Client, body: Record<string, unknown> = {}) => c.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: product.skus[0]!.id, quantity: 1 }], ...body }, { 'idempotency-key': key() });

  it('ships to the default address unless another is named, and keeps the copy when the book changes', async () => {
    const book = (await shopper.get<Address[]>('/api/v1/me/addresses')).body;
    const home = book.find((a) => a.recipient === HOME.recipient)!;
    const byDefault = (await checkout(shopper)).body.orders[0]!.id;
    const named = (await checkout(shopper, { addressId: home.id })).body.orders[0]!.id;
    expect((await shopper.get<Order>(`/api/v1/orders/${byDefault}`)).body.shippingAddress).toEqual({ ...TEST_ADDRESS, masked: false });
    expect((await shopper.get<Order>(`/api/v1/orders/${named}`)).body.shippingAddress).toEqual({ ...HOME, masked: false });
    await shopper.patch(`/api/v1/me/addresses/${home.id}`, { detail: '搬家了' });
    expect((await shopper.get<Order>(`/api/v1/orders/${named}`)).body.shippingAddress?.detail).toBe(HOME.detail);
  });

  it('refuses a checkout without any address, or to someone else’s, and changes nothing', async () => {
    const none = await t.client.register('addr-none@example.com');
    const [only] = (await none.get<Address[]>('/api/v1/me/addresses')).body;
    await none.delete(`/api/v1/me/addresses/${only!.id}`);
    const before = await dbFingerprint(t.platform);
    const r = await checkout(none);
    expect(r.status).toBe(400);
    expect(r.problem.field).toBe('addressId');
    const theirs = await checkout(shopper, { addressId: only!.id });
    expect(theirs.status).toBe(404);
    const foreign = (await merchant.get<Address[]>('/api/v1/me/addresses')).body[0]!;
    expect((await checkout(shopper, { addressId: foreign.id })).status).toBe(404);
    expect(await dbFingerprint(t.platform)).toEqual(before);
  });

  it('takes the masks and parcel fingerprint kept with the address, the same as opening it gives, for rows saved before they were kept too', async () => {
    const fresh = await t.client.register('addr-kept@example.com');
    const userId = (await fresh.get<{ id: string }>('/api/v1/me')).body.id;
    const home = (await fresh.post<Address>('/api/v1/me/addresses', { ...HOME, recipient: ' 欧阳娜娜 ', isDefault: true })).body;
    const book = t.platform.services.addresses;
    const sealer = loadSealer(t.platform.config.dataKey, t.platform.config.dataDir);
    const kept = await book.forCheckout(t.platform.db, userId, undefined);
    expect(kept).toMatchObject({ id: home.id, masked: { recipient: '欧***', phone: '139****4321' }, province: HOME.province, city: HOME.city, district: HOME.district });
    // Spacing and case do not move a fingerprint: the same place typed differently prints the same.
    expect(kept.print).toBe(sealer.parcelPrint({ ...HOME, detail: ' 世纪大道88号 12楼 ' }));
    expect(kept.print).not.toBe(sealer.parcelPrint({ ...HOME, phone: '13987654322' }));
    // A row from before migration 0003 is opened instead, with the same outcome.
    await t.platform.db.query('UPDATE addresses SET recipient_masked = NULL, phone_masked = NULL, ship_print = NULL WHERE id = $1', [home.id]);
    expect(await book.forCheckout(t.platform.db, userId, home.id)).toEqual(kept);
    const [many] = await book.forCheckoutMany(t.platform.db, [{ userId }]);
    expect(many).toEqual(kept);
    // Editing the address keeps its new facts.
    await fresh.patch(`/api/v1/me/addresses/${home.id}`, { phone: '13700001111' });
    const [row] = await t.platform.db.query<{ phone_masked: string; ship_print: string }>('SELECT phone_masked, ship_print FROM addresses WHERE id = $1', [home.id]);
    expect(row).toEqual({ phone_masked: '137****1111', ship_print: sealer.parcelPrint({ ...HOME, phone: '13700001111' }) });
  });

  it('shows merchants a masked address and audits every full reveal', async () => {
    const orderId = (await checkout(shopper)).body.orders[0]!.id;
    const storeId = product.storeId;
    const listed = (await merchant.get<{ items: Order[] }>(`/api/v1/merchant/stores/${storeId}/orders`)).body.items.find((o) => o.id === orderId)!;
    expect(listed.shippingAddress).toEqual({ recipient: '王**', phone: '138****5678', province: '浙江省', city: '杭州市', district: '西湖区', detail: '****', masked: true });
    expect(JSON.stringify(listed)).not.toContain(TEST_ADDRESS.detail);

    const sealed = await t.platform.db.query<Record<string, unknown>>('SELECT * FROM order_addresses WHERE order_id = $1', [orderId]);
    expect(JSON.stringify(sealed)).not.toContain(TEST_ADDRESS.phone);

    const other = await t.client.register('addr-other@example.com', ['merchant']);
    await other.post('/api/v1/merchant/stores', { name: '别家' });
    expect((await other.post(`/api/v1/merchant/orders/${orderId}/address/reveal`)).status).toBe(403);
    const revealed = await merchant.post(`/api/v1/merchant/orders/${orderId}/address/reveal`);
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({ ...TEST_ADDRESS, masked: false });

    const merchantId = (await merchant.get<{ id: string }>('/api/v1/me')).body.id;
    const trail = await t.platform.db.query<{ actor_id: string; action: string; subject_id: string }>('SELECT actor_id, action, subject_id FROM audit_log WHERE subject_id = $1', [orderId]);
    expect(trail).toEqual([{ actor_id: merchantId, action: 'order.address.reveal', subject_id: orderId }]);
  });
});
