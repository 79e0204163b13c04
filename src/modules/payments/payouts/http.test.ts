// Payouts the way they run: the bank's settlement job, then its delivery jobs POSTing signed
// webhooks (every event twice here) to the webhook route on a real HTTP server; forged POSTs are
// a 401 problem+json and change nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/index.ts';
import { EventBus } from '../../../platform/events/bus.ts';
import { createHttp, type App } from '../../../platform/http/server.ts';
import { JobQueue } from '../../../platform/jobs/queue.ts';
import { createLogger } from '../../../platform/log.ts';
import { freshDb } from '../../../../test/support/db.ts';
import { createPayouts, type Payouts } from './module.ts';
import { DELIVER_JOB, WEBHOOK_PATH } from './sandbox.ts';
import { signPayload, type SandboxTransferEvent } from './sandbox-wire.ts';
import { PAYOUT_TOPICS, type Payout } from './service.ts';

const SECRET = 'whsec_payout_http_test';
const PAYEE = 'usr_01jx00000000000payee0';
let db: Db;
let app: App;
let jobs: JobQueue;
let payouts: Payouts;
let base = '';
let dataDir: string;
let n = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fw-payout-'));
  db = await freshDb();
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SERVE_WEB: 'false' });
  const bus = new EventBus(db, config.events);
  jobs = new JobQueue(db, { pollMs: 1000, concurrency: 4, maxAttempts: 5, baseBackoffMs: 50, lockSeconds: 30 });
  // random() = 0: every event is sent twice, each copy at once.
  payouts = createPayouts(db, bus, jobs, { secret: SECRET, processDelayMs: 0, maxDelayMs: 0, duplicateRate: 1, webhookBase: () => base, random: () => 0 });
  payouts.register();
  app = await createHttp({ config, authenticate: async () => null, log: createLogger(config, false) });
  await payouts.routes(app);
  await app.ready();
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await jobs.stop();
  await app.close();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const create = (amountFen: number): Promise<Payout> => db.tx((tx) => payouts.service.create(tx, { reference: `wd_http${++n}`, payeeId: PAYEE, amountFen }));
const count = async (sql: string, params: unknown[]) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
const post = (raw: string, signature?: string) =>
  fetch(base + WEBHOOK_PATH, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature !== undefined ? { 'Sandbox-Payout-Signature': signature } : {}) }, body: raw });

describe('payouts over HTTP', () => {
  it('settles by job and delivers each outcome twice over HTTP; the payout moves and publishes once', async () => {
    const ok = await create(12_345);
    const frozen = await create(2_013);
    await jobs.drain();
    for (const p of [ok, frozen]) {
      const [event] = await db.query<{ deliveries: number; last_status: number }>('SELECT deliveries, last_status FROM sandbox_payout_events WHERE transfer_ref = $1', [p.providerRef]);
      expect(event).toEqual({ deliveries: 2, last_status: 200 });
    }
    expect(await count(`jobs WHERE kind = $1 AND status <> 'succeeded'`, [DELIVER_JOB])).toBe(0);
    expect(await payouts.service.get(ok.id)).toMatchObject({ status: 'paid', failureReason: null });
    expect(await payouts.service.get(frozen.id)).toMatchObject({ status: 'failed', failureReason: 'account_frozen' });
    expect(await count(`outbox WHERE topic = $1 AND payload->>'payoutId' = $2`, [PAYOUT_TOPICS.paid, ok.id])).toBe(1);
    expect(await count(`outbox WHERE topic = $1 AND payload->>'payoutId' = $2`, [PAYOUT_TOPICS.failed, frozen.id])).toBe(1);
    expect(await count(`outbox WHERE topic = ANY($1::text[])`, [Object.values(PAYOUT_TOPICS)])).toBe(2);
  });

  it('answers a forged webhook with a 401 problem and changes nothing; a genuine duplicate with a 200', async () => {
    const p = await create(4_200);
    await payouts.bank.settle(p.providerRef);
    const [{ body } = { body: null }] = await db.query<{ body: SandboxTransferEvent }>('SELECT body FROM sandbox_payout_events WHERE transfer_ref = $1', [p.providerRef]);
    const raw = JSON.stringify(body);
    for (const signature of [undefined, signPayload('not-the-secret', raw)]) {
      const res = await post(raw, signature);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ code: 'unauthenticated', field: 'sandbox-payout-signature' });
    }
    expect((await payouts.service.get(p.id)).status).toBe('processing');
    const first = await post(raw, signPayload(SECRET, raw));
    expect([first.status, await first.json()]).toEqual([200, { received: true, outcome: 'applied' }]);
    const again = await post(raw, signPayload(SECRET, raw));
    expect([again.status, await again.json()]).toEqual([200, { received: true, outcome: 'duplicate' }]);
    expect((await payouts.service.get(p.id)).status).toBe('paid');
    expect(await count(`outbox WHERE topic = $1 AND payload->>'payoutId' = $2`, [PAYOUT_TOPICS.paid, p.id])).toBe(1);
  });
});
