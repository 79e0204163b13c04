// Flash sale: N buyers hit one SKU's flash sale over the HTTP API with C requests in flight,
// against a server in its own process (`flywheel start`), so the load generator does not share
// the server's CPU and event loop.
// Prints checkouts/s, p50/p99 latency, sold vs units, oversold; and, in the same run on the same
// database, the rate of a bare `UPDATE … SET stock = stock - 1 WHERE id = $1 AND stock > 0` loop
// with the same concurrency (the physical limit of one hot row), and the ratio; and the CPU each
// checkout cost the server, PostgreSQL and the load generator (steadier than rates on a shared
// machine); and the rate of the server's cheapest request (`GET /api/health/live`: no session,
// no database) over the same connections, the floor any checkout sits on; and how long the
// event consumers take to finish what the rush left them, with the rate of checkouts settled.
// The load goes out over lean kept-alive connections (_lean-http.ts).
// Before the rush, `--warmup` other buyers (200) check out a sale on another SKU the same way,
// unmeasured: a server that has been up for a while has its code compiled and its statements
// prepared, and otherwise the first 32 requests alone (~200 ms each) are the p99 of a short run.
// Defaults: 4,000 buyers on 4,000 units, 128 in flight. A flash sale's buyers arrive in the same
// second, so a few dozen in flight understates the load (and the batches it makes); with a closed
// loop, p99 ≤ 100 ms caps what can be in flight at ~200 for 2,000 checkouts/s (Little's law).
//   npm run bench -- flash-sale [--buyers 4000] [--units 4000] [--concurrency 128] [--warmup 200] [--pglite]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPlatform } from '../src/main.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { seededId } from '../src/platform/ids.ts';
import { LeanConnection } from './_lean-http.ts';
import { cpuMsOf, flag, report, round } from './_util.ts';

const buyers = flag('buyers', 4000);
const units = flag('units', 4000);
const concurrency = flag('concurrency', 128);
const warmup = flag('warmup', 200);
const usePglite = process.argv.includes('--pglite');
if (usePglite) {
  // PGlite lives inside one process: the server and the load share it (figures are lower bounds).
  console.error('note: --pglite runs the server in this process');
}
const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const dbName = `fw_bench_flash_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: PG });
const dbUrl = (() => {
  const u = new URL(PG);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
if (!usePglite) {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
}
const dataDir = mkdtempSync(join(tmpdir(), 'fw-bench-flash-'));
const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SERVE_WEB: 'false', ...(usePglite ? {} : { DATABASE_URL: dbUrl }) });
const embedded = usePglite ? await openPglite(null) : undefined;
const platform = await createPlatform(config, { logger: false, ...(embedded ? { db: embedded } : {}) });
const { services } = platform;
const port = 4100 + Math.floor(Math.random() * 800);
let base = '';
let server: ReturnType<typeof spawn> | null = null;
let conns: LeanConnection[] = [];

try {
  // The seller, the goods, the sale.
  const [merchantId, ...buyerIds] = Array.from({ length: buyers + warmup + 1 }, (_, i) => seededId('usr', 5_000_000 + i));
  await platform.db.tx((tx) =>
    services.identity.importUsers(tx, [{ id: merchantId!, email: 'bench-merchant@example.com', password: 'bench-password', displayName: '秒杀商家', roles: ['merchant'] }]),
  );
  const store = await services.stores.create(merchantId!, { name: '秒杀压测店' });
  const cat = await services.categories.create({ nameZh: '压测', nameEn: 'Bench' });
  const product = await services.products.create(store.id, merchantId!, { title: '秒杀压测商品', categoryId: cat.id, skus: [{ optionValues: {}, priceFen: 9900, stock: units }] });
  const skuId = product.skus[0]!.id;
  const sale = await services.flashSales.create(merchantId!, { skuId, priceFen: 990, quantity: units, perBuyerLimit: 1, startsAt: new Date(Date.now() - 1000), endsAt: new Date(Date.now() + 3_600_000) });
  const warm = await services.products.create(store.id, merchantId!, { title: '预热商品', categoryId: cat.id, skus: [{ optionValues: {}, priceFen: 9900, stock: Math.max(1, warmup) }] });
  const warmSale = await services.flashSales.create(merchantId!, { skuId: warm.skus[0]!.id, priceFen: 990, quantity: Math.max(1, warmup), perBuyerLimit: 1, startsAt: new Date(Date.now() - 1000), endsAt: new Date(Date.now() + 3_600_000) });

  // Buyers with bearer sessions (accounts made in bulk, outside the measured part).
  const tokens: string[] = [];
  for (let i = 0; i < buyerIds.length; i += 500) {
    const chunk = buyerIds.slice(i, i + 500);
    await platform.db.tx(async (tx) => {
      await services.identity.importUsers(tx, chunk.map((id, j) => ({ id, email: `bench-buyer-${i + j}@example.com`, password: 'bench-password', displayName: `买家${i + j}`, roles: [] })));
      await services.addresses.importDefaults(tx, chunk.map((userId) => ({ userId, address: { recipient: '压测买家', phone: '13800000000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '压测路 1 号' } })));
    });
    for (const id of chunk) tokens.push((await services.identity.createSession(id, 'bearer', 'bench')).token);
  }

  // The server under test: its own process on the same database (PGlite: this process).
  if (usePglite) base = await platform.listen();
  else {
    // BENCH_SERVER_NODE_ARGS: extra node flags for the server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    server = spawn(process.execPath, [...nodeArgs, 'bin/flywheel.mjs', 'start'], {
      cwd: new URL('../', import.meta.url).pathname,
      env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', SERVE_WEB: 'false', DEMO_ON_EMPTY: 'false' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      if (i > 600) throw new Error('server did not become healthy');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  // The warm-up (unmeasured), then the rush.
  // One kept-alive connection per request in flight, for the warm-up and the rush alike.
  const { hostname, port: at } = new URL(base);
  conns = Array.from({ length: concurrency }, () => new LeanConnection(hostname, Number(at)));
  const rush = async (sku: string, saleId: string, who: string[], tag: string, latencies: number[], statuses: Map<number, number>) => {
    let next = 0;
    await Promise.all(
      conns.map(async (conn) => {
        for (let i = next++; i < who.length; i = next++) {
          const s = performance.now();
          const status = await conn.post('/api/v1/checkout', JSON.stringify({ items: [{ skuId: sku, quantity: 1, flashSaleId: saleId }], source: { type: 'live_room' } }), {
            authorization: `Bearer ${who[i]}`,
            'idempotency-key': `bench-${tag}-${i}`,
          });
          latencies.push(performance.now() - s);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
  };
  await rush(warm.skus[0]!.id, warmSale.id, tokens.slice(buyers), 'warmup', [], new Map());
  // The warm-up's order events handled before the rush starts (up to a minute).
  const pending = async () => (await platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`))[0]!.n;
  for (let i = 0; i < 600 && (await pending()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  // CPU of the server process and of this database's PostgreSQL backends over the rush (local
  // PostgreSQL only): per checkout, it holds still where the rate moves with the machine's load.
  const backends = async () => (usePglite ? [] : (await platform.db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).map((r) => r.pid));
  const serverPids = server?.pid ? [server.pid] : [];
  const pgBefore = new Map((await backends()).map((pid) => [pid, cpuMsOf([pid])]));
  const cpu0 = { server: cpuMsOf(serverPids), serverMain: cpuMsOf(serverPids, true), load: process.cpuUsage() };
  const t0 = performance.now();
  await rush(skuId, sale.id, tokens.slice(0, buyers), 'rush', latencies, statuses);
  const seconds = (performance.now() - t0) / 1000;
  const load = process.cpuUsage(cpu0.load);
  const cpu = {
    server: cpuMsOf(serverPids) - cpu0.server,
    serverMain: cpuMsOf(serverPids, true) - cpu0.serverMain,
    // Backends that connected during the rush count from zero (one that closed is missed).
    pg: (await backends()).reduce((sum, pid) => sum + cpuMsOf([pid]) - (pgBefore.get(pid) ?? 0), 0),
    load: (load.user + load.system) / 1000,
  };
  // The order events the rush left for the consumers (insights, reviews, commissions…) to catch up on.
  const [backlog] = await platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`);
  const sold = statuses.get(201) ?? 0;
  const [claimed] = await platform.db.query<{ n: number }>('SELECT count(*)::int AS n FROM flash_sale_units WHERE sale_id = $1 AND order_id IS NOT NULL', [sale.id]);
  const [orders] = await platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM order_lines WHERE flash_sale_id = $1`, [sale.id]);
  const after = await services.products.load(product.id);
  // How long the consumers take to catch up on that backlog once the rush is over (up to 2 min).
  const d0 = performance.now();
  let left = backlog!.n;
  for (let i = 0; i < 1200 && left > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    left = await pending();
  }
  const drainS = (performance.now() - d0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;

  // The floor: the server's cheapest request, same connections, for 3 s.
  let bare = 0;
  const bareEnd = performance.now() + 3000;
  const b0 = performance.now();
  await Promise.all(conns.map(async (conn) => {
    while (performance.now() < bareEnd) if ((await conn.get('/api/health/live')) === 200) bare++;
  }));
  const bareRate = bare / ((performance.now() - b0) / 1000);

  // The physical limit of one hot row, same database, same concurrency.
  const hotRate = await hotRowRate(usePglite ? null : dbUrl);

  report(
    'flash-sale',
    {
      database: usePglite ? 'pglite' : 'postgres',
      buyers,
      units,
      concurrency,
      warmup,
      requests_per_s: Math.round(latencies.length / seconds),
      checkouts_per_s: Math.round(sold / seconds),
      p50_ms: round(pct(0.5), 1),
      p90_ms: round(pct(0.9), 1),
      p99_ms: round(pct(0.99), 1),
      max_ms: round(latencies[latencies.length - 1]!, 1),
      sold,
      orders_with_flash_lines: orders!.n,
      units_claimed: claimed!.n,
      oversold: Math.max(0, claimed!.n - units, orders!.n - units),
      sku_stock_after: after.skus[0]!.stock,
      statuses: JSON.stringify(Object.fromEntries(statuses)),
      events_pending_after_rush: backlog!.n,
      events_drain_s: left > 0 ? `> ${round(drainS, 1)} (${left} left)` : round(drainS, 1),
      events_drained_per_s: left > 0 ? 'n/a' : Math.round(backlog!.n / drainS),
      // Checkouts with everything their events cause done (reviews, insights, commissions, …):
      // consumers that fall behind in the rush only move their work to after it.
      checkouts_settled_per_s: left > 0 ? 'n/a' : Math.round(sold / (seconds + drainS)),
      bare_hot_row_updates_per_s: Math.round(hotRate),
      checkouts_vs_hot_row: round(sold / seconds / hotRate, 3),
      bare_requests_per_s: Math.round(bareRate),
      checkouts_vs_bare_request: round(sold / seconds / bareRate, 3),
      // CPU per checkout (ms), over the rush: the server process, this database's PostgreSQL
      // backends (local server only), and this load generator.
      cpu_ms_per_checkout_server: usePglite ? 'n/a' : round(cpu.server / sold, 3),
      cpu_ms_per_checkout_db: usePglite ? 'n/a' : round(cpu.pg / sold, 3),
      // The share of one core the server's main thread used over the rush: near 1, its event loop
      // (not PostgreSQL, not the cores) is what limits the rate.
      server_main_thread_busy: usePglite ? 'n/a' : round(cpu.serverMain / (seconds * 1000), 2),
      // (--pglite: the server runs in this process, so its CPU is not the load generator's alone)
      cpu_ms_per_checkout_load: usePglite ? 'n/a' : round(cpu.load / sold, 3),
    },
    { checkouts_per_s: '>= 2000 (PostgreSQL)', checkouts_vs_hot_row: '>= 0.25', oversold: '= 0', p99_ms: '<= 100' },
  );
} finally {
  for (const c of conns) c.close();
  if (server) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  await platform.close();
  await embedded?.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (!usePglite) {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

/** UPDATE … stock - 1 on one row from `concurrency` connections for about three seconds. */
async function hotRowRate(url: string | null): Promise<number> {
  if (!url) {
    const db = await openPglite(null);
    await db.exec('CREATE TABLE hot (id int PRIMARY KEY, stock int NOT NULL)');
    await db.query('INSERT INTO hot VALUES (1, 100000000)');
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 3000) {
      await db.query('UPDATE hot SET stock = stock - 1 WHERE id = $1 AND stock > 0', [1]);
      n++;
    }
    await db.close();
    return n / ((performance.now() - t0) / 1000);
  }
  // As many connections as buyers in flight, within what the server allows.
  const pool = new pg.Pool({ connectionString: url, max: Math.min(concurrency, 64) });
  await pool.query('CREATE TABLE bench_hot_row (id int PRIMARY KEY, stock int NOT NULL)');
  await pool.query('INSERT INTO bench_hot_row VALUES (1, 100000000)');
  let n = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() - t0 < 3000) {
        await pool.query('UPDATE bench_hot_row SET stock = stock - 1 WHERE id = $1 AND stock > 0', [1]);
        n++;
      }
    }),
  );
  const rate = n / ((performance.now() - t0) / 1000);
  await pool.end();
  return rate;
}
