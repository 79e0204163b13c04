// The search module, assembled: the engine's host (indexer), the query log, the service and its
// routes. main.ts gives it the owners' read methods (sources) and calls start/stop around listening.
import { join } from 'node:path';
import type { Db } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { App } from '../../platform/http/server.ts';
import type { Log } from '../../platform/log.ts';
import { SearchIndexer } from './indexer.ts';
import { QueryLog } from './query-log.ts';
import { searchRoutes } from './routes.ts';
import { SearchService } from './service.ts';
import { SnapshotStore } from './snapshot-store.ts';
import type { SearchSources } from './sources.ts';

export interface SearchSettings {
  /** The platform's data directory; null: no snapshots (every start rebuilds). */
  dataDir: string | null;
  /** Snapshot this often while changes come in; 0: only at start and shutdown. */
  snapshotMinutes: number;
}

export class Search {
  readonly indexer: SearchIndexer;
  readonly queries: QueryLog;
  readonly service: SearchService;

  constructor(db: Db, sources: SearchSources, log: Log, settings: SearchSettings) {
    this.queries = new QueryLog(db, log);
    const snapshots = settings.dataDir ? new SnapshotStore(join(settings.dataDir, 'search')) : null;
    this.indexer = new SearchIndexer(db, sources, this.queries, log, { snapshots, snapshotMs: settings.snapshotMinutes * 60_000 });
    this.service = new SearchService(this.indexer, sources, this.queries);
  }

  subscribe(bus: EventBus): void {
    this.indexer.subscribe(bus);
  }

  routes(app: App): void {
    searchRoutes(app, this.service);
  }

  /** Restores or builds the index and catches up; before the bus starts delivering. */
  start(): Promise<void> {
    return this.indexer.start();
  }

  /** Saves the snapshot and writes the queued query log. */
  async stop(): Promise<void> {
    await this.indexer.stop();
    await this.queries.flush();
  }
}
