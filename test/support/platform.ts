// Whole-platform test harness: a real server on a random port over a fresh database, and a
// small typed HTTP client (Vendure/PeerTube style: tests talk HTTP like any client would).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createPlatform, type Platform, type PlatformOptions } from '../../src/main.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { Problem } from '../../src/platform/http/problems.ts';
import { freshDb } from './db.ts';

export interface Res<T> {
  status: number;
  body: T;
  problem: Problem;
  headers: Headers;
}

/** The default shipping address of accounts made by `Client.register`. */
export const TEST_ADDRESS = { recipient: '王小明', phone: '13812345678', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号 3 幢 501' };

export class Client {
  constructor(
    readonly base: string,
    private token: string | null = null,
  ) {}

  /** Headers that sign a non-fetch request (a WebSocket) in as this client. */
  get authHeaders(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  as(token: string | null): Client {
    return new Client(this.base, token);
  }

  async req<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (typeof body === 'string') {
      payload = body;
      h['content-type'] ??= 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (HTML pages, images): keep the text
    }
    return { status: res.status, body: parsed as T, problem: parsed as Problem, headers: res.headers };
  }

  get<T = unknown>(path: string) {
    return this.req<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.req<T>('POST', path, body ?? {}, headers);
  }
  patch<T = unknown>(path: string, body: unknown) {
    return this.req<T>('PATCH', path, body);
  }
  put<T = unknown>(path: string, body?: unknown) {
    return this.req<T>('PUT', path, body);
  }
  delete<T = unknown>(path: string) {
    return this.req<T>('DELETE', path);
  }

  /** Signs in with a bearer token and returns a client that uses it. */
  async login(email: string, password: string): Promise<Client> {
    const r = await this.post<{ token: string }>('/api/v1/auth/login', { email, password, mode: 'token' });
    if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return this.as(r.body.token);
  }

  async register(email: string, roles: Array<'creator' | 'merchant'> = [], displayName = email.split('@')[0]!): Promise<Client> {
    const r = await this.post<{ token: string }>('/api/v1/auth/register', { email, password: 'correct-horse-1', displayName, roles, mode: 'token' });
    if (r.status !== 201) throw new Error(`register ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
    const client = this.as(r.body.token);
    // Every account gets a default shipping address, as a shopper would add before a first checkout.
    const a = await client.post('/api/v1/me/addresses', TEST_ADDRESS);
    if (a.status !== 201) throw new Error(`address for ${email} failed: ${a.status} ${JSON.stringify(a.body)}`);
    return client;
  }
}

export interface TestPlatform {
  platform: Platform;
  url: string;
  client: Client;
  dataDir: string;
  close(): Promise<void>;
}

/** Sandboxes that answer at once: payments, a parcel's whole journey, and quick job retries. */
export const INSTANT_SANDBOXES: Readonly<Record<string, string>> = {
  SANDBOX_PSP_MAX_DELAY_MS: '0',
  SANDBOX_CARRIER_PICKUP_SECONDS: '0',
  SANDBOX_CARRIER_TRANSIT_SECONDS: '0',
  SANDBOX_CARRIER_DELIVER_SECONDS: '0',
  SANDBOX_CARRIER_MAX_DELAY_MS: '0',
  JOBS_BACKOFF_MS: '50',
};

/** Platforms started and not yet closed: checked against the invariants after every test. */
export const livePlatforms = new Set<Platform>();

/** `opts.clock`: a clock the test moves by hand (the alliance's rate changes follow it). */
export async function startTestPlatform(env: Record<string, string> = {}, opts: Pick<PlatformOptions, 'clock'> = {}): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fw-data-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SERVE_WEB: 'false', DEMO_ON_EMPTY: 'false', LIVE_INGEST: 'false', ...env });
  const db = await freshDb();
  const platform = await createPlatform(config, { db, logger: false, ...opts });
  const url = await platform.listen();
  livePlatforms.add(platform);
  return {
    platform,
    url,
    client: new Client(url),
    dataDir,
    async close() {
      livePlatforms.delete(platform);
      await platform.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Pays a checkout the way a shopper does — confirms at the sandbox PSP's pay page — and runs the
 * webhook delivery and the event handlers at once (for tests whose background work is stopped;
 * the platform must have SANDBOX_PSP_MAX_DELAY_MS=0).
 */
export async function payNow(t: TestPlatform, payer: Client, payUrl: string): Promise<void> {
  const r = await payer.post(`/api/v1/sandbox-psp/payments/${payUrl.split('/pay/')[1]}/confirm`, { outcome: 'succeed' });
  if (r.status !== 200) throw new Error(`payment failed: ${r.status} ${JSON.stringify(r.body)}`);
  await t.platform.jobs.drain();
  await t.platform.bus.drain();
}

/**
 * Lets the background work run out: the sandbox PSP's, carrier's and payout bank's webhooks, and
 * what their events start (an event handler may issue a refund whose webhook is a new job),
 * until a drain of the bus leaves no sandbox job to run.
 */
export async function quiesce(t: TestPlatform): Promise<void> {
  const pending = async () => (await t.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE kind LIKE 'sandbox_%' AND status <> 'succeeded'`))[0]!.n;
  for (;;) {
    await expect.poll(pending, { timeout: 30_000 }).toBe(0);
    await t.platform.bus.drain();
    if ((await pending()) === 0) return;
  }
}

/**
 * Row counts and contents of every table: a fingerprint to prove that a rejected request wrote
 * nothing. Events already published are handled first: a consumer of an earlier step's event
 * writing its inbox row between two fingerprints is not the request's doing (it failed a run).
 */
export async function dbFingerprint(platform: Platform): Promise<Record<string, number>> {
  await platform.bus.drain();
  const tables = await platform.db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const out: Record<string, number> = {};
  for (const { tablename } of tables) {
    if (tablename === 'sessions') continue; // signing in to make a request writes a session
    const [row] = await platform.db.query<{ n: number; h: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS h FROM ${tablename} t`);
    out[tablename] = row!.n;
    out[`${tablename}#hash`] = parseInt(row!.h.slice(0, 8), 16);
  }
  return out;
}
