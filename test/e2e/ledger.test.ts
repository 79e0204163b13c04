import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/modules/catalog/stores.ts';
import { accounts } from '../../src/modules/ledger/accounts.ts';
import type { EntryInput } from '../../src/modules/ledger/service.ts';
import { Client, startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let merchant: Client;
let other: Client;
let operator: Client;
let store: Store;

interface StatementBody {
  storeId: string;
  account: string;
  currency: string;
  payableFen: number;
  openingFen: number;
  closingFen: number;
  items: Array<{ entryId: string; kind: string; refType: string; refId: string; memo: string; amountFen: number; payableAfterFen: number; at: string }>;
  total: number;
  limit: number;
  offset: number;
}

const post = (e: EntryInput) => t.platform.db.tx((tx) => t.platform.services.ledger.post(tx, e));

beforeAll(async () => {
  t = await startTestPlatform();
  merchant = await t.client.register('ledger-m1@example.com', ['merchant']);
  other = await t.client.register('ledger-m2@example.com', ['merchant']);
  const ops = await t.platform.services.identity.register({ email: 'ledger-ops@example.com', password: 'correct-horse-1', displayName: 'ops', roles: [] });
  await t.platform.services.identity.setRoles(ops.id, ['operator']);
  operator = await t.client.login('ledger-ops@example.com', 'correct-horse-1');
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '账本测试店' })).body;
  await other.post<Store>('/api/v1/merchant/stores', { name: '别人的店' });
});
afterAll(() => t.close());

describe('ledger over HTTP', () => {
  it("shows a merchant their store's payable and lines, newest first, and nobody else", async () => {
    const empty = await merchant.get<StatementBody>(`/api/v1/merchant/stores/${store.id}/statement`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ storeId: store.id, payableFen: 0, items: [], total: 0, limit: 20, offset: 0 });

    const payable = accounts.merchantPayable(store.id);
    const psp = accounts.pspClearing('manual');
    await post({ kind: 'payment.captured', refType: 'order', refId: 'ord_1', memo: '订单 1', lines: [{ account: psp, amountFen: 10_000 }, { account: payable, amountFen: -9_500 }, { account: accounts.feeRevenue, amountFen: -500 }] });
    await post({ kind: 'refund.paid', refType: 'refund', refId: 'rfd_1', lines: [{ account: payable, amountFen: 2_000 }, { account: psp, amountFen: -2_000 }] });

    const s = await merchant.get<StatementBody>(`/api/v1/merchant/stores/${store.id}/statement?limit=1`);
    expect(s.status).toBe(200);
    expect(s.body.payableFen).toBe(7_500);
    expect(s.body.total).toBe(2);
    expect(s.body.items).toHaveLength(1);
    expect(s.body.items[0]).toMatchObject({ kind: 'refund.paid', refType: 'refund', refId: 'rfd_1', amountFen: -2_000, payableAfterFen: 7_500 });
    const older = await merchant.get<StatementBody>(`/api/v1/merchant/stores/${store.id}/statement?limit=1&offset=1`);
    expect(older.body.items[0]).toMatchObject({ refId: 'ord_1', memo: '订单 1', amountFen: 9_500, payableAfterFen: 9_500 });

    const denied = await other.get(`/api/v1/merchant/stores/${store.id}/statement`);
    expect(denied.status).toBe(403);
    expect(denied.problem.code).toBe('forbidden');
    expect((await operator.get(`/api/v1/merchant/stores/${store.id}/statement`)).status).toBe(403); // operators lack the merchant role
  });

  it('gives operators the trial balance and account balances by prefix', async () => {
    const tb = await operator.get<{ balanced: boolean; currencies: Array<{ currency: string; debitsFen: number; creditsFen: number; netFen: number }> }>('/api/v1/ops/ledger/trial-balance');
    expect(tb.status).toBe(200);
    expect(tb.body).toEqual({ balanced: true, currencies: [{ currency: 'CNY', debitsFen: 12_000, creditsFen: 12_000, netFen: 0 }] });

    const list = await operator.get<{ items: Array<{ account: string; kind: string; balanceFen: number }>; total: number }>('/api/v1/ops/ledger/accounts?prefix=merchant:');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ account: accounts.merchantPayable(store.id), kind: 'liability', balanceFen: -7_500 });
    const everything = await operator.get<{ items: Array<{ balanceFen: number }>; total: number }>('/api/v1/ops/ledger/accounts');
    expect(everything.body.total).toBe(3);
    expect(everything.body.items.reduce((s, a) => s + a.balanceFen, 0)).toBe(0);

    expect((await merchant.get('/api/v1/ops/ledger/trial-balance')).status).toBe(403);
    expect((await t.client.get('/api/v1/ops/ledger/accounts')).status).toBe(401);
  });

  it('publishes ledger.entry.posted through the outbox', async () => {
    const [row] = await t.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'ledger.entry.posted'`);
    expect(row!.n).toBe(2);
  });

  it('limits a statement to a time range, with the payable at its start and end', async () => {
    const ranged = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '账期测试店' })).body;
    const payable = accounts.merchantPayable(ranged.id);
    const psp = accounts.pspClearing('manual');
    // Each posting is its own transaction, so the database clock between them splits them in time.
    const clock = async () => (await t.platform.db.query<{ at: Date }>('SELECT clock_timestamp() AS at'))[0]!.at.toISOString();
    await post({ kind: 'payment.captured', refType: 'order', refId: 'ord_r1', lines: [{ account: psp, amountFen: 1_000 }, { account: payable, amountFen: -1_000 }] });
    const t1 = await clock();
    await post({ kind: 'payment.captured', refType: 'order', refId: 'ord_r2', lines: [{ account: psp, amountFen: 500 }, { account: payable, amountFen: -500 }] });
    const t2 = await clock();
    await post({ kind: 'refund.paid', refType: 'refund', refId: 'rfd_r3', lines: [{ account: payable, amountFen: 200 }, { account: psp, amountFen: -200 }] });
    const url = (q: string) => `/api/v1/merchant/stores/${ranged.id}/statement?${q}`;

    const middle = await merchant.get<StatementBody>(url(`from=${t1}&to=${t2}`));
    expect(middle.status).toBe(200);
    expect(middle.body).toMatchObject({ payableFen: 1_300, openingFen: 1_000, closingFen: 1_500, total: 1 });
    expect(middle.body.items.map((l) => [l.refId, l.amountFen, l.payableAfterFen])).toEqual([['ord_r2', 500, 1_500]]);
    const since = await merchant.get<StatementBody>(url(`from=${t1}`));
    expect(since.body).toMatchObject({ openingFen: 1_000, closingFen: 1_300, total: 2 });
    expect(since.body.items.map((l) => l.refId)).toEqual(['rfd_r3', 'ord_r2']);
    const until = await merchant.get<StatementBody>(url(`to=${t1}`));
    expect(until.body).toMatchObject({ openingFen: 0, closingFen: 1_000, total: 1 });
    const all = await merchant.get<StatementBody>(url(''));
    expect(all.body).toMatchObject({ openingFen: 0, closingFen: 1_300, payableFen: 1_300, total: 3 });

    const backwards = await merchant.get(url(`from=${t2}&to=${t1}`));
    expect(backwards.status).toBe(400);
    expect(backwards.problem.field).toBe('querystring.to');
  });
});
