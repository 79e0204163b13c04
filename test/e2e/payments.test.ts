// Payments end to end over HTTP: the payer confirms on the sandbox PSP's pay-page API, the PSP
// POSTs signed webhooks to the server's own address (here every event twice, to prove that
// duplicates change nothing), and the intent moves; forged webhooks change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentIntent } from '../../src/modules/payments/service.ts';
import { SIGNATURE_HEADER, signPayload, type SandboxEvent } from '../../src/modules/payments/sandbox/wire.ts';
import { Client, startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let payer: Client;
let other: Client;
let payerId: string;
let n = 0;
const WEBHOOK = '/api/v1/payments/webhooks/sandbox';

beforeAll(async () => {
  t = await startTestPlatform({ SANDBOX_PSP_DUPLICATE_RATE: '1', SANDBOX_PSP_MAX_DELAY_MS: '0', JOBS_BACKOFF_MS: '50' });
  payer = await t.client.register('payer@example.com');
  other = await t.client.register('other@example.com');
  payerId = (await payer.get<{ id: string }>('/api/v1/me')).body.id;
});
afterAll(() => t.close());

const payments = () => t.platform.services.payments;
const newIntent = (amountFen = 4290) => t.platform.db.tx((tx) => payments().createIntent(tx, { reference: `ogr_e2e${++n}`, amountFen, payerId, description: '小鹿零食铺 · 牛肉干' }));
const count = async (sql: string, params: unknown[]) => (await t.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
/** Waits until every webhook delivery job has finished, then for the outbox to be delivered. */
async function settle(): Promise<void> {
  await expect.poll(() => count(`jobs WHERE kind = 'sandbox_psp.deliver_event' AND status <> 'succeeded'`, []), { timeout: 20_000 }).toBe(0);
  await t.platform.bus.drain();
}
const published = (topic: string, id: string) => count(`outbox WHERE topic = $1 AND payload->>'intentId' = $2`, [topic, id]);

async function paid(amountFen?: number): Promise<PaymentIntent> {
  const intent = await newIntent(amountFen);
  expect((await payer.post(`/api/v1/sandbox-psp/payments/${intent.providerRef}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  await settle();
  return payments().get(intent.id);
}

describe('payments with the sandbox PSP', () => {
  it('shows the pay page, takes the payer’s confirmation and learns it by webhook, once', async () => {
    const intent = await newIntent();
    expect(intent.payUrl).toBe(`/pay/${intent.providerRef}`);
    const page = await t.client.get<{ amountFen: number; status: string; merchantName: string; description: string }>(`/api/v1/sandbox-psp/payments/${intent.providerRef}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ amountFen: 4290, status: 'requires_confirmation', description: '小鹿零食铺 · 牛肉干' });
    expect(page.body.merchantName).toBeTruthy();

    const stranger = await other.post(`/api/v1/sandbox-psp/payments/${intent.providerRef}/confirm`, { outcome: 'succeed' });
    expect([stranger.status, stranger.problem.code]).toEqual([403, 'forbidden']);
    expect((await t.client.post(`/api/v1/sandbox-psp/payments/${intent.providerRef}/confirm`, { outcome: 'succeed' })).status).toBe(401);

    const ok = await payer.post<{ status: string }>(`/api/v1/sandbox-psp/payments/${intent.providerRef}/confirm`, { outcome: 'succeed' });
    expect([ok.status, ok.body.status]).toEqual([200, 'succeeded']);
    await expect.poll(async () => (await payments().get(intent.id)).status, { timeout: 20_000 }).toBe('succeeded');
    await settle();
    // The sandbox sent the event twice over HTTP; we recorded it once and published once.
    const [sent] = await t.platform.db.query<{ deliveries: number; last_status: number }>('SELECT deliveries, last_status FROM sandbox_psp_events WHERE payment_ref = $1', [intent.providerRef]);
    expect(sent).toEqual({ deliveries: 2, last_status: 200 });
    expect(await count(`payment_webhook_events WHERE provider_ref = $1`, [intent.providerRef])).toBe(1);
    expect(await published('payment.intent.succeeded', intent.id)).toBe(1);

    const again = await payer.post(`/api/v1/sandbox-psp/payments/${intent.providerRef}/confirm`, { outcome: 'fail' });
    expect([again.status, again.problem.code]).toEqual([409, 'invalid_state']);
    expect((await payments().getForPayer(intent.id, payerId)).status).toBe('succeeded');
  });

  it('records a failed attempt and then a successful one', async () => {
    const intent = await newIntent();
    await payer.post(`/api/v1/sandbox-psp/payments/${intent.providerRef}/confirm`, { outcome: 'fail' });
    await settle();
    expect((await payments().get(intent.id)).status).toBe('failed');
    await payer.post(`/api/v1/sandbox-psp/payments/${intent.providerRef}/confirm`, { outcome: 'succeed' });
    await settle();
    expect((await payments().get(intent.id)).status).toBe('succeeded');
    expect(await published('payment.intent.failed', intent.id)).toBe(1);
    expect(await published('payment.intent.succeeded', intent.id)).toBe(1);
  });

  it('refuses forged, tampered and expired webhooks with 401 and changes nothing; replays are acknowledged', async () => {
    const intent = await newIntent();
    const event: SandboxEvent = { id: 'sevt_01jx00000000forged000', type: 'payment.succeeded', created: Math.floor(Date.now() / 1000), sequence: 1, data: { paymentRef: intent.providerRef, merchantRef: intent.id, amountFen: intent.amountFen } };
    const raw = JSON.stringify(event);
    const secret = t.platform.config.sandboxPsp.secret;
    const before = await count('payment_webhook_events', []);
    const attempts: Array<Record<string, string>> = [
      {},
      { [SIGNATURE_HEADER]: signPayload('a-guessed-secret', raw) },
      { [SIGNATURE_HEADER]: signPayload(secret, raw.replace(String(intent.amountFen), '1')) },
      { [SIGNATURE_HEADER]: signPayload(secret, raw, Math.floor(Date.now() / 1000) - 600) },
    ];
    for (const headers of attempts) {
      const res = await t.client.post(WEBHOOK, raw, headers);
      expect([res.status, res.problem.code, res.problem.field]).toEqual([401, 'unauthenticated', SIGNATURE_HEADER]);
    }
    expect(await count('payment_webhook_events', [])).toBe(before);
    expect((await payments().get(intent.id)).status).toBe('requires_payment');

    // A real event, replayed later with a fresh signature: acknowledged, nothing changes.
    const done = await paid();
    const [real] = await t.platform.db.query<{ body: SandboxEvent }>('SELECT body FROM sandbox_psp_events WHERE payment_ref = $1', [done.providerRef]);
    const replay = JSON.stringify(real!.body);
    const res = await t.client.post<{ outcome: string }>(WEBHOOK, replay, { [SIGNATURE_HEADER]: signPayload(secret, replay) });
    expect([res.status, res.body.outcome]).toEqual([200, 'duplicate']);
    expect(await published('payment.intent.succeeded', done.id)).toBe(1);
  });

  it('refunds in parts up to the captured amount, each settled by webhook', async () => {
    const intent = await paid(5000);
    const refund = (amountFen: number, key: string) => t.platform.db.tx((tx) => payments().refund(tx, { intentId: intent.id, amountFen, reason: '七天无理由退货', idempotencyKey: key }));
    await expect(refund(5001, 'too-much')).rejects.toMatchObject({ status: 409, code: 'invalid_state', field: 'amountFen' });
    await refund(2000, 'part-1');
    await settle();
    expect((await payments().get(intent.id)).refundedFen).toBe(2000);
    await refund(3000, 'part-2');
    await settle();
    const after = await payments().get(intent.id);
    expect([after.refundedFen, after.fullyRefunded]).toEqual([5000, true]);
    expect(await count(`outbox WHERE topic = 'payment.refund.succeeded' AND payload->>'intentId' = $1`, [intent.id])).toBe(2);
    await expect(refund(1, 'part-3')).rejects.toMatchObject({ code: 'invalid_state', field: 'amountFen' });
    const page = await t.client.get<{ refundedFen: number }>(`/api/v1/sandbox-psp/payments/${intent.providerRef}`);
    expect(page.body.refundedFen).toBe(5000);
  });
});
