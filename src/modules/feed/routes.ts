import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/server.ts';
import type { FeedEvents } from './events.ts';
import { IngestResultSchema, eventBatchSchema } from './schemas.ts';

const tags = ['feed'];

export function feedRoutes(app: App, events: FeedEvents, maxBatch: number): void {
  app.post(
    '/api/v1/events',
    {
      config: { access: 'public' },
      // Too many events is a 413 naming the field before each of them is validated in vain.
      preValidation: async (req) => {
        const list = (req.body as { events?: unknown } | null)?.events;
        if (Array.isArray(list) && list.length > maxBatch) throw new AppError('payload_too_large', `At most ${maxBatch} events per request; send the rest in another`, 'events');
      },
      schema: {
        tags,
        summary: 'Report what the viewer did (impressions, plays, likes, taps, …) in a batch; answered once stored',
        description:
          'Signed in: the events are the user\'s. Anonymous: `deviceId` is required. Events about items that do not exist (or are hidden or deleted) are dropped, ' +
          'absurd values clamped, repeated event ids counted as duplicates and stored once; too many events from one viewer is a 429 with Retry-After.',
        body: eventBatchSchema(maxBatch),
        response: { 200: IngestResultSchema },
      },
    },
    async (req) => events.ingest({ userId: req.principal?.userId ?? null, deviceId: req.body.deviceId, address: req.ip }, req.body.events),
  );
}
