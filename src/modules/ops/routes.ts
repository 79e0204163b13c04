// Operator views of the platform's machinery: background jobs and the event outbox.
import { Type } from '@sinclair/typebox';
import { auditTrail } from '../../platform/audit.ts';
import type { Db } from '../../platform/db/index.ts';
import { EventBus } from '../../platform/events/bus.ts';
import { Id, PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import { JobQueue } from '../../platform/jobs/queue.ts';

const JobStatus = Type.Union(['queued', 'running', 'succeeded', 'dead', 'cancelled'].map((s) => Type.Literal(s)));

const DeadLetter = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  consumer: Type.String(),
  reason: Type.String(),
  deliveries: Type.Integer(),
  at: Type.String(),
  data: Type.String({ description: 'The message as it was (up to 4,000 characters)' }),
});

/** Dead letters: JetStream's dead-letter stream when events travel over NATS, else the outbox's dead rows. */
export type DeadLetters = (limit: number) => Promise<{ source: 'jetstream' | 'outbox'; total: number; items: Array<typeof DeadLetter.static> }>;

export function outboxDeadLetters(db: Db): DeadLetters {
  return async (limit) => {
    const { total, items } = await EventBus.dead(db, limit);
    return {
      source: 'outbox',
      total,
      items: items.map((r) => ({ id: r.event_id, subject: r.topic, consumer: (r.last_error ?? '').split(':')[0] ?? '', reason: r.last_error ?? '', deliveries: r.attempts, at: new Date(r.occurred_at).toISOString(), data: JSON.stringify(r.payload).slice(0, 4000) })),
    };
  };
}

export function opsRoutes(app: App, db: Db, deadLetters: DeadLetters = outboxDeadLetters(db)): void {
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
    '/api/v1/ops/events/dead-letters',
    {
      config: { access: ['operator'] },
      schema: {
        tags: ['ops'],
        summary: 'Events no consumer could handle (after every retry, or unreadable), newest first, with the reason',
        querystring: Strict({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }),
        response: { 200: Type.Object({ source: Type.Union([Type.Literal('jetstream'), Type.Literal('outbox')]), total: Type.Integer(), items: Type.Array(DeadLetter) }) },
      },
    },
    async (req) => deadLetters(req.query.limit ?? 50),
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
