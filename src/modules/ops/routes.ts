// Operator views of the platform's machinery: background jobs and the event outbox.
import { Type } from '@sinclair/typebox';
import { auditTrail } from '../../platform/audit.ts';
import type { Db } from '../../platform/db/index.ts';
import { EventBus } from '../../platform/events/bus.ts';
import { Id, PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import { JobQueue } from '../../platform/jobs/queue.ts';

const JobStatus = Type.Union(['queued', 'running', 'succeeded', 'dead', 'cancelled'].map((s) => Type.Literal(s)));

export function opsRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/ops/jobs',
    {
      config: { access: ['operator'] },
      schema: {
        tags: ['ops'],
        summary: 'Background jobs and their state',
        querystring: Strict({ status: Type.Optional(JobStatus), kind: Type.Optional(Type.String({ maxLength: 64 })), ...PageQuery }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), status: Type.String(), attempts: Type.Integer(), maxAttempts: Type.Integer(), runAt: Type.String(), lastError: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(), finishedAt: Type.Union([Type.String(), Type.Null()]) })),
          }),
        },
      },
    },
    async (req) => {
      const { items, total } = await JobQueue.list(db, req.query);
      return {
        total,
        items: items.map((j) => ({
          id: j.id,
          kind: j.kind,
          status: j.status,
          attempts: j.attempts,
          maxAttempts: j.max_attempts,
          runAt: new Date(j.run_at).toISOString(),
          lastError: j.last_error,
          createdAt: new Date(j.created_at).toISOString(),
          finishedAt: j.finished_at ? new Date(j.finished_at).toISOString() : null,
        })),
      };
    },
  );

  app.get(
    '/api/v1/ops/events',
    { config: { access: ['operator'] }, schema: { tags: ['ops'], summary: 'Outbox: events by topic and delivery state', response: { 200: Type.Array(Type.Object({ topic: Type.String(), status: Type.String(), count: Type.Integer() })) } } },
    async () => EventBus.stats(db),
  );

  app.get(
    '/api/v1/ops/audit',
    {
      config: { access: ['operator'] },
      schema: {
        tags: ['ops'],
        summary: 'The audit trail: who viewed personal data (buyer addresses) and when',
        querystring: Strict({ subjectType: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$' })), subjectId: Type.Optional(Id()), actorId: Type.Optional(Id()), ...PageQuery }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(Type.Object({ id: Type.Integer(), actorId: Type.Union([Type.String(), Type.Null()]), action: Type.String(), subjectType: Type.String(), subjectId: Type.String(), detail: Type.Record(Type.String(), Type.Unknown()), at: Type.String() })),
          }),
        },
      },
    },
    async (req) => auditTrail(db, req.query),
  );
}
