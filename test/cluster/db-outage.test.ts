// A process that loses PostgreSQL answers 503 (readiness too, while liveness stays up) and
// recovers by itself when the database is back. The database sits behind a TCP proxy of the
// test's own, which can cut every connection and refuse new ones, as a network partition would.
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../src/main.ts';
import { freePort } from '../../src/cluster/launch.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openPostgres } from '../../src/platform/db/postgres.ts';
import type { Db } from '../../src/platform/db/index.ts';
import { freshPostgres } from '../support/db.ts';
import { Client } from '../support/platform.ts';

class Partition {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async open(): Promise<void> {
    this.server = createServer((down) => {
      const up = netConnect(this.target.port, this.target.host);
      for (const s of [down, up]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      down.pipe(up).pipe(down);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', () => r()));
  }

  /** Every connection cut, new ones refused. */
  async cut(): Promise<void> {
    const closed = new Promise<void>((r) => this.server?.close(() => r()));
    for (const s of this.sockets) s.destroy();
    await closed;
    this.server = null;
  }
}

let partition: Partition;
let platform: Platform;
let db: Db;
let own: Db;
let client: Client;
let dataDir: string;

beforeAll(async () => {
  const made = await freshPostgres(process.env.DATABASE_URL!);
  own = made.db;
  const target = new URL(made.url);
  partition = new Partition(await freePort(), { host: target.hostname, port: Number(target.port || 5432) });
  await partition.open();
  const via = new URL(made.url);
  via.hostname = '127.0.0.1';
  via.port = String(partition.port);
  db = await openPostgres(via.toString(), 5);
  dataDir = mkdtempSync(join(tmpdir(), 'fw-outage-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SERVE_WEB: 'false', DEMO_ON_EMPTY: 'false', LIVE_INGEST: 'false' });
  platform = await createPlatform(config, { db, logger: false });
  client = new Client(await platform.listen());
});
afterAll(async () => {
  await platform?.close();
  await db?.close().catch(() => undefined);
  await own?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('losing PostgreSQL', () => {
  it('answers 503 while the database is away, stays live, and recovers by itself when it is back', async () => {
    expect((await client.get('/api/v1/stores')).status).toBe(200);
    await partition.cut();
    const away = await client.get('/api/v1/stores');
    expect(away.status).toBe(503);
    expect(away.problem.code).toBe('unavailable');
    expect(away.headers.get('retry-after')).toBe('5');
    const register = await client.post('/api/v1/auth/register', { email: 'outage@example.com', password: 'correct-horse-1', displayName: '断线' });
    expect(register.status).toBe(503);
    expect((await client.get('/api/health/ready')).status).toBe(503);
    expect((await client.get('/api/health/live')).status).toBe(200);

    await partition.open();
    await expect.poll(async () => (await client.get('/api/health/ready')).status, { timeout: 20_000 }).toBe(200);
    expect((await client.get('/api/v1/stores')).status).toBe(200);
    // Nothing of the refused write was kept: the same sign-up now succeeds, once.
    expect((await client.post('/api/v1/auth/register', { email: 'outage@example.com', password: 'correct-horse-1', displayName: '断线' })).status).toBe(201);
    const [users] = await own.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE email = 'outage@example.com'`);
    expect(users!.n).toBe(1);
  });
});
