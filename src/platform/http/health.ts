// Health and metrics for whoever runs the platform: liveness (the process answers), readiness (it
// can serve: listening, its database answers, not draining for shutdown), and Prometheus metrics
// (request latency by route, the job queue, the outbox's backlog and lag, process figures).
// /metrics takes a bearer METRICS_TOKEN when one is configured; without one, only this machine
// may read it (a scraper on loopback or a sidecar), since it names routes and queue depths.
import { timingSafeEqual } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import client from 'prom-client';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import type { App } from './server.ts';

export interface HealthState {
  /** Set once the platform listens and its background work runs. */
  started: boolean;
  /** Set when shutdown begins: load balancers stop sending while requests in flight finish. */
  draining: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export class PlatformMetrics {
  readonly registry = new client.Registry();
  private readonly http: client.Histogram<'method' | 'route' | 'status'>;

  /** Job failures in this process by kind (JobQueue's onFailure). */
  readonly jobFailures: client.Counter<'kind' | 'dead'>;

  constructor(db: Db, extra: { consumerBacklog?: () => Promise<number>; tailed?: () => number } = {}) {
    client.collectDefaultMetrics({ register: this.registry, prefix: 'flywheel_' });
    this.jobFailures = new client.Counter({ name: 'flywheel_job_failures_total', help: 'Job runs that failed in this process, by kind (dead: the last attempt)', labelNames: ['kind', 'dead'], registers: [this.registry] });
    const { consumerBacklog, tailed } = extra;
    if (consumerBacklog)
      new client.Gauge({
        name: 'flywheel_event_consumer_pending',
        help: 'Events in JetStream not yet acknowledged by the shared consumer (consumer lag)',
        registers: [this.registry],
        async collect() {
          this.set(await consumerBacklog().catch(() => -1));
        },
      });
    if (tailed)
      new client.Counter({
        name: 'flywheel_events_tailed_total',
        help: 'Events this api process read for its in-memory state (outbox tail or its JetStream ordered consumer)',
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(tailed());
        },
      });
    this.http = new client.Histogram({
      name: 'flywheel_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    new client.Gauge({
      name: 'flywheel_jobs',
      help: 'Background jobs not yet succeeded, by kind and status (dead: failed for good)',
      labelNames: ['kind', 'status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = await db.query<{ kind: string; status: string; n: number }>(`SELECT kind, status, count(*)::int AS n FROM jobs WHERE status IN ('queued', 'running', 'dead') GROUP BY kind, status`);
        for (const r of rows) this.set({ kind: r.kind, status: r.status }, r.n);
      },
    });
    new client.Gauge({
      name: 'flywheel_outbox_events',
      help: 'Events in the outbox by status (pending: not yet handled by every consumer; dead: given up)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = await db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM outbox WHERE status IN ('pending', 'dead') GROUP BY status`);
        for (const s of ['pending', 'dead']) this.set({ status: s }, rows.find((r) => r.status === s)?.n ?? 0);
      },
    });
    new client.Gauge({
      name: 'flywheel_outbox_lag_seconds',
      help: 'Age of the oldest pending event: how far the consumers are behind',
      registers: [this.registry],
      async collect() {
        const [row] = await db.query<{ s: number | null }>(`SELECT extract(epoch FROM now() - min(occurred_at))::float8 AS s FROM outbox WHERE status = 'pending'`);
        this.set(Math.max(0, row?.s ?? 0));
      },
    });
  }

  /** Times every answered request by its route pattern (not its URL: ids would explode the labels). */
  install(app: App): void {
    app.addHook('onResponse', async (req, reply) => {
      const route = req.routeOptions.url ?? 'unmatched';
      this.http.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
  }
}

/** Which process answered (a cluster's load balancer spreads probes over several). */
export interface ProcessIdentity {
  instance: string;
  roles: string[];
}

export function healthRoutes(app: App, db: Db, state: HealthState, metrics: PlatformMetrics, metricsToken: string, who: ProcessIdentity): void {
  const tags = ['ops'];
  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags, summary: 'Liveness and database reachability (kept for existing probes; see /api/health/live and /ready)', response: { 200: Type.Object({ status: Type.Literal('ok'), db: Type.String(), uptimeSeconds: Type.Number() }) } } },
    async () => {
      await db.query('SELECT 1');
      return { status: 'ok' as const, db: db.kind, uptimeSeconds: Math.round(process.uptime()) };
    },
  );
  app.get(
    '/api/health/live',
    { config: { access: 'public' }, schema: { tags, summary: 'Liveness: the process answers (restart it when this fails)', response: { 200: Type.Object({ status: Type.Literal('ok'), uptimeSeconds: Type.Number() }) } } },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );
  app.get(
    '/api/health/ready',
    { config: { access: 'public' }, schema: { tags, summary: 'Readiness: listening, the database answers, not shutting down (send traffic only when 200)', response: { 200: Type.Object({ status: Type.Literal('ready'), db: Type.String(), instance: Type.String(), roles: Type.Array(Type.String()) }) } } },
    async () => {
      if (state.draining) throw new AppError('unavailable', 'Shutting down');
      if (!state.started) throw new AppError('unavailable', 'Starting');
      await db.query('SELECT 1').catch(() => {
        throw new AppError('unavailable', 'The database does not answer');
      });
      return { status: 'ready' as const, db: db.kind, ...who };
    },
  );
  app.get(
    '/metrics',
    { config: { access: 'public' }, schema: { tags, summary: 'Prometheus metrics (bearer METRICS_TOKEN, or from this machine when none is set)', produces: ['text/plain'], response: { 200: Type.String() } } },
    async (req, reply) => {
      if (metricsToken) {
        const given = Buffer.from(req.headers.authorization ?? '');
        const want = Buffer.from(`Bearer ${metricsToken}`);
        if (given.length !== want.length || !timingSafeEqual(given, want)) throw new AppError('unauthenticated', 'Metrics need the bearer METRICS_TOKEN');
      } else if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
        throw new AppError('forbidden', 'Metrics are served to this machine only unless METRICS_TOKEN is set');
      }
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  );
}

/** A process that serves no API (worker, ingest) answers only health checks and metrics. */
export function serveOnlyHealth(app: App): void {
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0]!;
    if (path !== '/metrics' && !path.startsWith('/api/health')) throw new AppError('not_found', 'This process serves no API (its FLYWHEEL_ROLES has no api)');
  });
}
