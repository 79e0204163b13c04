// Scale-out overhead: feed and checkout throughput and latency of a local cluster
// (src/cluster/launch.ts: `flywheel start` processes with FLYWHEEL_ROLES behind nginx) with 1 api
// process and with 2, each with 1 worker process, on one PostgreSQL database seeded once; the
// ratio 2-api / 1-api; and user+system CPU of every process during each phase (/proc/<pid>/stat),
// as seconds and as % of the phase's wall time (100% = one core).
// On a 2-core machine the api processes, the worker, nginx, PostgreSQL and this load generator
// share the same cores, so the ratio shows what a second process costs, not how it scales.
// Per cluster: start → warm up (feed and checkout) → feed phase → checkout phase → the worker
// catches up with the events the checkouts published → stop. The load: C clients in a closed
// loop on keep-alive connections (node:http, lighter than fetch on these shared cores) to nginx;
// feed pages half for signed-in shoppers, half for anonymous devices; checkouts of one unit of
// one of many deep-stocked SKUs, each with its own Idempotency-Key. With --rounds N the pair of
// clusters runs N times and each phase reports its best round (the one least disturbed by
// whatever else the machine runs: see *_cpu_pct_other), the others listed in *_per_s_rounds.
//   npm run bench -- cluster [--seconds 15] [--concurrency 64] [--warmup 3] [--rounds 1]
//                            [--products 400] [--videos 1000] [--buyers 2000] [--keep]
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is the admin connection;
// each run creates the database fw_bench_cluster_<time> and drops it at the end (--keep: not).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { LocalCluster } from '../src/cluster/launch.ts';
import { nginxAvailable } from '../src/cluster/nginx.ts';
import { MIGRATIONS } from '../src/compose/migrations.ts';
import { CatalogImport, type ImportCategory, type ImportProduct } from '../src/modules/catalog/import.ts';
import { AddressBook } from '../src/modules/identity/addresses.ts';
import { hashPassword } from '../src/modules/identity/password.ts';
import { IdentityService } from '../src/modules/identity/service.ts';
import { loadSealer } from '../src/platform/crypto.ts';
import type { Db } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { EventBus } from '../src/platform/events/bus.ts';
import { seededId } from '../src/platform/ids.ts';
import { closedLoop, cpuBetween, cpuSnapshot, pct, type CpuUse, type Group, type LoopResult, type Req } from './_cluster-load.ts';
import { flag, report, round } from './_util.ts';

const SECONDS = flag('seconds', 15);
const CONCURRENCY = flag('concurrency', 64);
const WARMUP = flag('warmup', 3);
const PRODUCTS = flag('products', 400);
const VIDEOS = flag('videos', 1000);
const BUYERS = flag('buyers', 2000);
const CREATORS = 40;
const DEVICES = 20_000;
const STOCK = 5_000_000;
const ROUNDS = Math.max(1, flag('rounds', 1));
const KEEP = process.argv.includes('--keep');
const CORES = availableParallelism();
const ADMIN = process.env.DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (msg: string) => process.stderr.write(`cluster bench: ${msg}\n`);

if (!nginxAvailable()) {
  console.error('cluster bench: nginx is needed (NGINX_BIN, default /usr/sbin/nginx)');
  process.exit(2);
}

const dbName = `fw_bench_cluster_${Date.now().toString(36)}`;
const dbUrl = (() => {
  const u = new URL(ADMIN);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const root = mkdtempSync(join(tmpdir(), 'fw-bench-cluster-'));
const dataDir = join(root, 'data');
// One personal-data key for both clusters: addresses sealed at seeding are read by every process of either.
const dataKey = randomBytes(32).toString('base64');

const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
let db: Db | null = null;
let running: LocalCluster | null = null;
let cleaned: Promise<void> | null = null;
const cleanup = () =>
  (cleaned ??= (async () => {
    await running?.stop().catch((err) => log(`stopping the cluster failed: ${err}`));
    running = null;
    await db?.close().catch(() => undefined);
    if (KEEP) log(`kept database ${dbUrl} and ${root}`);
    else {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((err) => log(`dropping ${dbName} failed: ${err}`));
      rmSync(root, { recursive: true, force: true });
    }
    await admin.end().catch(() => undefined);
  })());
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

interface World {
  skuIds: string[];
  tokens: string[];
  videos: number;
}

/**
 * The world, written straight into the database before any process starts (each api process
 * builds its distribution engine from the database at start): one store, PRODUCTS goods in 8
 * categories with two SKUs each and deep stock, VIDEOS published videos of CREATORS creators each
 * carrying a product, and BUYERS shoppers with a default address and a bearer session.
 */
async function seed(db: Db): Promise<World> {
  const t0 = performance.now();
  await migrate(db, MIGRATIONS);
  const bus = new EventBus(db, { pollMs: 1000, maxAttempts: 8, baseBackoffMs: 500 }); // never started: its events wait in the outbox for the worker
  const importer = new CatalogImport(bus);
  const identity = new IdentityService(db, { sessionTtlHours: 24, loginMaxAttempts: 5, loginWindowSeconds: 60 });
  const addresses = new AddressBook(db, loadSealer(Buffer.from(dataKey, 'base64'), dataDir));

  // Accounts: one password hash for all (scrypt per account would take minutes), written as importUsers writes them.
  const hash = await hashPassword('bench-password');
  const merchantId = seededId('usr', 8_000_000);
  const creatorIds = Array.from({ length: CREATORS }, (_, i) => seededId('usr', 8_000_100 + i));
  const buyerIds = Array.from({ length: BUYERS }, (_, i) => seededId('usr', 8_100_000 + i));
  const accounts = [
    { id: merchantId, email: 'bench-cluster-merchant@example.com', name: '集群压测商家', roles: 'shopper,merchant' },
    ...creatorIds.map((id, i) => ({ id, email: `bench-cluster-creator-${i}@example.com`, name: `压测达人${i}`, roles: 'shopper,creator' })),
    ...buyerIds.map((id, i) => ({ id, email: `bench-cluster-buyer-${i}@example.com`, name: `压测买家${i}`, roles: 'shopper' })),
  ];
  await db.tx(async (tx) => {
    await tx.query(
      `INSERT INTO users (id, email, password_hash, display_name, roles) SELECT id, email, $3, name, string_to_array(roles, ',') FROM unnest($1::text[], $2::text[], $4::text[], $5::text[]) AS t(id, email, name, roles)`,
      [accounts.map((a) => a.id), accounts.map((a) => a.email), hash, accounts.map((a) => a.name), accounts.map((a) => a.roles)],
    );
    await addresses.importDefaults(tx, buyerIds.map((userId, i) => ({ userId, address: { recipient: `买家${i}`, phone: '13800000000', province: '浙江省', city: '杭州市', district: '西湖区', detail: `压测路 ${i + 1} 号` } })));
  });

  // Catalogue: 8 leaf categories under one root, one store.
  const rootCat = seededId('cat', 8_000_000);
  const leaves = ['水果', '零食', '茶叶', '家居', '厨具', '美妆', '服饰', '数码'];
  const categories: ImportCategory[] = [
    { id: rootCat, parentId: null, nameZh: '压测', nameEn: 'Bench', sort: 0 },
    ...leaves.map((nameZh, i) => ({ id: seededId('cat', 8_000_001 + i), parentId: rootCat, nameZh, nameEn: `Bench ${i}`, sort: i })),
  ];
  const storeId = seededId('sto', 8_000_000);
  const products: ImportProduct[] = Array.from({ length: PRODUCTS }, (_, n) => ({
    id: seededId('prd', 8_000_000 + n),
    storeId,
    categoryId: categories[1 + (n % leaves.length)]!.id,
    title: `压测${leaves[n % leaves.length]} ${n + 1} 号`,
    description: `集群压测商品 ${n + 1}`,
    attributes: [],
    options: [{ name: '规格', values: ['标准', '加大'] }],
    imageIds: [],
    noReasonReturn: true,
    skus: ['标准', '加大'].map((v, k) => ({ id: seededId('sku', 8_000_000 + n * 2 + k), code: `CL-${n + 1}-${k + 1}`, optionValues: { 规格: v }, priceFen: 1990 + (n % 50) * 100 + k * 500, listPriceFen: null, stock: STOCK })),
  }));
  await db.tx(async (tx) => {
    await importer.categories(tx, categories);
    await importer.stores(tx, [{ id: storeId, name: '集群压测店', slug: 'bench-cluster-store', description: '集群压测', flagship: false, rural: false, logoImageId: null, ownerId: merchantId }]);
  });
  for (let i = 0; i < products.length; i += 500) await db.tx((tx) => importer.products(tx, products.slice(i, i + 500)));

  // Published videos straight into content's table (transcoding is not what this measures), over the last two weeks.
  const videoIds = Array.from({ length: VIDEOS }, (_, i) => seededId('vid', 8_000_000 + i));
  await db.tx(async (tx) => {
    await tx.query(
      `INSERT INTO videos (id, author_id, title, status, duration_ms, width, height, published_at)
       SELECT id, author, '压测视频 ' || ord, 'ready', 15000, 720, 1280, now() - (ord % 336) * interval '1 hour'
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(id, author, ord)`,
      [videoIds, videoIds.map((_, i) => creatorIds[i % CREATORS]!)],
    );
    await tx.query(`INSERT INTO video_products (video_id, product_id, position) SELECT v, p, 0 FROM unnest($1::text[], $2::text[]) AS t(v, p)`, [videoIds, videoIds.map((_, i) => products[(i * 7) % products.length]!.id)]);
  });

  // Bearer sessions, a few at a time (the pool has 5 connections).
  const tokens: string[] = new Array(buyerIds.length);
  for (let i = 0; i < buyerIds.length; i += 5) {
    await Promise.all(buyerIds.slice(i, i + 5).map(async (id, j) => (tokens[i + j] = (await identity.createSession(id, 'bearer', 'bench')).token)));
  }
  log(`seeded ${accounts.length} accounts, ${PRODUCTS} products (${PRODUCTS * 2} SKUs), ${VIDEOS} videos in ${round((performance.now() - t0) / 1000, 1)} s`);
  return { skuIds: products.flatMap((p) => p.skus.map((s) => s.id)), tokens, videos: VIDEOS };
}

/** Events published but not yet delivered by the worker (due now). */
async function backlog(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending' AND next_attempt_at <= now()`);
  return row!.n;
}

async function drain(db: Db, timeoutMs = 180_000): Promise<number> {
  const t0 = performance.now();
  while ((await backlog(db)) > 0) {
    if (performance.now() - t0 > timeoutMs) {
      log(`the outbox did not drain within ${timeoutMs / 1000} s`);
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return (performance.now() - t0) / 1000;
}

/** This database's counters (flushed by each backend at most once a second: approximate at the edges). */
async function pgCounters(db: Db): Promise<{ xacts: number; reads: number; writes: number }> {
  const [row] = await db.query<{ xacts: number; reads: number; writes: number }>(
    `SELECT xact_commit + xact_rollback AS xacts, tup_returned + tup_fetched AS reads, tup_inserted + tup_updated + tup_deleted AS writes FROM pg_stat_database WHERE datname = current_database()`,
  );
  return row!;
}

/** Rows read per table (sequential scans and index fetches), to say where the database's work goes. */
async function tableReads(db: Db): Promise<Map<string, { seq: number; idx: number }>> {
  const rows = await db.query<{ relname: string; seq: number; idx: number }>(`SELECT relname, coalesce(seq_tup_read, 0) AS seq, coalesce(idx_tup_fetch, 0) AS idx FROM pg_stat_user_tables`);
  return new Map(rows.map((r) => [r.relname, { seq: r.seq, idx: r.idx }]));
}

function topTables(a: Map<string, { seq: number; idx: number }>, b: Map<string, { seq: number; idx: number }>, requests: number): string {
  return [...b]
    .map(([t, v]) => ({ t, seq: v.seq - (a.get(t)?.seq ?? 0), idx: v.idx - (a.get(t)?.idx ?? 0) }))
    .sort((x, y) => y.seq + y.idx - (x.seq + x.idx))
    .slice(0, 4)
    .map((x) => `${x.t} ${round(x.seq / Math.max(1, requests), 1)} seq + ${round(x.idx / Math.max(1, requests), 1)} idx`)
    .join(', ');
}

async function measure(db: Db, groups: Group[], run: () => Promise<LoopResult>): Promise<{ loop: LoopResult; cpu: CpuUse; pg: { xacts: number; reads: number; writes: number }; tables: string }> {
  const p0 = await pgCounters(db);
  const t0 = await tableReads(db);
  const a = cpuSnapshot(groups);
  const loop = await run();
  const b = cpuSnapshot(groups);
  // Let the backends flush their counters (they do at most once a second).
  await new Promise((r) => setTimeout(r, 1100));
  const p1 = await pgCounters(db);
  const t1 = await tableReads(db);
  return { loop, cpu: cpuBetween(a, b, CORES), pg: { xacts: p1.xacts - p0.xacts, reads: p1.reads - p0.reads, writes: p1.writes - p0.writes }, tables: topTables(t0, t1, loop.requests) };
}

interface PhaseFigures {
  loop: LoopResult;
  cpu: CpuUse;
  /** Transactions and rows read and written in this database during the phase. */
  pg: { xacts: number; reads: number; writes: number };
  /** The tables read most, per request. */
  tables: string;
  /** Feed: items per page in the sampled answers. */
  itemsPerPage?: number;
}

interface ClusterFigures {
  apis: number;
  startS: number;
  feed: PhaseFigures;
  checkout: PhaseFigures & { backlogAtEnd: number; drainS: number };
}

async function runCluster(apis: number, world: World, db: Db, roundNo: number): Promise<ClusterFigures> {
  const tag = ROUNDS > 1 ? `${apis}api-r${roundNo}` : `${apis}api`;
  const t0 = performance.now();
  log(`starting ${apis} api + 1 worker behind nginx`);
  const cluster = await LocalCluster.start({ databaseUrl: dbUrl, dataDir, workDir: join(root, `run-${tag}`), apis, workers: 1, ingests: 0, env: { DATA_KEY: dataKey } });
  running = cluster;
  const startS = (performance.now() - t0) / 1000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY, maxFreeSockets: CONCURRENCY });
  try {
    const nginxPid = Number(readFileSync(join(root, `run-${tag}`, 'nginx', 'nginx.pid'), 'utf8').trim());
    const groups: Group[] = [
      ...cluster.processes.map((p) => ({ name: p.name, pids: [p.child!.pid!] })),
      { name: 'nginx', pids: [nginxPid], children: true },
      // The background processes and this database's backends (other databases' are someone else's).
      { name: 'postgres', comm: 'postgres', cmdline: (cmd) => { const m = /^postgres: [^:]+: \S+ (\S+) (?:\S+\(\d+\)|\[local\])/.exec(cmd); return !m || m[1] === dbName; } },
      { name: 'bench', pids: [process.pid] },
    ];
    // The catalogue import's events (search, engines) are handled before anything is measured.
    await drain(db);

    let seq = 0;
    const feedReq = (n: number): Req =>
      // Half signed-in shoppers, half anonymous devices.
      n % 2 === 0
        ? { method: 'GET', path: '/api/v1/feed?limit=10', headers: { authorization: `Bearer ${world.tokens[(n >> 1) % world.tokens.length]}` } }
        : { method: 'GET', path: `/api/v1/feed?limit=10&deviceId=bench-device-${(n * 7919) % DEVICES}`, headers: {} };
    const checkoutReq = (phase: string) => (): Req => {
      const i = seq++;
      return {
        method: 'POST',
        path: '/api/v1/checkout',
        headers: { authorization: `Bearer ${world.tokens[i % world.tokens.length]}`, 'idempotency-key': `bench-${tag}-${phase}-${i}` },
        body: JSON.stringify({ items: [{ skuId: world.skuIds[(i * 7919) % world.skuIds.length], quantity: 1 }], source: { type: 'feed_video' } }),
      };
    };

    // Warm-up: both paths, half the clients each.
    const warm = await closedLoop({ agent, base: cluster.url, concurrency: CONCURRENCY, seconds: WARMUP, make: (n, client) => (client % 2 === 0 ? feedReq(n) : checkoutReq('warm')()) });
    log(`${tag}: warm-up ${warm.requests} requests, statuses ${JSON.stringify(warm.statuses)}`);
    await drain(db);

    // Feed.
    let pages = 0;
    let items = 0;
    const feedRun = await measure(db, groups, () => closedLoop({
      agent, base: cluster.url, concurrency: CONCURRENCY, seconds: SECONDS, make: feedReq, sampleEvery: 64,
      inspect: (status, body) => {
        if (status !== 200) return;
        pages++;
        items += (JSON.parse(body.toString()) as { items: unknown[] }).items.length;
      },
    }));
    const feedLoop = feedRun.loop;
    const feed: PhaseFigures = { ...feedRun, itemsPerPage: pages ? items / pages : 0 };
    log(`${tag}: feed ${Math.round(feedLoop.ok / feedLoop.seconds)}/s, p50 ${round(pct(feedLoop.latencies, 0.5), 1)} ms, p99 ${round(pct(feedLoop.latencies, 0.99), 1)} ms, statuses ${JSON.stringify(feedLoop.statuses)}, ${round(feed.itemsPerPage!, 1)} items/page`);

    // Checkout.
    let created = 0;
    const checkoutRun = await measure(db, groups, () => closedLoop({
      agent, base: cluster.url, concurrency: CONCURRENCY, seconds: SECONDS, make: checkoutReq('run'), sampleEvery: 64,
      inspect: (status, body) => {
        if (status === 201 && (JSON.parse(body.toString()) as { orders: unknown[] }).orders.length === 1) created++;
      },
    }));
    const checkoutLoop = checkoutRun.loop;
    const backlogAtEnd = await backlog(db);
    const drainS = await drain(db);
    const checkout = { ...checkoutRun, backlogAtEnd, drainS };
    log(`${tag}: checkout ${Math.round(checkoutLoop.ok / checkoutLoop.seconds)}/s, p50 ${round(pct(checkoutLoop.latencies, 0.5), 1)} ms, p99 ${round(pct(checkoutLoop.latencies, 0.99), 1)} ms, statuses ${JSON.stringify(checkoutLoop.statuses)} (sampled with one order: ${created}); outbox backlog ${backlogAtEnd} events, drained in ${round(drainS, 1)} s`);
    for (const [phase, f] of [['feed', feed], ['checkout', checkout]] as const) {
      log(`${tag} ${phase} PostgreSQL per request: ${round(f.pg.xacts / Math.max(1, f.loop.requests), 1)} transactions, ${round(f.pg.reads / Math.max(1, f.loop.requests), 1)} rows read, ${round(f.pg.writes / Math.max(1, f.loop.requests), 1)} rows written; most read: ${f.tables}`);
      log(`${tag} ${phase} CPU % of ${round(f.cpu.wallSeconds, 1)} s (100 = one core): ${Object.entries(f.cpu.percent).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}, machine ${Math.round(f.cpu.machinePercent)} of ${CORES * 100}, other ${Math.round(f.cpu.otherPercent)} (${f.cpu.topOther.map((o) => `${o.comm} ${Math.round(o.percent)}`).join(', ') || 'no process'})`);
    }
    return { apis, startS, feed, checkout };
  } finally {
    agent.destroy();
    await cluster.stop();
    running = null;
  }
}

try {
  db = await openPostgres(dbUrl, 5);
  const world = await seed(db);
  const runs: Array<[ClusterFigures, ClusterFigures]> = [];
  for (let r = 1; r <= ROUNDS; r++) runs.push([await runCluster(1, world, db, r), await runCluster(2, world, db, r)]);

  const rate = (p: PhaseFigures) => p.loop.ok / p.loop.seconds;
  const best = <P extends 'feed' | 'checkout'>(i: 0 | 1, phase: P): ClusterFigures[P] => runs.map((x) => x[i][phase]).reduce((a, b) => (rate(b) > rate(a) ? b : a));
  const one = { apis: 1, startS: runs[0]![0].startS, feed: best(0, 'feed'), checkout: best(0, 'checkout') };
  const two = { apis: 2, startS: runs[0]![1].startS, feed: best(1, 'feed'), checkout: best(1, 'checkout') };
  const figures: Record<string, number | string> = { cores: CORES, concurrency: CONCURRENCY, seconds_per_phase: SECONDS, rounds: ROUNDS, products: PRODUCTS, skus: world.skuIds.length, videos: world.videos, buyers: BUYERS };
  for (const cf of [one, two]) {
    const k = `api${cf.apis}`;
    figures[`${k}_start_s`] = round(cf.startS, 1);
    for (const [phase, f] of [['feed', cf.feed], ['checkout', cf.checkout]] as const) {
      figures[`${k}_${phase}_per_s`] = Math.round(rate(f));
      if (ROUNDS > 1) figures[`${k}_${phase}_per_s_rounds`] = runs.map((x) => Math.round(rate(x[cf.apis - 1]![phase]))).join(',');
      figures[`${k}_${phase}_p50_ms`] = round(pct(f.loop.latencies, 0.5), 1);
      figures[`${k}_${phase}_p99_ms`] = round(pct(f.loop.latencies, 0.99), 1);
      figures[`${k}_${phase}_requests`] = f.loop.requests;
      figures[`${k}_${phase}_errors`] = f.loop.requests - f.loop.ok;
      if (f.itemsPerPage !== undefined) figures[`${k}_feed_items_per_page`] = round(f.itemsPerPage, 1);
      for (const [name, s] of Object.entries(f.cpu.seconds)) {
        figures[`${k}_${phase}_cpu_s_${name}`] = round(s, 2);
        figures[`${k}_${phase}_cpu_pct_${name}`] = Math.round(f.cpu.percent[name]!);
      }
      figures[`${k}_${phase}_cpu_pct_machine`] = Math.round(f.cpu.machinePercent);
      // What one request costs: all api processes together, and PostgreSQL (the overhead of a second process shows here).
      const apiSeconds = Object.entries(f.cpu.seconds).filter(([name]) => name.startsWith('api-')).reduce((t, [, v]) => t + v, 0);
      figures[`${k}_${phase}_cpu_ms_per_req_api`] = round((1000 * apiSeconds) / Math.max(1, f.loop.ok), 2);
      figures[`${k}_${phase}_cpu_ms_per_req_postgres`] = round((1000 * (f.cpu.seconds.postgres ?? 0)) / Math.max(1, f.loop.ok), 2);
      figures[`${k}_${phase}_pg_xacts_per_req`] = round(f.pg.xacts / Math.max(1, f.loop.requests), 1);
      figures[`${k}_${phase}_pg_rows_read_per_req`] = round(f.pg.reads / Math.max(1, f.loop.requests), 1);
      figures[`${k}_${phase}_cpu_pct_other`] = Math.round(f.cpu.otherPercent);
    }
    figures[`${k}_checkout_outbox_backlog_at_end`] = cf.checkout.backlogAtEnd;
    figures[`${k}_checkout_outbox_drain_s`] = round(cf.checkout.drainS, 1);
  }
  // Other processes on the machine (not this cluster, PostgreSQL or this process) during the reported phases: above ~15% a phase was disturbed.
  const disturbed = [one, two].flatMap((cf) => [cf.feed, cf.checkout]).map((f) => f.cpu.otherPercent);
  figures.max_cpu_pct_other = Math.round(Math.max(...disturbed));
  if (figures.max_cpu_pct_other > 15) log(`other processes used up to ${figures.max_cpu_pct_other}% CPU during a reported phase: the ratios are disturbed (try --rounds 3 on a quiet machine)`);
  figures.ratio_feed = round(rate(two.feed) / rate(one.feed), 3);
  figures.ratio_checkout = round(rate(two.checkout) / rate(one.checkout), 3);
  await cleanup();
  report('cluster', figures, { ratio_feed: 0.9, ratio_checkout: 0.9 });
} finally {
  await cleanup();
}
