// Composition root: config → db → migrations → bus and jobs → modules → http.
import { Type } from '@sinclair/typebox';
import type { Config } from './platform/config.ts';
import { openDb, type Db } from './platform/db/index.ts';
import { migrate, type MigrationSet } from './platform/db/migrate.ts';
import { EventBus } from './platform/events/bus.ts';
import { createHttp, type App } from './platform/http/server.ts';
import { JobQueue } from './platform/jobs/queue.ts';
import { createLogger } from './platform/log.ts';
import { loadIndexHtml, serveWeb, spaFallback } from './platform/web.ts';
import { CategoryService } from './modules/catalog/categories.ts';
import { ProductService } from './modules/catalog/products.ts';
import { catalogMerchantRoutes } from './modules/catalog/routes-merchant.ts';
import { catalogPublicRoutes } from './modules/catalog/routes-public.ts';
import { StoreService } from './modules/catalog/stores.ts';
import { identityRoutes, makeAuthenticator } from './modules/identity/routes.ts';
import { IdentityService } from './modules/identity/service.ts';
import { mediaRoutes } from './modules/media/routes.ts';
import { MediaService } from './modules/media/service.ts';
import { opsRoutes } from './modules/ops/routes.ts';

/** Every module's migrations, in dependency order. */
export const MIGRATIONS: MigrationSet[] = [
  { owner: 'platform', dir: new URL('./platform/migrations/', import.meta.url) },
  { owner: 'identity', dir: new URL('./modules/identity/migrations/', import.meta.url) },
  { owner: 'media', dir: new URL('./modules/media/migrations/', import.meta.url) },
  { owner: 'catalog', dir: new URL('./modules/catalog/migrations/', import.meta.url) },
];

export interface Services {
  identity: IdentityService;
  media: MediaService;
  stores: StoreService;
  products: ProductService;
  categories: CategoryService;
}

export interface Platform {
  config: Config;
  db: Db;
  bus: EventBus;
  jobs: JobQueue;
  services: Services;
  app: App;
  /** Starts background work (event dispatch, jobs) and listens; returns the URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** An already open database (tests pass a migrated copy). */
  db?: Db;
  logger?: boolean;
}

export async function createPlatform(config: Config, opts: PlatformOptions = {}): Promise<Platform> {
  const log = createLogger(config, opts.logger !== false);
  const db = opts.db ?? (await openDb(config));
  await migrate(db, MIGRATIONS);
  const bus = new EventBus(db, config.events, log);
  const jobs = new JobQueue(db, config.jobs, log);

  const identity = new IdentityService(db, { sessionTtlHours: config.session.ttlHours, loginMaxAttempts: config.login.maxAttempts, loginWindowSeconds: config.login.windowSeconds });
  const media = new MediaService(db, config.dataDir, config.uploads.thumbnailWidths);
  const stores = new StoreService(db, bus);
  const categories = new CategoryService(db);
  const products = new ProductService(db, bus, stores, media);
  const services: Services = { identity, media, stores, products, categories };

  const app = await createHttp({ config, authenticate: makeAuthenticator(identity, config), spaFallback: config.serveWeb ? spaFallback(loadIndexHtml()) : undefined, log });
  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags: ['ops'], summary: 'Liveness and database reachability', response: { 200: Type.Object({ status: Type.Literal('ok'), db: Type.String(), uptimeSeconds: Type.Number() }) } } },
    async () => {
      await db.query('SELECT 1');
      return { status: 'ok' as const, db: db.kind, uptimeSeconds: Math.round(process.uptime()) };
    },
  );
  identityRoutes(app, identity, config);
  mediaRoutes(app, media);
  catalogPublicRoutes(app, stores, products, categories);
  catalogMerchantRoutes(app, stores, products, categories, identity);
  opsRoutes(app, db);
  if (config.serveWeb) await serveWeb(app);
  await app.ready();
  // Background work starts in listen(), so tests and CLI commands control it themselves.

  let closed = false;
  return {
    config,
    db,
    bus,
    jobs,
    services,
    app,
    async listen() {
      const address = await app.listen({ port: config.port, host: config.host });
      bus.start();
      jobs.start();
      return address;
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await bus.stop();
      await jobs.stop();
      if (!opts.db) await db.close();
    },
  };
}
