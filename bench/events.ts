// Events ingest: behaviour events durably stored per second over HTTP. C clients send batches of
// B events (impressions, plays, finishes, likes, taps, swipes on videos, live rooms and goods) as
// signed-in viewers (bearer sessions) and anonymous devices to a server in its own process
// (`flywheel start`), and a request counts only when answered — after its events committed. Run
// on the embedded PGlite (files under a data directory, as `npm start` keeps them) and on
// PostgreSQL (a fresh database); after the server stops, the rows are counted again (lost = 0).
// Baselines in the same run on the same table: one INSERT (one commit) per event, and the
// writer's own multi-row statement with no HTTP in front (the database's ceiling for it).
//   npm run bench -- events [--pglite | --pg] [--events 300000] [--batch 50] [--concurrency 32]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPlatform } from '../src/main.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Db } from '../src/platform/db/index.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { newId, seededId } from '../src/platform/ids.ts';
import { appendNew, type EventRow } from '../src/modules/feed/insert.ts';
import { flag, report, round } from './_util.ts';

const total = flag('events', 300_000);
const batch = flag('batch', 50);
const concurrency = flag('concurrency', 32);
const viewers = flag('viewers', 400);
const devices = flag('devices', 2000);
const only: 'pglite' | 'postgres' | null = process.argv.includes('--pglite') ? 'pglite' : process.argv.includes('--pg') ? 'postgres' : null;
const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = new URL('../', import.meta.url).pathname;
// The per-viewer flood limits are for people, not for a load generator that is 2,400 of them.
const LIMITS = { FEED_EVENTS_PER_ACTOR: '10000000', FEED_EVENTS_PER_ADDRESS: '100000000' };

interface World {
  items: Array<{ itemType: 'video' | 'live' | 'product'; itemId: string }>;
  tokens: string[];
}

/** Goods, live rooms, published videos and viewers with sessions, made in-process before the server starts. */
async function makeWorld(env: Record<string, string>): Promise<World> {
  const platform = await createPlatform(loadConfig({ ...env, LOG_LEVEL: 'silent', SERVE_WEB: 'false' }), { logger: false });
  const s = platform.services;
  try {
    const merchantId = seededId('usr', 9_000_000);
    await platform.db.tx((tx) => s.identity.importUsers(tx, [{ id: merchantId, email: 'bench-events-merchant@example.com', password: 'bench-password', displayName: '压测商家', roles: ['merchant'] }]));
    const store = await s.stores.create(merchantId, { name: '事件压测店' });
    const cat = await s.categories.create({ nameZh: '压测', nameEn: 'Bench' });
    const products: string[] = [];
    for (let i = 0; i < 200; i++) products.push((await s.products.create(store.id, merchantId, { title: `压测商品${i}`, categoryId: cat.id, skus: [{ optionValues: {}, priceFen: 990 + i, stock: 100 }] })).id);
    const rooms: string[] = [];
    for (let i = 0; i < 20; i++) rooms.push((await s.live.rooms.create(merchantId, { title: `压测直播${i}`, storeId: store.id, productIds: products.slice(i, i + 3) })).id);
    // Published videos straight into content's table: transcoding is not what this measures.
    const videos = Array.from({ length: 1000 }, () => newId('vid'));
    await platform.db.query(`INSERT INTO videos (id, author_id, title, status, duration_ms, published_at) SELECT id, $2, '压测视频', 'ready', 15000, now() FROM unnest($1::text[]) AS id`, [videos, merchantId]);
    const tokens: string[] = [];
    for (let i = 0; i < viewers; i += 200) {
      const ids = Array.from({ length: Math.min(200, viewers - i) }, (_, j) => seededId('usr', 9_100_000 + i + j));
      await platform.db.tx((tx) => s.identity.importUsers(tx, ids.map((id, j) => ({ id, email: `bench-viewer-${i + j}@example.com`, password: 'bench-password', displayName: `观众${i + j}`, roles: [] }))));
      for (const id of ids) tokens.push((await s.identity.createSession(id, 'bearer', 'bench')).token);
    }
    const items: World['items'] = [...videos.map((itemId) => ({ itemType: 'video' as const, itemId })), ...products.map((itemId) => ({ itemType: 'product' as const, itemId })), ...rooms.map((itemId) => ({ itemType: 'live' as const, itemId }))];
    return { items, tokens };
  } finally {
    await platform.close();
  }
}

/** Request bodies made before the clock starts, so the load generator's own work stays small. */
function makeRequests(world: World): Array<{ token: string | null; body: string }> {
  const kinds = ['impression', 'impression', 'impression', 'impression', 'play', 'play', 'finish', 'like', 'product_tap', 'quick_swipe', 'share', 'add_to_cart'];
  let n = 0;
  const out: Array<{ token: string | null; body: string }> = [];
  const now = new Date().toISOString();
  for (let r = 0; r * batch < total; r++) {
    const events: string[] = [];
    for (let i = 0; i < batch; i++, n++) {
      const item = world.items[(n * 7919) % world.items.length]!;
      const type = item.itemType === 'product' ? (n % 3 ? 'impression' : 'product_tap') : kinds[n % kinds.length]!;
      // A live stream has no length; videos are 15 s.
      const watched = type === 'play' || type === 'finish' ? `,"watchMs":${(n * 37) % 16000}${item.itemType === 'live' ? '' : ',"durationMs":15000'}` : '';
      events.push(`{"id":"bench-${n.toString(36).padStart(8, '0')}","type":"${type}","itemType":"${item.itemType}","itemId":"${item.itemId}"${watched},"source":"feed","position":${i % 20},"at":"${now}"}`);
    }
    // Seven requests in ten from signed-in viewers, the rest from anonymous devices.
    const signedIn = r % 10 < 7;
    const device = signedIn ? '' : `"deviceId":"bench-device-${r % devices}",`;
    out.push({ token: signedIn ? world.tokens[r % world.tokens.length]! : null, body: `{${device}"events":[${events.join(',')}]}` });
  }
  return out;
}

async function startServer(env: Record<string, string>, port: number): Promise<{ base: string; stop(): Promise<void> }> {
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, 'bin/flywheel.mjs', 'start'], { cwd: ROOT, env: { ...process.env, ...env, ...LIMITS, PORT: String(port), LOG_LEVEL: 'warn', SERVE_WEB: 'false', DEMO_ON_EMPTY: 'false' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await fetch(`${base}/api/health`).then((r) => r.ok, () => false)); i++) {
    if (i > 1200 || child.exitCode !== null) throw new Error('server did not become healthy');
    await new Promise((r) => setTimeout(r, 50));
  }
  return { base, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) };
}

async function load(base: string, requests: Array<{ token: string | null; body: string }>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL('/api/v1/events', base);
  const post = (r: { token: string | null; body: string }) =>
    new Promise<{ status: number; accepted: number; duplicates: number }>((resolve, reject) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(r.body)) };
      if (r.token) headers.authorization = `Bearer ${r.token}`;
      const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString()) as { accepted?: number; duplicates?: number };
          resolve({ status: res.statusCode ?? 0, accepted: body.accepted ?? 0, duplicates: body.duplicates ?? 0 });
        });
      });
      req.on('error', reject);
      req.end(r.body);
    });
  // Warm-up (JIT, the server's item memory), then the measured part.
  const warm = requests.splice(0, concurrency * 4);
  let accepted = (await Promise.all(warm.map(post))).reduce((a, r) => a + r.accepted, 0);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let measured = 0;
  let duplicates = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < requests.length; i = next++) {
        const s = performance.now();
        const r = await post(requests[i]!);
        latencies.push(performance.now() - s);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        measured += r.accepted;
        duplicates += r.duplicates;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  accepted += measured;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!, 1);
  return { eventsPerSecond: Math.round(measured / seconds), requestsPerSecond: Math.round(latencies.length / seconds), p50: pct(0.5), p99: pct(0.99), accepted, duplicates, statuses: JSON.stringify(Object.fromEntries(statuses)) };
}

/** The same table with no HTTP in front: one INSERT (one commit) per event, and the writer's usual statement at its flush size. */
async function baselines(db: Db, world: World, connections: number): Promise<{ singleRow: number; unnest: number }> {
  let k = 0;
  const row = (): EventRow => {
    const item = world.items[k % world.items.length]!;
    return { actorKind: 'device', actorId: 'bench-baseline', clientEventId: `baseline-${++k}`, type: 'impression', itemType: item.itemType, itemId: item.itemId, watchMs: null, durationMs: null, source: 'feed', position: 0, at: new Date() };
  };
  const rate = async (fn: () => Promise<number>, lanes: number) => {
    let n = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: lanes }, async () => {
      while (performance.now() - t0 < 3000) {
        const done = await fn(); // not `n += await fn()`: that reads n before the await and loses the other lanes' counts
        n += done;
      }
    }));
    return Math.round(n / ((performance.now() - t0) / 1000));
  };
  const singleRow = await rate(async () => (await appendNew(db, [row()]), 1), connections);
  const size = Number(loadConfig({}).feed.flushEvents);
  const unnest = await rate(async () => (await appendNew(db, Array.from({ length: size }, row)), size), 1);
  return { singleRow, unnest };
}

async function run(kind: 'pglite' | 'postgres') {
  const dataDir = mkdtempSync(join(tmpdir(), 'fw-bench-events-'));
  const dbName = `fw_bench_events_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG });
  const dbUrl = Object.assign(new URL(PG), { pathname: `/${dbName}` }).toString();
  if (kind === 'postgres') {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
  }
  const env: Record<string, string> = { DATA_DIR: dataDir, ...(kind === 'postgres' ? { DATABASE_URL: dbUrl } : {}) };
  try {
    const world = await makeWorld(env);
    const requests = makeRequests(world);
    const open = () => (kind === 'postgres' ? openPostgres(dbUrl, Math.min(concurrency, 32)) : openPglite(join(dataDir, 'pglite')));
    // Baselines first, on the empty table, then emptied again for the server.
    let db = await open();
    const base = await baselines(db, world, kind === 'postgres' ? Math.min(concurrency, 32) : 1);
    await db.query('TRUNCATE feed_events');
    await db.close();
    const server = await startServer(env, 4100 + Math.floor(Math.random() * 800));
    let figures;
    try {
      figures = await load(server.base, requests);
    } finally {
      await server.stop();
    }
    // Counted again after the server stopped: what was answered is what is stored.
    db = await open();
    try {
      const [{ n: stored } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feed_events');
      return { ...figures, stored, lost: figures.accepted - stored, singleRow: base.singleRow, unnest: base.unnest };
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (kind === 'postgres') {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

const figures: Record<string, number | string> = { events: total, batch, concurrency };
const measured: number[] = [];
for (const kind of only ? [only] : (['pglite', 'postgres'] as const)) {
  const r = await run(kind);
  measured.push(r.eventsPerSecond);
  Object.assign(figures, {
    [`${kind}_events_per_s`]: r.eventsPerSecond,
    [`${kind}_requests_per_s`]: r.requestsPerSecond,
    [`${kind}_p50_ms`]: r.p50,
    [`${kind}_p99_ms`]: r.p99,
    [`${kind}_stored`]: r.stored,
    [`${kind}_lost`]: r.lost,
    [`${kind}_duplicates`]: r.duplicates,
    [`${kind}_statuses`]: r.statuses,
    [`${kind}_baseline_single_row_inserts_per_s`]: r.singleRow,
    [`${kind}_baseline_unnest_rows_per_s`]: r.unnest,
    [`${kind}_vs_single_row`]: round(r.eventsPerSecond / r.singleRow, 2),
    [`${kind}_vs_unnest`]: round(r.eventsPerSecond / r.unnest, 2),
  });
}
// The headline: the lower of the databases measured.
figures.eventsPerSecond = Math.min(...measured);
report('events', figures, { eventsPerSecond: 20000 });
