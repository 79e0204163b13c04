// Payouts through the service, fed with the sandbox bank's own signed events: delivered twice,
// late, contradicting, forged. (The job queue and real HTTP path: http.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { EventBus } from '../../../platform/events/bus.ts';
import { JobQueue } from '../../../platform/jobs/queue.ts';
import { freshDb } from '../../../../test/support/db.ts';
import { createPayouts, type Payouts } from './module.ts';
import { SETTLE_JOB } from './sandbox.ts';
import { signPayload, type SandboxTransferEvent } from './sandbox-wire.ts';
import { PAYOUT_TOPICS, type Payout } from './service.ts';

const SECRET = 'whsec_payout_test';
const PAYEE = 'usr_01jx00000000000payee0';
let db: Db;
let payouts: Payouts;
let n = 0;

beforeAll(async () => {
  db = await freshDb();
  const bus = new EventBus(db, { pollMs: 1000, maxAttempts: 3, baseBackoffMs: 10 });
  const jobs = new JobQueue(db, { pollMs: 1000, concurrency: 1, maxAttempts: 3, baseBackoffMs: 10, lockSeconds: 30 });
  // Nothing is delivered over HTTP here: the tests hand the bank's events to handleWebhook.
  payouts = createPayouts(db, bus, jobs, { secret: SECRET, processDelayMs: 0, maxDelayMs: 0, duplicateRate: 0, webhookBase: () => 'http://127.0.0.1:9' });
});
afterAll(() => db.close());

const service = () => payouts.service;
const create = (amountFen = 5000, reference = `wd_test${++n}`, payeeId = PAYEE): Promise<Payout> => db.tx((tx) => service().create(tx, { reference, payeeId, amountFen }));
const events = (transferRef: string) =>
  db.query<{ body: SandboxTransferEvent }>('SELECT body FROM sandbox_payout_events WHERE transfer_ref = $1 ORDER BY created_at, id', [transferRef]).then((r) => r.map((e) => e.body));
/** Settles the transfer at the bank (what its job does) and returns the event it emitted. */
async function settled(p: Payout): Promise<SandboxTransferEvent> {
  await payouts.bank.settle(p.providerRef);
  const [e] = await events(p.providerRef);
  return e!;
}
/** Delivers an event as the bank does: the raw JSON, signed with the shared secret. */
const deliver = (e: SandboxTransferEvent, secret = SECRET) => {
  const raw = JSON.stringify(e);
  return service().handleWebhook(raw, signPayload(secret, raw));
};
const published = (topic: string, payoutId: string) =>
  db.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM outbox WHERE topic = $1 AND payload->>'payoutId' = $2`, [topic, payoutId]).then((r) => r.map((x) => x.payload));

describe('payouts', () => {
  it('are idempotent by reference and start one sandbox transfer, settled by a job', async () => {
    const p = await create(5000);
    expect(p).toMatchObject({ status: 'processing', amountFen: 5000, currency: 'CNY', payeeId: PAYEE, provider: 'sandbox', failureReason: null, paidAt: null });
    const again = await create(5000, p.reference);
    expect([again.id, again.providerRef]).toEqual([p.id, p.providerRef]);
    expect(await payouts.bank.transfer(p.providerRef)).toMatchObject({ merchantRef: p.id, amountFen: 5000, status: 'processing' });
    expect((await db.query(`SELECT 1 FROM jobs WHERE kind = $1 AND payload->>'transferRef' = $2`, [SETTLE_JOB, p.providerRef])).length).toBe(1);
    // Other terms under the same reference are the caller's bug: a plain Error, not an API error.
    for (const [amount, payee] of [[5001, PAYEE], [5000, 'usr_01jx0000000000someone']] as const) {
      const err = await create(amount, p.reference, payee).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(AppError);
    }
    await expect(create(0)).rejects.toMatchObject({ code: 'validation_failed', field: 'amountFen' });
    await expect(db.tx((tx) => service().create(tx, { reference: 'wd_usd', payeeId: PAYEE, amountFen: 1, currency: 'USD' }))).rejects.toMatchObject({ field: 'currency' });
    expect((await service().byReference(p.reference))?.id).toBe(p.id);
    expect(await service().byReference('nothing')).toBeNull();
    await expect(service().get('pout_01jx000000000nothing00')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('leaves no transfer behind when the caller rolls back', async () => {
    const reference = `wd_rollback${++n}`;
    let ref = '';
    await expect(
      db.tx(async (tx) => {
        ref = (await service().create(tx, { reference, payeeId: PAYEE, amountFen: 700 })).providerRef;
        throw new Error('the caller failed after creating the payout');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await service().byReference(reference)).toBeNull();
    await expect(payouts.bank.transfer(ref)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('moves processing → paid once and publishes once, however often and late the event comes', async () => {
    const p = await create(8800);
    const e = await settled(p);
    expect(e).toMatchObject({ type: 'transfer.paid', data: { transferRef: p.providerRef, merchantRef: p.id, amountFen: 8800, currency: 'CNY' } });
    expect(await deliver(e)).toEqual({ outcome: 'applied' });
    expect(await deliver(e)).toEqual({ outcome: 'duplicate' });
    // Two copies racing, then a stale one much later (re-signed, as a bank's retry is).
    expect(await Promise.all([deliver(e), deliver(e)])).toEqual([{ outcome: 'duplicate' }, { outcome: 'duplicate' }]);
    expect(await deliver(e)).toEqual({ outcome: 'duplicate' });
    const after = await service().get(p.id);
    expect(after).toMatchObject({ status: 'paid', failureReason: null });
    expect(after.paidAt).not.toBeNull();
    expect(await published(PAYOUT_TOPICS.paid, p.id)).toEqual([{ payoutId: p.id, reference: p.reference, payeeId: PAYEE, amountFen: 8800 }]);
    // A bank settles once: settling again emits nothing new.
    await payouts.bank.settle(p.providerRef);
    expect(await events(p.providerRef)).toHaveLength(1);
  });

  it('refuses a signed event that contradicts the outcome, or names another amount', async () => {
    const p = await create(1200);
    const paid = await settled(p);
    const contradicting: SandboxTransferEvent = { ...paid, id: 'sxev_01jx0000000000contra', type: 'transfer.failed', data: { ...paid.data, failureReason: 'account_frozen' } };
    expect(await deliver({ ...paid, data: { ...paid.data, amountFen: 1 } })).toMatchObject({ outcome: 'ignored', why: expect.stringContaining('amount mismatch') });
    expect((await service().get(p.id)).status).toBe('processing');
    expect(await deliver(paid)).toEqual({ outcome: 'applied' });
    expect(await deliver(contradicting)).toEqual({ outcome: 'ignored', why: expect.stringContaining('paid payout') });
    expect((await service().get(p.id)).status).toBe('paid');
    expect(await published(PAYOUT_TOPICS.failed, p.id)).toEqual([]);
    expect(await published(PAYOUT_TOPICS.paid, p.id)).toHaveLength(1);
  });

  it('rejects a bad signature as unauthenticated and changes nothing', async () => {
    const p = await create(3000);
    const e = await settled(p);
    const raw = JSON.stringify(e);
    // Another secret, an expired signature (a replay), none, and a malformed one.
    const bad = [signPayload('not-the-secret', raw), signPayload(SECRET, raw, Math.floor(Date.now() / 1000) - 3600), undefined, '', 't=1,v1=abc'];
    for (const header of bad) {
      await expect(service().handleWebhook(raw, header)).rejects.toMatchObject({ code: 'unauthenticated', field: 'sandbox-payout-signature' });
    }
    // Tampered after signing: the signature no longer matches.
    await expect(service().handleWebhook(raw.replace('3000', '3'), signPayload(SECRET, raw))).rejects.toMatchObject({ code: 'unauthenticated' });
    expect((await service().get(p.id)).status).toBe('processing');
    expect(await published(PAYOUT_TOPICS.paid, p.id)).toEqual([]);
    // A signed body of the wrong shape is a validation error, not an authentication one.
    const junk = JSON.stringify({ ...e, type: 'transfer.reversed' });
    await expect(service().handleWebhook(junk, signPayload(SECRET, junk))).rejects.toMatchObject({ code: 'validation_failed', field: 'type' });
  });

  it('fails an amount ending in 13 fen with account_frozen, once', async () => {
    const p = await create(10_013);
    const e = await settled(p);
    expect(e).toMatchObject({ type: 'transfer.failed', data: { amountFen: 10_013, failureReason: 'account_frozen' } });
    expect(await payouts.bank.transfer(p.providerRef)).toMatchObject({ status: 'failed', failureReason: 'account_frozen' });
    expect(await deliver(e)).toEqual({ outcome: 'applied' });
    expect(await deliver(e)).toEqual({ outcome: 'duplicate' });
    expect(await service().get(p.id)).toMatchObject({ status: 'failed', failureReason: 'account_frozen', paidAt: null });
    expect(await published(PAYOUT_TOPICS.failed, p.id)).toEqual([{ payoutId: p.id, reference: p.reference, payeeId: PAYEE, amountFen: 10_013, reason: 'account_frozen' }]);
    // failed → paid is refused: the caller may already have returned the money to the balance.
    const { failureReason: _, ...data } = e.data;
    expect(await deliver({ ...e, id: 'sxev_01jx00000000latepaid', type: 'transfer.paid', data })).toMatchObject({ outcome: 'ignored' });
    expect((await service().get(p.id)).status).toBe('failed');
    expect(await published(PAYOUT_TOPICS.paid, p.id)).toEqual([]);
  });

  it('acknowledges and ignores a signed event about a transfer it does not know', async () => {
    const e: SandboxTransferEvent = { id: 'sxev_01jx000000000unknown0', type: 'transfer.paid', created: 1, data: { transferRef: 'sxfr_01jx00000000unknown', merchantRef: 'pout_01jx0000000unknown', amountFen: 5, currency: 'CNY' } };
    expect(await deliver(e)).toMatchObject({ outcome: 'ignored', why: expect.stringContaining('no payout') });
  });
});
