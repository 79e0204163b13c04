// `npm run bench -- search [--products N] [--queries N] [--js-products N] [--pg 0|1]`
// The search engine on a generated catalog (default 1,000,000 products, see _search-catalog.ts):
// build time, memory, snapshot size and restore time, then a fixed query mix (1–3 words; zh, en,
// pinyin; 40% with a filter; 20 hits + facets per query) timed one query at a time on one core.
// Baselines in the same run over the same data and queries:
//  - PostgreSQL full-text search: GIN over the pre-segmented text (to_tsvector('simple')),
//    top 20 by ts_rank, no facets or count (so the comparison flatters PostgreSQL). Pinyin
//    queries are given to it as the Chinese words they stand for — it can't read pinyin.
//  - MiniSearch (JS library) over a subset (default 200k: it holds JS objects per term and doc),
//    compared with this engine built on the same subset.
// Relevance: precision@5 over the labelled set bench/search-relevance.json.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import MiniSearch from 'minisearch';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { precisionAtK, type LabelledQuery } from '../src/engines/search/evaluate.ts';
import { SearchEngine, type SearchDoc } from '../src/engines/search/index.ts';
import { CATEGORY_IDS, generateCatalog, generateQueries, type BenchQuery } from './_search-catalog.ts';
import { flag, report, round } from './_util.ts';

const N = flag('products', 1_000_000);
const Q = flag('queries', 2000);
const JS_N = flag('js-products', Math.min(N, 200_000));
const WITH_PG = flag('pg', 1) === 1;
const log = (s: string) => process.stderr.write(`${s}\n`);
const now = () => performance.now();

function percentiles(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const total = s.reduce((a, b) => a + b, 0);
  return { p50: round(at(0.5), 3), p99: round(at(0.99), 3), max: round(s[s.length - 1]!, 2), qps: Math.round((1000 * s.length) / total) };
}

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
/** CPU time of the last timeAll() run's queries: on a busy machine wall time also counts waiting for a core. */
let lastCpu: number[] = [];

function timeAll(queries: BenchQuery[], run: (q: BenchQuery) => unknown): number[] {
  for (const q of queries.slice(0, 200)) run(q); // warm-up: JIT, caches
  lastCpu = [];
  return queries.map((q) => { const c = cpuMs(); const t = now(); run(q); const wall = now() - t; lastCpu.push(cpuMs() - c); return wall; });
}

function* docs(n: number): Generator<SearchDoc> {
  for (const d of generateCatalog(n)) yield d.doc;
}

const queries = generateQueries(Q);
const mem = () => { global.gc?.(); const m = process.memoryUsage(); return { heap: m.heapUsed / 1048576, buffers: m.arrayBuffers / 1048576, rss: m.rss / 1048576 }; };
const mem0 = mem();

// ---- this engine, full size
log(`building the engine over ${N} products…`);
let t = now();
let engine = new SearchEngine();
const built = engine.upsertMany(docs(N));
if (!built.ok) throw new Error(`bad generated doc: ${built.message}`);
const buildS = (now() - t) / 1000;
const mem1 = mem();
t = now();
const snap = engine.snapshot();
const snapshotS = (now() - t) / 1000;
t = now();
const restored = SearchEngine.restore(snap);
const restoreS = (now() - t) / 1000;
if (!restored.ok) throw new Error(restored.message);
engine = restored.engine; // query the restored engine: the snapshot must serve as well as a build
log(`built in ${buildS.toFixed(1)} s; snapshot ${(snap.byteLength / 1048576).toFixed(0)} MB; querying…`);
let totalHits = 0;
const ours = percentiles(timeAll(queries, (q) => {
  const r = engine.search({ q: q.q, filters: q.filters, size: 20 });
  if (!r.ok) throw new Error(`${q.q}: ${r.code}`);
  totalHits += r.total;
}));
const oursCpu = percentiles(lastCpu);
const zeroResult = queries.filter((q) => { const r = engine.search({ q: q.q, filters: q.filters, size: 1, facets: false }); return r.ok && r.total === 0; }).length;
const suggestTimes = percentiles(timeAll(queries, (q) => engine.suggest(q.q.slice(0, 2))));
const stats = engine.stats();

// ---- PostgreSQL
let pgFig: ReturnType<typeof percentiles> | null = null;
let pgLoadS = 0;
if (WITH_PG) {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `flywheel_bench_search_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  const client = new pg.Client({ connectionString: u.toString() });
  try {
    await client.connect();
    log('loading PostgreSQL…');
    t = now();
    await client.query('CREATE UNLOGGED TABLE raw (id int, cat int, price int, in_stock bool, flagship bool, txt text)');
    const rows = function* () {
      let i = 0;
      let chunk = '';
      for (const d of generateCatalog(N)) {
        chunk += `${i++}\t${d.cat}\t${d.doc.priceFen}\t${d.doc.inStock}\t${d.doc.flagship}\t${d.segmented.replace(/[\\\t\n]/g, ' ')}\n`;
        if (chunk.length > 1 << 20) { yield Buffer.from(chunk); chunk = ''; }
      }
      if (chunk) yield Buffer.from(chunk);
    };
    await pipeline(Readable.from(rows()), client.query(copyFrom('COPY raw FROM STDIN')));
    await client.query(`CREATE TABLE docs AS SELECT id, cat, price, in_stock, flagship, to_tsvector('simple', txt) AS tsv FROM raw`);
    await client.query('DROP TABLE raw');
    await client.query('CREATE INDEX docs_tsv ON docs USING gin (tsv)');
    await client.query('VACUUM ANALYZE docs');
    await client.query(`SET statement_timeout = '20s'`);
    pgLoadS = (now() - t) / 1000;
    log(`PostgreSQL loaded in ${pgLoadS.toFixed(0)} s; querying…`);
    const sqlFor = (q: BenchQuery): [string, unknown[]] => {
      const where = [`tsv @@ plainto_tsquery('simple', $1)`];
      const args: unknown[] = [q.words.join(' ').toLowerCase()];
      if (q.filters.categoryIds) { args.push(CATEGORY_IDS.indexOf(q.filters.categoryIds[0]!)); where.push(`cat = $${args.length}`); }
      if (q.filters.priceMinFen !== undefined) { args.push(q.filters.priceMinFen, q.filters.priceMaxFen); where.push(`price BETWEEN $${args.length - 1} AND $${args.length}`); }
      if (q.filters.inStock) where.push('in_stock AND flagship');
      return [`SELECT id FROM docs WHERE ${where.join(' AND ')} ORDER BY ts_rank(tsv, plainto_tsquery('simple', $1)) DESC LIMIT 20`, args];
    };
    // PostgreSQL is slow enough that a smaller sample of the same mix gives stable figures.
    const sample = queries.slice(0, Math.min(queries.length, 500));
    for (const q of sample.slice(0, 50)) await client.query(...sqlFor(q));
    const times: number[] = [];
    for (const q of sample) { const s = now(); await client.query(...sqlFor(q)); times.push(now() - s); }
    pgFig = percentiles(times);
  } finally {
    await client.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

// ---- MiniSearch and this engine on the same subset
engine = new SearchEngine(); // drop the big one
log(`MiniSearch over ${JS_N} products…`);
interface MiniDoc { id: number; title: string; rest: string; cat: string; price: number; inStock: boolean; flagship: boolean }
const mini = new MiniSearch<MiniDoc>({
  fields: ['title', 'rest'], storeFields: ['cat', 'price', 'inStock', 'flagship'],
  tokenize: (s) => s.split(' '), processTerm: (w) => w.toLowerCase() || null,
  searchOptions: { combineWith: 'AND', boost: { title: 3 } },
});
t = now();
let i = 0;
for (const d of generateCatalog(JS_N)) {
  const title = d.doc.title.toLowerCase();
  mini.add({ id: i++, title, rest: d.segmented.slice(title.length), cat: d.doc.categoryId!, price: d.doc.priceFen!, inStock: d.doc.inStock!, flagship: d.doc.flagship! });
}
const miniBuildS = (now() - t) / 1000;
const miniFig = percentiles(timeAll(queries, (q) => {
  const f = q.filters;
  mini.search(q.words.join(' ').toLowerCase(), {
    filter: (r) => (!f.categoryIds || r.cat === f.categoryIds[0]) && (f.priceMinFen === undefined || (r.price >= f.priceMinFen && r.price <= f.priceMaxFen!)) && (!f.inStock || (r.inStock && r.flagship)),
  }).slice(0, 20);
}));
const small = new SearchEngine();
t = now();
small.upsertMany(docs(JS_N));
const smallBuildS = (now() - t) / 1000;
const smallFig = percentiles(timeAll(queries, (q) => small.search({ q: q.q, filters: q.filters, size: 20 })));
const smallCpu = percentiles(lastCpu);

// ---- relevance
const set = JSON.parse(readFileSync(new URL('./search-relevance.json', import.meta.url), 'utf8')) as { docs: SearchDoc[]; queries: LabelledQuery[] };
const rel = new SearchEngine();
rel.upsertMany(set.docs);
const p5 = precisionAtK(rel, set.queries, 5);
for (const x of p5.perQuery) if (x.precision < 1) log(`  P@5 ${x.precision.toFixed(2)}  ${x.q} → ${x.top.join(' ')}`);

report('search', {
  products: N, queries: Q, terms: stats.terms, postings: stats.postings,
  build_s: round(buildS, 1), docs_per_s: Math.round(N / buildS),
  heap_mb: Math.round(mem1.heap - mem0.heap), typed_arrays_mb: Math.round(mem1.buffers - mem0.buffers), rss_mb: Math.round(mem1.rss),
  snapshot_mb: Math.round(snap.byteLength / 1048576), snapshot_s: round(snapshotS, 1), restore_s: round(restoreS, 1),
  p50_ms: ours.p50, p99_ms: ours.p99, max_ms: ours.max, qps: ours.qps, cpu_p50_ms: oursCpu.p50, cpu_p99_ms: oursCpu.p99, load_avg_1m: round(loadavg()[0]!, 1), avg_total_hits: Math.round(totalHits / queries.length), zero_result_queries: zeroResult,
  suggest_p99_ms: suggestTimes.p99,
  pg_load_s: round(pgLoadS, 0), pg_p50_ms: pgFig?.p50 ?? 'skipped', pg_p99_ms: pgFig?.p99 ?? 'skipped', pg_qps: pgFig?.qps ?? 'skipped',
  qps_vs_pg: pgFig ? round(ours.qps / pgFig.qps, 1) : 'skipped',
  js_products: JS_N, minisearch_build_s: round(miniBuildS, 1), minisearch_p50_ms: miniFig.p50, minisearch_p99_ms: miniFig.p99, minisearch_qps: miniFig.qps,
  engine_same_subset_build_s: round(smallBuildS, 1), engine_same_subset_p50_ms: smallFig.p50, engine_same_subset_p99_ms: smallFig.p99, engine_same_subset_cpu_p99_ms: smallCpu.p99, engine_same_subset_qps: smallFig.qps,
  qps_vs_minisearch_same_subset: round(smallFig.qps / miniFig.qps, 1),
  relevance_queries: set.queries.length, precision_at_5: round(p5.mean, 3),
}, { p99_ms: '<= 10', qps_vs_pg: '>= 5', precision_at_5: '>= 0.9' });
