// Hosts the search engine in this process and keeps it current. At start it restores the last
// snapshot and replays the change log after it, or (no usable snapshot) builds the index from the
// owners' services. Bus handlers only append the documents to re-read to the module's change log
// in their own transaction (no reads there: PGlite has one connection, and an inbox-guarded
// handler that writes its intent can never lose it); the applier then re-reads those documents
// through the owners' services and upserts or removes them — within a few milliseconds of the
// commit, because the handler's commit wakes it.
import { SearchEngine, type SearchDoc } from '../../engines/search/index.ts';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { Log } from '../../platform/log.ts';
import type { QueryLog } from './query-log.ts';
import type { SnapshotStore } from './snapshot-store.ts';
import { creatorDoc, productDoc, storeDoc, videoDoc, type SearchSources } from './sources.ts';

const PAGE = 500;
const CHANGES_PER_PASS = 1000;
/** Popular queries of this long ago feed a freshly built index's suggestions. */
const QUERY_MEMORY_MS = 30 * 86_400_000;

export interface IndexerOptions {
  /** Where the snapshot lives; null: no snapshots (rebuild at every start). */
  snapshots: SnapshotStore | null;
  /** Snapshot this often while changes come in (0: only at start and shutdown). */
  snapshotMs: number;
  /** Fallback poll of the change log (the commit of a handler wakes the applier anyway). */
  pollMs?: number;
}

export class SearchIndexer {
  engine = new SearchEngine();
  private cursor = 0;
  private snapshotCursor = 0;
  private pruned = 0;
  private applying: Promise<void> | null = null;
  private again = false;
  private timers: NodeJS.Timeout[] = [];
  private stopped = true;
  ready = false;
  /** How the index was made at the last start: for logs and tests. */
  origin: { from: 'snapshot' | 'build'; reason?: string; caughtUp: number } = { from: 'build', caughtUp: 0 };

  constructor(
    private readonly db: Db,
    private readonly sources: SearchSources,
    private readonly queries: QueryLog,
    private readonly log: Log,
    private readonly opts: IndexerOptions,
  ) {}

  async start(): Promise<void> {
    const restored = this.opts.snapshots ? await this.opts.snapshots.load() : ({ ok: false, reason: 'snapshots off' } as const);
    let reason = restored.ok ? undefined : restored.reason;
    if (restored.ok) {
      const r = SearchEngine.restore(restored.engine);
      if (r.ok) {
        this.engine = r.engine;
        this.cursor = this.snapshotCursor = restored.meta.cursor;
        for (const { q, n } of await this.queries.popular(restored.meta.takenAt)) this.engine.recordQuery(q, n);
      } else reason = `${r.code}: ${r.message}`;
    }
    const fromSnapshot = reason === undefined;
    if (!fromSnapshot) {
      // Changes logged from here on are replayed after the build; replaying one twice is harmless.
      const [row] = await this.db.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM search_changes');
      this.cursor = Number(row?.seq ?? 0);
      await this.build();
      for (const { q, n } of await this.queries.popular(Date.now() - QUERY_MEMORY_MS)) this.engine.recordQuery(q, n);
    }
    this.stopped = false;
    const caughtUp = await this.apply();
    this.origin = { from: fromSnapshot ? 'snapshot' : 'build', ...(reason && reason !== 'no snapshot' ? { reason } : {}), caughtUp };
    if (!fromSnapshot && reason !== 'no snapshot' && reason !== 'snapshots off') this.log.warn({ reason }, 'search snapshot unusable: index rebuilt');
    // A fresh build is saved at once, so a crash soon after start does not mean another build.
    // A failed save is not fatal here: the index is in memory, the next save tries again.
    if (!fromSnapshot) await this.snapshot().catch((err: unknown) => this.log.error({ err }, 'search snapshot after the build failed'));
    this.ready = true;
    const poll = setInterval(() => this.kick(), this.opts.pollMs ?? 1000);
    poll.unref();
    this.timers.push(poll);
    if (this.opts.snapshots && this.opts.snapshotMs > 0) {
      const t = setInterval(() => void this.snapshot().catch((err: unknown) => this.log.error({ err }, 'search snapshot failed')), this.opts.snapshotMs);
      t.unref();
      this.timers.push(t);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.applying;
    if (this.ready) await this.snapshot().catch((err: unknown) => this.log.error({ err }, 'search snapshot at shutdown failed'));
  }

  /** Writes a snapshot if anything changed since the last one. */
  async snapshot(): Promise<boolean> {
    const store = this.opts.snapshots;
    if (!store || (this.cursor === this.snapshotCursor && this.ready)) return false;
    await this.applying;
    const cursor = this.cursor;
    const takenAt = Date.now();
    const bytes = this.engine.snapshot();
    await store.save(bytes, { cursor, takenAt, docs: this.engine.stats().docs });
    this.snapshotCursor = cursor;
    return true;
  }

  /** Keeps the index in step with catalog and content (at-least-once; re-reading is idempotent). */
  subscribe(bus: EventBus): void {
    const c = 'search.index';
    bus.subscribe<{ productId?: string; productIds?: string[] }>(c, ['catalog.product.created', 'catalog.product.updated', 'catalog.product.archived', 'catalog.products.imported'], async (ev, tx) =>
      this.note(tx, (ev.payload.productIds ?? (ev.payload.productId ? [ev.payload.productId] : [])).map((id) => `p:${id}`)),
    );
    // Stock decides "in stock" and reservations are the units sold: the SKU's product is re-read.
    bus.subscribe<{ skuId: string }>(c, 'catalog.sku.stock_changed', async (ev, tx) => this.note(tx, [`k:${ev.payload.skuId}`]));
    // A store's name, badge or suspension changes the store and every product's flagship filter and availability.
    bus.subscribe<{ storeId?: string; storeIds?: string[] }>(c, ['catalog.store.created', 'catalog.store.updated', 'catalog.stores.imported'], async (ev, tx) =>
      this.note(tx, (ev.payload.storeIds ?? (ev.payload.storeId ? [ev.payload.storeId] : [])).map((id) => `s:${id}`)),
    );
    bus.subscribe<{ videoId: string; authorId: string }>(c, ['content.video.published', 'content.video.withdrawn'], async (ev, tx) => this.note(tx, [`v:${ev.payload.videoId}`, `c:${ev.payload.authorId}`]));
  }

  /** A store's reach factor changed (feed/reach.ts): it and its goods are re-read, in the caller's transaction. */
  async storeChanged(tx: Tx, storeId: string): Promise<void> {
    await this.note(tx, [`s:${storeId}`]);
  }

  /** Products' campaign boosts changed (feed/campaign-reach.ts): they are re-read, in the caller's transaction. */
  async productsChanged(tx: Tx, productIds: string[]): Promise<void> {
    await this.note(tx, productIds.map((id) => `p:${id}`));
  }

  private readonly productDoc = (p: Parameters<typeof productDoc>[0]) => productDoc(p, (this.sources.storeFactor?.(p.storeId) ?? 1) * (this.sources.productBoost?.(p.id) ?? 1));
  private readonly storeDoc = (s: Parameters<typeof storeDoc>[0]) => storeDoc(s, this.sources.storeFactor?.(s.id) ?? 1);

  private async note(tx: Tx, docs: string[]): Promise<void> {
    if (docs.length === 0) return;
    await tx.query('INSERT INTO search_changes (doc) SELECT unnest($1::text[])', [docs]);
    // Rows a written snapshot covers are not needed again; pruned here, with the write that adds rows.
    if (this.snapshotCursor > this.pruned) {
      await tx.query('DELETE FROM search_changes WHERE seq <= $1', [this.snapshotCursor]);
      this.pruned = this.snapshotCursor;
    }
    tx.afterCommit(() => this.kick());
  }

  /** Wakes the applier; coalesces wake-ups that arrive while it runs into one more pass. */
  kick(): void {
    if (this.stopped || !this.ready) return;
    if (this.applying) {
      this.again = true;
      return;
    }
    this.applying = (async () => {
      do {
        this.again = false;
        await this.apply().catch((err: unknown) => this.log.error({ err }, 'search index update failed'));
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.applying = null;
    });
  }

  /** Resolves once every change committed so far is in the index (tests, the CLI). */
  async settle(): Promise<void> {
    this.kick();
    while (this.applying) await this.applying;
  }

  /** Applies the change log after the cursor; returns how many entries it read. */
  private async apply(): Promise<number> {
    let n = 0;
    for (;;) {
      const rows = await this.db.query<{ seq: string; doc: string }>('SELECT seq::text, doc FROM search_changes WHERE seq > $1 ORDER BY seq LIMIT $2', [this.cursor, CHANGES_PER_PASS]);
      if (rows.length === 0) return n;
      const ids = { p: new Set<string>(), k: new Set<string>(), s: new Set<string>(), v: new Set<string>(), c: new Set<string>() };
      for (const r of rows) {
        const kind = r.doc.slice(0, 1) as keyof typeof ids;
        ids[kind]?.add(r.doc.slice(2));
      }
      for (const id of await this.sources.productsOfSkus([...ids.k])) ids.p.add(id);
      for (const storeId of ids.s) {
        for (let after: string | null = null; ; ) {
          const page = await this.sources.productIdsOfStore(storeId, after, PAGE);
          for (const id of page) ids.p.add(id);
          if (page.length < PAGE) break;
          after = page[page.length - 1]!;
        }
      }
      await this.refresh([...ids.p], (x) => this.sources.products({ ids: x }), this.productDoc);
      await this.refresh([...ids.s], (x) => this.sources.stores({ ids: x }), this.storeDoc);
      await this.refresh([...ids.v], (x) => this.sources.videos({ ids: x }), videoDoc);
      await this.refresh([...ids.c], (x) => this.sources.creators({ ids: x }), creatorDoc);
      n += rows.length;
      this.cursor = Number(rows[rows.length - 1]!.seq);
    }
  }

  /** Re-reads these ids: the ones the owner still offers are upserted, the others removed. */
  private async refresh<T extends { id: string }>(ids: string[], read: (ids: string[]) => Promise<T[]>, toDoc: (x: T) => SearchDoc): Promise<void> {
    for (let i = 0; i < ids.length; i += PAGE) {
      const chunk = ids.slice(i, i + PAGE);
      const found = await read(chunk);
      for (const x of found) this.upsert(toDoc(x));
      const kept = new Set(found.map((x) => x.id));
      for (const id of chunk) if (!kept.has(id)) this.engine.remove(id);
    }
  }

  private upsert(doc: SearchDoc): void {
    const r = this.engine.upsert(doc);
    if (!r.ok) this.log.warn({ id: doc.id, field: r.field, message: r.message }, 'search: document refused');
  }

  private async eachPage<T extends { id: string }>(read: (after: string | null) => Promise<T[]>, toDoc: (x: T) => SearchDoc): Promise<number> {
    let after: string | null = null;
    let n = 0;
    for (;;) {
      const page = await read(after);
      if (page.length === 0) return n;
      const docs = page.map(toDoc);
      const r = this.engine.upsertMany(docs);
      if (!r.ok) {
        // One bad document must not stop the rest: load them one by one, logging the refused one.
        for (const d of docs) this.upsert(d);
      }
      n += page.length;
      after = page[page.length - 1]!.id;
    }
  }

  /** The whole index from the owners' services, a page at a time. */
  private async build(): Promise<void> {
    this.engine = new SearchEngine();
    const started = Date.now();
    const products = await this.eachPage((after) => this.sources.products({ afterId: after, limit: PAGE }), this.productDoc);
    const videos = await this.eachPage((after) => this.sources.videos({ afterId: after, limit: PAGE }), videoDoc);
    const creators = await this.eachPage((after) => this.sources.creators({ afterId: after, limit: PAGE }), creatorDoc);
    let stores = 0;
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.sources.stores({ offset, limit: PAGE });
      for (const s of page) this.upsert(this.storeDoc(s));
      stores += page.length;
      if (page.length < PAGE) break;
    }
    this.engine.optimize();
    this.log.info({ products, videos, creators, stores, ms: Date.now() - started }, 'search index built');
  }
}
