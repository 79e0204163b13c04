import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../platform/random.ts';
import { freshDb } from '../../../test/support/db.ts';
import type { Db } from '../../platform/db/index.ts';
import { EventBus } from '../../platform/events/bus.ts';
import { FeeSchedule, accounts, kindOf } from './accounts.ts';
import { LedgerError, LedgerService, type EntryInput, type LineInput } from './service.ts';

let db: Db;
let ledger: LedgerService;
beforeAll(async () => {
  db = await freshDb();
  ledger = new LedgerService(db, new EventBus(db, { pollMs: 1000, maxAttempts: 3, baseBackoffMs: 10 }));
});
afterAll(() => db.close());

const STORE = 'sto_0000000001demo000000';
const PSP = accounts.pspClearing('sandbox');
const PAYABLE = accounts.merchantPayable(STORE);
const post = (e: EntryInput) => db.tx((tx) => ledger.post(tx, e));
const sale = (refId: string, totalFen: number, feeFen: number): EntryInput => ({
  kind: 'payment.captured',
  refType: 'order',
  refId,
  memo: `order ${refId}`,
  lines: [
    { account: PSP, amountFen: totalFen },
    { account: PAYABLE, amountFen: -(totalFen - feeFen) },
    { account: accounts.feeRevenue, amountFen: -feeFen },
  ],
});
const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

describe('chart of accounts', () => {
  it('derives kinds from codes and computes fees per category, rounding down', () => {
    expect(kindOf(PSP)).toBe('asset');
    expect(kindOf(PAYABLE)).toBe('liability');
    expect(kindOf('platform:fee_revenue')).toBe('revenue');
    expect(kindOf('platform:coupon_expense')).toBe('expense');
    expect(kindOf('buyer:usr_0000000001demo000000:refundable')).toBe('liability');
    expect(kindOf('merchant:x')).toBeNull();
    const fees = new FeeSchedule(500, { cat_food: 200 });
    expect(fees.rateBps('cat_food')).toBe(200);
    expect(fees.rateBps('cat_snacks', 'cat_food')).toBe(200);
    expect(fees.rateBps('cat_other')).toBe(500);
    expect(fees.feeFen(3999, 500)).toBe(199); // 199.95 → 199
    expect(fees.feeFen(10_000_000_000_000, 10_000)).toBe(10_000_000_000_000);
    expect(() => new FeeSchedule(10_001)).toThrow();
  });
});

describe('posting', () => {
  it('posts a balanced entry, creating accounts with their kinds, and publishes an event', async () => {
    const r = await post(sale('ord_a', 10_000, 500));
    expect(r.duplicate).toBe(false);
    expect((await ledger.balance(PSP)).balanceFen).toBe(10_000);
    expect(await ledger.balance(PAYABLE)).toEqual({ account: PAYABLE, kind: 'liability', currency: 'CNY', debitsFen: 0, creditsFen: 9_500, balanceFen: -9_500 });
    expect((await ledger.balance(accounts.feeRevenue)).kind).toBe('revenue');
    const [entry] = await ledger.entriesFor('order', 'ord_a');
    expect(entry!.id).toBe(r.entryId);
    expect(entry!.lines.map((l) => [l.lineNo, l.account, l.amountFen])).toEqual([
      [1, PSP, 10_000],
      [2, PAYABLE, -9_500],
      [3, accounts.feeRevenue, -500],
    ]);
    const events = await db.query<{ payload: { entryId: string; kind: string; refType: string; refId: string } }>(`SELECT payload FROM outbox WHERE topic = 'ledger.entry.posted'`);
    expect(events.map((e) => e.payload)).toEqual([{ entryId: r.entryId, kind: 'payment.captured', refType: 'order', refId: 'ord_a', currency: 'CNY' }]);
  });

  it('rejects bad entries in code and writes nothing', async () => {
    const before = [await count('ledger_entries'), await count('ledger_lines'), await count('ledger_accounts'), await count('outbox')];
    const lines = (...ls: LineInput[]): EntryInput => ({ kind: 'test.bad', refType: 'test', refId: 'bad', lines: ls });
    const bad: Array<[EntryInput, RegExp]> = [
      [lines({ account: PSP, amountFen: 100 }, { account: PAYABLE, amountFen: -99 }), /sum to 1 fen/],
      [lines({ account: PSP, amountFen: 0 }, { account: PAYABLE, amountFen: 0 }), /zero/],
      [lines({ account: PSP, amountFen: 1.5 }, { account: PAYABLE, amountFen: -1.5 }), /whole number/],
      [lines({ account: PSP, amountFen: Number.NaN }, { account: PAYABLE, amountFen: 0 }), /whole number/],
      [lines({ account: PSP, amountFen: 2e13 }, { account: PAYABLE, amountFen: -2e13 }), /beyond/],
      [lines({ account: PSP, amountFen: 100 }), /two lines/],
      [lines({ account: 'PSP:Sandbox', amountFen: 1 }, { account: PAYABLE, amountFen: -1 }), /malformed/],
      [lines({ account: 'merchant:x:payable; drop', amountFen: 1 }, { account: PAYABLE, amountFen: -1 }), /malformed/],
      [lines({ account: 'misc:thing', amountFen: 1 }, { account: PAYABLE, amountFen: -1 }), /not in the chart/],
      [lines({ account: PSP, amountFen: 1, accountKind: 'liability' }, { account: PAYABLE, amountFen: -1 }), /is a asset account/],
      [{ ...lines({ account: PSP, amountFen: 1 }, { account: PAYABLE, amountFen: -1 }), currency: 'yuan' }, /currency/],
      [{ ...lines({ account: PSP, amountFen: 1 }, { account: PAYABLE, amountFen: -1 }), kind: 'Payment Captured' }, /kind/],
      // an existing account is kept in one currency
      [{ ...lines({ account: PSP, amountFen: 1 }, { account: PAYABLE, amountFen: -1 }), currency: 'USD' }, /kept in CNY/],
    ];
    for (const [entry, msg] of bad) {
      const err = await post(entry).catch((e: unknown) => e);
      expect(err, JSON.stringify(entry)).toBeInstanceOf(LedgerError);
      expect((err as Error).message).toMatch(msg);
    }
    expect([await count('ledger_entries'), await count('ledger_lines'), await count('ledger_accounts'), await count('outbox')]).toEqual(before);
  });

  it('lets an account outside the chart be used when its kind is given', async () => {
    await post({ kind: 'capital.injected', refType: 'test', refId: 'cap1', lines: [{ account: 'bank:icbc:settlement', amountFen: 1_000_000 }, { account: 'platform:equity', amountFen: -1_000_000 }] });
    await post({ kind: 'test.custom', refType: 'test', refId: 'c1', lines: [{ account: 'misc:suspense', amountFen: 5, accountKind: 'asset' }, { account: 'platform:equity', amountFen: -5 }] });
    expect((await ledger.balance('misc:suspense')).kind).toBe('asset');
  });
});

describe('the database guarantees', () => {
  const rawEntry = async (id: string, lines: Array<[string, number]>, immediate = false) =>
    db.tx(async (tx) => {
      if (immediate) await tx.query('SET CONSTRAINTS ledger_lines_balanced IMMEDIATE');
      await tx.query(`INSERT INTO ledger_entries (id, kind, ref_type, ref_id) VALUES ($1, 'test.raw', 'test', $1)`, [id]);
      for (const [i, [account, amount]] of lines.entries()) {
        await tx.query(`INSERT INTO ledger_lines (entry_id, line_no, account_code, amount_fen, currency) VALUES ($1, $2, $3, $4, 'CNY')`, [id, i + 1, account, amount]);
      }
      // the check is deferred: the transaction goes on after an unbalanced line…
      await tx.query('SELECT 1');
    });

  it('rejects an unbalanced entry inserted with SQL at commit, keeping nothing', async () => {
    await expect(rawEntry('led_raw_unbalanced', [[PSP, 100], [PAYABLE, -90]])).rejects.toThrow(/does not balance/);
    await expect(rawEntry('led_raw_single', [[PSP, 100]])).rejects.toThrow(/fewer than two lines|does not balance/);
    await expect(rawEntry('led_raw_empty', [])).rejects.toThrow(/fewer than two lines/);
    await expect(rawEntry('led_raw_immediate', [[PSP, 100], [PAYABLE, -100]], true)).rejects.toThrow(/does not balance/); // checked per line when immediate
    expect(await db.query(`SELECT id FROM ledger_entries WHERE id LIKE 'led_raw_%'`)).toEqual([]);
    // …and a balanced one built line by line commits
    await rawEntry('led_raw_ok', [[PSP, 100], [PAYABLE, -60], [PAYABLE, -40]]);
    expect((await ledger.entriesFor('test', 'led_raw_ok'))[0]!.lines).toHaveLength(3);
  });

  it('refuses zero lines, lines in another currency than their account, and any edit', async () => {
    await expect(rawEntry('led_raw_zero', [[PSP, 0], [PAYABLE, 0]])).rejects.toThrow(/check/i);
    await expect(
      db.tx(async (tx) => {
        await tx.query(`INSERT INTO ledger_entries (id, kind, ref_type, ref_id) VALUES ('led_raw_usd', 'test.raw', 'test', 'usd')`);
        await tx.query(`INSERT INTO ledger_lines (entry_id, line_no, account_code, amount_fen, currency) VALUES ('led_raw_usd', 1, $1, 1, 'USD'), ('led_raw_usd', 2, $2, -1, 'USD')`, [PSP, PAYABLE]);
      }),
    ).rejects.toThrow(/foreign key/);
    await expect(db.query(`UPDATE ledger_lines SET amount_fen = amount_fen * 2`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM ledger_entries`)).rejects.toThrow(/append-only/);
  });
});

describe('idempotency', () => {
  it('returns the first entry for a repeat and writes nothing', async () => {
    const first = await post(sale('ord_idem', 2_000, 100));
    const lines = (await ledger.entriesFor('order', 'ord_idem'))[0]!.lines;
    const outbox = await count('outbox');
    const again = await post({ ...sale('ord_idem', 2_000, 100), memo: 'retried' });
    const reordered = await post({ ...sale('ord_idem', 2_000, 100), lines: [...sale('ord_idem', 2_000, 100).lines].reverse() });
    expect(again).toEqual({ entryId: first.entryId, duplicate: true });
    expect(reordered).toEqual({ entryId: first.entryId, duplicate: true });
    expect((await ledger.entriesFor('order', 'ord_idem'))[0]!.lines).toEqual(lines);
    expect(await count('outbox')).toBe(outbox);
    // the same ref under another kind is another fact
    expect((await post({ ...sale('ord_idem', 2_000, 100), kind: 'payment.adjusted' })).duplicate).toBe(false);
  });

  it('throws on a repeat with different lines', async () => {
    await post(sale('ord_conflict', 3_000, 150));
    await expect(post(sale('ord_conflict', 3_000, 300))).rejects.toThrow(/already posted .* with different lines/);
    await expect(post({ ...sale('ord_conflict', 3_000, 150), currency: 'USD' })).rejects.toThrow(LedgerError);
  });

  it('posts once when the same entry races with itself', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => post(sale('ord_race', 1_000, 50))));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
  });
});

describe('queries', () => {
  it('gives a statement newest first with running balances, and balances by prefix', async () => {
    const store = 'sto_0000000002demo000000';
    const payable = accounts.merchantPayable(store);
    const amounts = [5_000, 2_500, 700];
    for (const [i, fen] of amounts.entries()) await post({ kind: 'payment.captured', refType: 'order', refId: `st_${i}`, lines: [{ account: PSP, amountFen: fen }, { account: payable, amountFen: -fen }] });
    await post({ kind: 'refund.paid', refType: 'refund', refId: 'st_r', memo: '退款', lines: [{ account: payable, amountFen: 700 }, { account: PSP, amountFen: -700 }] });
    const s = await ledger.statement(payable, { limit: 3, offset: 0 });
    expect(s.balanceFen).toBe(-7_500);
    expect(s.total).toBe(4);
    expect(s.items.map((l) => [l.refId, l.amountFen, l.balanceAfterFen])).toEqual([
      ['st_r', 700, -7_500],
      ['st_2', -700, -8_200],
      ['st_1', -2_500, -7_500],
    ]);
    expect(s.items[0]).toMatchObject({ kind: 'refund.paid', refType: 'refund', memo: '退款' });
    const page2 = await ledger.statement(payable, { limit: 3, offset: 3 });
    expect(page2.items.map((l) => [l.refId, l.balanceAfterFen])).toEqual([['st_0', -5_000]]);
    expect((await ledger.statement('merchant:sto_nobody:payable', { limit: 10, offset: 0 })).items).toEqual([]);

    const merchants = await ledger.balances('merchant:');
    expect(merchants.items.map((b) => b.account)).toEqual([PAYABLE, payable].sort());
    expect(merchants.total).toBe(2);
    expect(merchants.items.every((b) => b.kind === 'liability')).toBe(true);
    expect((await ledger.balances('merchant:', { limit: 1, offset: 1 })).items).toHaveLength(1);
  });

  it('nets to zero after a random sequence of postings, and every balance matches a model', async () => {
    const rnd = seededRandom(20_240_601);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const stores = ['sto_r1', 'sto_r2', 'sto_r3'].map((s) => accounts.merchantPayable(s));
    const buyers = ['usr_r1', 'usr_r2'].map((u) => accounts.buyerRefundable(u));
    const others = [PSP, accounts.feeRevenue, accounts.couponExpense, accounts.compensationExpense];
    const all = [...stores, ...buyers, ...others];
    const model = new Map<string, number>();
    for (const a of all) model.set(a, (await ledger.balance(a)).balanceFen);
    for (let i = 0; i < 60; i++) {
      const n = 2 + Math.floor(rnd() * 4);
      const lines: LineInput[] = [];
      for (let j = 0; j < n - 1; j++) lines.push({ account: pick(all), amountFen: (rnd() < 0.5 ? -1 : 1) * (1 + Math.floor(rnd() * 1_000_000)) });
      const rest = -lines.reduce((s, l) => s + l.amountFen, 0);
      if (rest === 0) continue;
      lines.push({ account: pick(all), amountFen: rest });
      await post({ kind: 'test.random', refType: 'test', refId: `rnd_${i}`, lines });
      for (const l of lines) model.set(l.account, model.get(l.account)! + l.amountFen);
    }
    for (const a of all) expect((await ledger.balance(a)).balanceFen, a).toBe(model.get(a));
    const tb = await ledger.trialBalance();
    expect(tb.map((r) => [r.currency, r.netFen])).toEqual([['CNY', 0]]);
    expect(tb[0]!.debitsFen).toBe(tb[0]!.creditsFen);
    const everything = await ledger.balances('', { limit: 100, offset: 0 });
    expect(everything.items.reduce((s, b) => s + b.balanceFen, 0)).toBe(0);
  });

  it('lands 20 concurrent postings to the same accounts', async () => {
    const payable = accounts.merchantPayable('sto_concurrent');
    const before = (await ledger.balance(PSP)).balanceFen;
    const amounts = Array.from({ length: 20 }, (_, i) => 100 * (i + 1));
    const results = await Promise.all(amounts.map((fen, i) => post({ kind: 'payment.captured', refType: 'order', refId: `conc_${i}`, lines: [{ account: PSP, amountFen: fen }, { account: payable, amountFen: -fen }] })));
    expect(results.every((r) => !r.duplicate)).toBe(true);
    const sum = amounts.reduce((a, b) => a + b, 0);
    expect((await ledger.balance(payable)).balanceFen).toBe(-sum);
    expect((await ledger.balance(PSP)).balanceFen).toBe(before + sum);
    expect((await ledger.statement(payable, { limit: 100, offset: 0 })).total).toBe(20);
    expect((await ledger.trialBalance())[0]!.netFen).toBe(0);
  });
});
