// Health and metrics over HTTP: liveness, readiness (ready once started, 503 from the moment
// shutdown begins), and Prometheus metrics — request latency by route pattern, jobs by status, the
// outbox's backlog and lag — served to this machine, or to a bearer of METRICS_TOKEN when set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let guarded: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
  guarded = await startTestPlatform({ METRICS_TOKEN: 'metrics-secret-token-1' });
});
afterAll(async () => {
  await t.close();
  await guarded.close();
});

const text = async (url: string, headers: Record<string, string> = {}) => {
  const r = await fetch(url, { headers });
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() };
};

describe('health', () => {
  it('is live and ready once started', async () => {
    expect((await t.client.get<{ status: string }>('/api/health/live')).body.status).toBe('ok');
    const ready = await t.client.get<{ status: string; db: string }>('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', db: t.platform.db.kind, instance: t.platform.config.instanceId, roles: ['api', 'worker', 'ingest'] });
  });

  it('times requests by route pattern, and counts jobs and the outbox', async () => {
    const products = await t.client.get('/api/v1/products/prd_0000000000zzzzzzzzzz');
    expect(products.status).toBe(404);
    const m = await text(`${t.url}/metrics`);
    expect(m.status).toBe(200);
    expect(m.type).toContain('text/plain');
    // The pattern, not the id: one series per route.
    expect(m.body).toMatch(/flywheel_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/products\/:productId",status="404"\} 1\n/);
    expect(m.body).not.toContain('prd_0000000000zzzzzzzzzz');
    expect(m.body).toMatch(/flywheel_outbox_events\{status="pending"\} \d+/);
    expect(m.body).toMatch(/flywheel_outbox_lag_seconds \d/);
    expect(m.body).toContain('# TYPE flywheel_jobs gauge');
    expect(m.body).toContain('flywheel_process_cpu_seconds_total');
  });

  it('asks for the bearer token when one is configured, and never writes it back', async () => {
    expect((await text(`${guarded.url}/metrics`)).status).toBe(401);
    expect((await text(`${guarded.url}/metrics`, { authorization: 'Bearer wrong-token-of-same-size' })).status).toBe(401);
    const ok = await text(`${guarded.url}/metrics`, { authorization: 'Bearer metrics-secret-token-1' });
    expect(ok.status).toBe(200);
    expect(ok.body).not.toContain('metrics-secret-token-1');
  });

  it('is not ready while starting or draining, yet still live', async () => {
    const h = t.platform.health;
    for (const state of [{ started: false, draining: false }, { started: true, draining: true }]) {
      Object.assign(h, state);
      const r = await t.client.get<{ code: string }>('/api/health/ready');
      expect([r.status, r.body.code]).toEqual([503, 'unavailable']);
      expect((await t.client.get('/api/health/live')).status).toBe(200);
    }
    Object.assign(h, { started: true, draining: false });
    expect((await t.client.get('/api/health/ready')).status).toBe(200);
  });

  it('turns readiness off first thing when the platform closes', async () => {
    const closing = guarded.platform.close();
    expect(guarded.platform.health.draining).toBe(true);
    await closing;
  });

  it('carries the request id into the events and jobs a request sets off (so logs follow it across processes)', async () => {
    const merchant = await t.client.register('trace-merchant@example.com', ['merchant']);
    const made = await merchant.req<{ id: string }>('POST', '/api/v1/merchant/stores', { name: '追踪小店' }, { 'x-request-id': 'trace-0123456789' });
    expect(made.status).toBe(201);
    expect(made.headers.get('x-request-id')).toBe('trace-0123456789');
    const events = await t.platform.db.query<{ topic: string; request_id: string | null }>(`SELECT topic, request_id FROM outbox WHERE payload->>'storeId' = $1`, [made.body.id]);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.request_id === 'trace-0123456789')).toBe(true);
    // A job enqueued while handling an event runs under the event's request (here: none was given, so a fresh id).
    const other = await merchant.post<{ id: string }>('/api/v1/merchant/stores', { name: '追踪二店' });
    const [row] = await t.platform.db.query<{ request_id: string | null }>(`SELECT request_id FROM outbox WHERE payload->>'storeId' = $1 LIMIT 1`, [other.body.id]);
    expect(row?.request_id).toBe(other.headers.get('x-request-id'));
  });
});

