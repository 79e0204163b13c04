// The intent state machine through the service, fed with the sandbox PSP's own signed events
// in every order: duplicates, out of order, stale, and refunds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../main.ts';
import { loadConfig } from '../../platform/config.ts';
import type { Db } from '../../platform/db/index.ts';
import { freshDb } from '../../../test/support/db.ts';
import { SIGNATURE_HEADER, signPayload, type SandboxEvent } from './sandbox/wire.ts';
import type { PaymentIntent, PaymentService } from './service.ts';

let db: Db;
let platform: Platform;
let payments: PaymentService;
let dataDir: string;
let n = 0;
const PAYER = 'usr_01jx00000000000payer0';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fw-pay-'));
  db = await freshDb();
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SERVE_WEB: 'false', SANDBOX_PSP_DUPLICATE_RATE: '0', SANDBOX_PSP_MAX_DELAY_MS: '0' });
  platform = await createPlatform(config, { db, logger: false });
  payments = platform.services.payments;
});
afterAll(async () => {
  await platform.close();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const newIntent = (amountFen = 1000): Promise<PaymentIntent> => db.tx((tx) => payments.createIntent(tx, { reference: `ogr_test${++n}`, amountFen, payerId: PAYER, description: '手撕牛肉干 ×2' }));
const events = (ref: string) => db.query<{ body: SandboxEvent }>('SELECT body FROM sandbox_psp_events WHERE payment_ref = $1 ORDER BY seq', [ref]).then((r) => r.map((e) => e.body));
/** Delivers a sandbox event as the webhook route does: signed raw body → verify → handle. */
const deliver = (e: SandboxEvent) => {
  const raw = JSON.stringify(e);
  return payments.handleWebhook(payments.provider.verifyWebhook(raw, { [SIGNATURE_HEADER]: signPayload(platform.config.sandboxPsp.secret, raw) }));
};
const published = (topic: string, intentId: string) => db.query(`SELECT 1 FROM outbox WHERE topic = $1 AND payload->>'intentId' = $2`, [topic, intentId]).then((r) => r.length);

describe('payment intents', () => {
  it('are idempotent by reference and open a sandbox payment with a pay page', async () => {
    const a = await newIntent(2500);
    expect(a).toMatchObject({ status: 'requires_payment', amountFen: 2500, currency: 'CNY', provider: 'sandbox', refundedFen: 0, payUrl: `/pay/${a.providerRef}` });
    const again = await db.tx((tx) => payments.createIntent(tx, { reference: a.reference, amountFen: 2500, payerId: PAYER, description: 'again' }));
    expect(again.id).toBe(a.id);
    await expect(db.tx((tx) => payments.createIntent(tx, { reference: a.reference, amountFen: 2600, payerId: PAYER, description: 'x' }))).rejects.toMatchObject({ code: 'conflict', field: 'amountFen' });
    await expect(db.tx((tx) => payments.createIntent(tx, { reference: 'ogr_bad', amountFen: 0, payerId: PAYER, description: 'x' }))).rejects.toMatchObject({ code: 'validation_failed', field: 'amountFen' });
    expect((await payments.byReference(a.reference))?.id).toBe(a.id);
    expect(await payments.byReference('nothing')).toBeNull();
    await expect(payments.getForPayer(a.id, 'usr_01jx0000000000someone')).rejects.toMatchObject({ code: 'not_found' });
    expect((await platform.services.sandboxPsp.view(a.providerRef)).amountFen).toBe(2500);
  });

  it('succeeds once, however often the event is delivered', async () => {
    const i = await newIntent();
    await platform.services.sandboxPsp.confirm(i.providerRef, PAYER, 'succeed');
    const [e] = await events(i.providerRef);
    expect(await deliver(e!)).toEqual({ outcome: 'applied' });
    expect(await deliver(e!)).toEqual({ outcome: 'duplicate' });
    expect(await deliver(e!)).toEqual({ outcome: 'duplicate' });
    expect((await payments.get(i.id)).status).toBe('succeeded');
    expect(await published('payment.intent.succeeded', i.id)).toBe(1);
  });

  it('ignores a failure that arrives after a later success (out of order)', async () => {
    const i = await newIntent();
    await platform.services.sandboxPsp.confirm(i.providerRef, PAYER, 'fail');
    await platform.services.sandboxPsp.confirm(i.providerRef, PAYER, 'succeed');
    const [failed, succeeded] = await events(i.providerRef);
    expect(await deliver(succeeded!)).toEqual({ outcome: 'applied' });
    expect(await deliver(failed!)).toEqual({ outcome: 'ignored', why: expect.stringContaining('stale') });
    expect((await payments.get(i.id)).status).toBe('succeeded');
    expect(await published('payment.intent.succeeded', i.id)).toBe(1);
    expect(await published('payment.intent.failed', i.id)).toBe(0);
  });

  it('fails, is retried, then succeeds; a succeeded intent cannot be retried or fail', async () => {
    const i = await newIntent();
    await expect(db.tx((tx) => payments.retry(tx, i.id))).rejects.toMatchObject({ code: 'invalid_state' });
    await platform.services.sandboxPsp.confirm(i.providerRef, PAYER, 'fail');
    await platform.services.sandboxPsp.confirm(i.providerRef, PAYER, 'fail');
    const [f1, f2] = await events(i.providerRef);
    expect(await deliver(f2!)).toEqual({ outcome: 'applied' });
    expect(await deliver(f1!)).toMatchObject({ outcome: 'ignored' }); // older than the one applied
    expect((await payments.get(i.id)).status).toBe('failed');
    expect(await published('payment.intent.failed', i.id)).toBe(1);
    expect((await db.tx((tx) => payments.retry(tx, i.id))).status).toBe('requires_payment');
    await platform.services.sandboxPsp.confirm(i.providerRef, PAYER, 'succeed');
    const s = (await events(i.providerRef))[2]!;
    expect(await deliver(s)).toEqual({ outcome: 'applied' });
    expect((await payments.get(i.id)).status).toBe('succeeded');
    await expect(db.tx((tx) => payments.retry(tx, i.id))).rejects.toMatchObject({ code: 'invalid_state' });
    await expect(platform.services.sandboxPsp.confirm(i.providerRef, PAYER, 'fail')).rejects.toMatchObject({ code: 'invalid_state' });
    await expect(platform.services.sandboxPsp.confirm(i.providerRef, 'usr_01jx0000000000someone', 'succeed')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refunds at most what was captured, settling each refund once by webhook', async () => {
    const i = await newIntent(1000);
    const refund = (amountFen: number, key: string) => db.tx((tx) => payments.refund(tx, { intentId: i.id, amountFen, reason: '不想要了', idempotencyKey: key }));
    await expect(refund(100, 'early')).rejects.toMatchObject({ code: 'invalid_state' });
    await platform.services.sandboxPsp.confirm(i.providerRef, PAYER, 'succeed');
    await deliver((await events(i.providerRef))[0]!);
    await expect(refund(1001, 'too-much')).rejects.toMatchObject({ code: 'invalid_state', field: 'amountFen' });
    const r1 = await refund(600, 'r1');
    expect(r1.status).toBe('pending');
    expect((await refund(600, 'r1')).id).toBe(r1.id); // same key: same refund
    await expect(refund(500, 'r1')).rejects.toMatchObject({ code: 'conflict' });
    await expect(refund(500, 'r2')).rejects.toMatchObject({ code: 'invalid_state', field: 'amountFen' }); // 600 pending
    const r2 = await refund(400, 'r2');
    const [, e1, e2] = await events(i.providerRef);
    expect(await deliver(e2!)).toEqual({ outcome: 'applied' }); // out of order: the second refund first
    expect(await deliver(e1!)).toEqual({ outcome: 'applied' });
    expect(await deliver(e1!)).toEqual({ outcome: 'duplicate' });
    const after = await payments.get(i.id);
    expect([after.status, after.refundedFen, after.fullyRefunded]).toEqual(['succeeded', 1000, true]);
    expect((await payments.refunds(i.id)).map((r) => [r.id, r.status])).toEqual([[r1.id, 'succeeded'], [r2.id, 'succeeded']]);
    expect((await db.query(`SELECT 1 FROM outbox WHERE topic = 'payment.refund.succeeded' AND payload->>'intentId' = $1`, [i.id])).length).toBe(2);
    await expect(refund(1, 'r3')).rejects.toMatchObject({ code: 'invalid_state', field: 'amountFen' });
  });

  it('acknowledges and ignores a signed event about a payment it does not know', async () => {
    const e: SandboxEvent = { id: 'sevt_01jx000000000unknown0', type: 'payment.succeeded', created: 1, sequence: 1, data: { paymentRef: 'spay_01jx000000000unknown', merchantRef: 'pi_01jx000000000unknown00', amountFen: 5 } };
    expect(await deliver(e)).toMatchObject({ outcome: 'ignored' });
  });
});
