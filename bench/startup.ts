// Startup: time from process start to a healthy /api/health — first start (new embedded
// database + default demo world) and restart on the existing database — and demo-world
// generation rate on PostgreSQL and PGlite. Baselines from the same run: a bare Node process
// reaching a listening socket, and plain unnest inserts into a one-column table.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureWebBuilt } from '../src/platform/web-build.ts';
import { createPlatform } from '../src/main.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { createDemoWorld } from '../src/demo/world.ts';
import { flag, report, round } from './_util.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const products = flag('products', 100_000);

async function timeToHealthy(args: string[], env: Record<string, string>, port: number): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) return performance.now() - t0;
      if (performance.now() - t0 > 120_000) throw new Error('not healthy after 120 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `fw_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(PG);
  u.pathname = `/${name}`;
  try {
    return await fn(u.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function generationRate(databaseUrl: string | null, n: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fw-bench-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SERVE_WEB: 'false', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
    const db = databaseUrl ? undefined : await openPglite(null);
    const platform = await createPlatform(config, { logger: false, ...(db ? { db } : {}) });
    const stats = await createDemoWorld(platform, { products: n, progress: false });
    await platform.close();
    await db?.close();
    return stats.productsPerSecond;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function plainInsertRate(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('CREATE TABLE bench_plain (id text PRIMARY KEY, v int)');
  const n = 200_000;
  const t0 = performance.now();
  for (let s = 0; s < n; s += 10_000) {
    const ids = Array.from({ length: 10_000 }, (_, i) => `row_${s + i}`);
    await c.query('INSERT INTO bench_plain SELECT * FROM unnest($1::text[], $2::int[])', [ids, ids.map((_, i) => i)]);
  }
  const rate = n / ((performance.now() - t0) / 1000);
  await c.end();
  return rate;
}

ensureWebBuilt();
const dataDir = mkdtempSync(join(tmpdir(), 'fw-bench-start-'));
const port = 3900 + Math.floor(Math.random() * 90);
const bare = await timeToHealthy(['-e', `require('http').createServer((q,s)=>s.end('ok')).listen(${port})`], {}, port).catch(() => NaN);
const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
const first = await timeToHealthy(['bin/flywheel.mjs', 'start'], env, port);
const restart = await timeToHealthy(['bin/flywheel.mjs', 'start'], env, port);
rmSync(dataDir, { recursive: true, force: true });

const pgRate = await withDatabase((url) => generationRate(url, products));
const pgliteRate = await generationRate(null, Math.min(products, 20_000));
const plain = await withDatabase(plainInsertRate);

report(
  'startup',
  {
    first_start_with_demo_world_s: round(first / 1000),
    restart_existing_db_s: round(restart / 1000),
    bare_node_listen_s: round(bare / 1000, 3),
    restart_vs_bare_node: round(restart / bare, 1),
    demo_products_per_s_postgres: Math.round(pgRate),
    demo_products_per_s_pglite: Math.round(pgliteRate),
    demo_products_measured_postgres: products,
    plain_insert_rows_per_s_postgres: Math.round(plain),
  },
  { first_start_with_demo_world_s: '<= 15', restart_existing_db_s: '<= 5', demo_products_per_s_postgres: '>= 10000' },
);
