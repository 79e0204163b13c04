// Shared by the bad-input test and its route tables: the fixtures (filled in by the test's
// beforeAll), counters for bodies that must differ each time, and builders of common cases.
import type { Product } from '../../../src/modules/catalog/model.ts';
import type { Store } from '../../../src/modules/catalog/stores.ts';
import type { PaymentIntent } from '../../../src/modules/payments/service.ts';
import type { Client } from '../../support/platform.ts';
import { queryAt, type BadCase, type Json, type Who } from '../../support/route-table.ts';

export interface Fixtures {
  clients: Record<Exclude<Who, 'fresh'>, Client>;
  emails: { shopper: string; newStaff: string; plainShopper: string };
  userIds: { creator: string };
  categoryRoot: string;
  categoryChild: string;
  storeA: Store; // owned by `merchant`, `member` is staff
  productA: Product; // in storeA, options 口味: 原味 香辣 and spare values, SKUs for 原味 and 香辣
  productToArchive: Product;
  orderToCancel: string; // the shopper's unpaid order in storeA
  deliveredOrder: string; // the shopper's order in storeA: paid, shipped, signed for (routes-logistics.ts)
  parcel: { shipmentId: string; carrier: string; trackingNo: string }; // deliveredOrder's parcel
  carrierSecret: string; // the sandbox carrier webhook secret, to sign test pushes
  paidOrder: string; // the shopper's paid order in storeA
  flashSku: string; // a SKU of storeA with a running flash sale
  flashSale: string;
  imageId: string;
  payments: { pending: PaymentIntent; paid: PaymentIntent; webhook: PaymentIntent }; // the shopper pays
  png: Buffer;
  tinyPng: Buffer;
  sandboxSecret: string; // the sandbox PSP webhook secret, to sign test webhooks
  /** Coupons (routes-coupons.ts): templates in storeA and elsewhere, and wallet entries. */
  coupons: {
    claimable: string; // storeA, 无门槛 ¥5, the shopper holds 1 of 5
    toEnd: string; // storeA, ended by the valid end request
    ended: string; // storeA, already ended
    soldOut: string; // storeA, every copy claimed (by the creator)
    scheduled: string; // storeA, starts tomorrow
    otherStore: string; // the other merchant's store
    platform: string; // a platform coupon, 九折
    platformToEnd: string; // a platform coupon ended by the valid end request
    wallet: { storeA: string; storeA2: string; otherStore: string; liveRoom: string; platform: string; used: string; expired: string; tooHigh: string; creators: string }; // the shopper's entries (creators: the creator's)
  };
  addresses: { edit: string; remove: string }; // the shopper's default address, and a second one to delete
  /** Short videos of the merchant (routes-content.ts) and a small MP4 to upload. */
  videos: { awaiting: string; ready: string; toDelete: string; clip: Buffer };
  /** Content's social routes (routes-social.ts): the shopper's comment under videos.ready, and the shopper's id. */
  social: { comment: string; shopperId: string };
  /** Live rooms of the merchant in storeA (routes-live.ts), productA in their bags. */
  live: { room: string; toEnd: string; ended: string };
  /** After-sales (routes-after-sales.ts): the shopper's paid and shipped orders in storeA, one case each. */
  afterSales: {
    freshOrder: string; // no case yet
    requestedOrder: string; // carries `requested`
    requested: string; // refund only, waiting for the store
    toCancel: string; // refund only, waiting for the store
    awaitingReturn: string; // return approved, parcel not shipped
    rejected: string; // refund only, rejected by the store
    toApprove: string; // refund only, waiting for the store
    toReject: string; // refund only, waiting for the store
    returnShipped: string; // return approved, parcel shipped (fast refund issued)
    escalated: string; // rejected, then escalated to the platform
  };
}

/** Filled in by the test's beforeAll; the tables read it lazily, inside their builders. */
export const fx = {} as Fixtures;
export const PASSWORD = 'correct-horse-1';
/** Values no SKU uses yet: each valid add-SKU body takes the next one. */
export const SPARE_FLAVOURS = Array.from({ length: 40 }, (_, i) => `口味${i + 1}`);
/** Bodies that must differ on every request (new accounts, new SKU values). */
export const counters = { registered: 0, flavours: 0 };

export const form = (fields: Array<[string, Blob | string, string?]>): FormData => {
  const f = new FormData();
  for (const [name, value, filename] of fields) {
    if (typeof value === 'string') f.append(name, value);
    else f.append(name, value, filename);
  }
  return f;
};
export const pngBlob = (buf: Buffer) => new Blob([new Uint8Array(buf)], { type: 'image/png' });

export const long = (n: number, ch = '字') => ch.repeat(n);
export const PAGE_CASES = (): BadCase[] => [
  queryAt('limit', 'abc', 'malformed'),
  queryAt('limit', '1000', 'out-of-range'),
  queryAt('limit', '0', 'out-of-range'),
  queryAt('offset', '-1', 'out-of-range'),
  queryAt('offset', '1.5', 'malformed'),
];
export const PRODUCT_BODY = (): Json => ({
  title: '手撕牛肉干',
  description: '内蒙古风干牛肉',
  categoryId: fx.categoryChild,
  attributes: [{ name: '产地', value: '内蒙古' }],
  options: [{ name: '口味', values: ['原味', '香辣'] }],
  skus: [
    { optionValues: { 口味: '原味' }, priceFen: 3990, stock: 10 },
    { optionValues: { 口味: '香辣' }, priceFen: 4290, listPriceFen: 5900, stock: 5 },
  ],
});
export const nonMerchants: Who[] = ['shopper', 'creator'];
export const WEBHOOK_EVENT = (): Json => ({
  id: 'sevt_0000000000badinput00',
  type: 'payment.succeeded',
  created: Math.floor(Date.now() / 1000),
  sequence: 1,
  data: { paymentRef: fx.payments.webhook.providerRef, merchantRef: fx.payments.webhook.id, amountFen: 4290 },
});
export const nonOperators: Who[] = ['shopper', 'merchant'];
