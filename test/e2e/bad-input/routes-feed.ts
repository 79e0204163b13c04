// Bad-input table: behaviour events (the feed module's ingest).
import { bodyAt, bodyWithout, withPath, type BadCase, type RouteEntry } from '../../support/route-table.ts';
import { fx } from './kit.ts';

let n = 0;
const event = () => ({ id: `bi-evt-${Date.now()}-${++n}`, type: 'play', itemType: 'product', itemId: fx.productA.id, watchMs: 1200, durationMs: 15_000, source: 'mall', position: 0, at: new Date().toISOString() });

const EVENT_CASES = (): BadCase[] => [
  bodyAt('events.0.id', 'short', 'out-of-range'),
  bodyAt('events.0.id', 'x'.repeat(65), 'out-of-range'),
  bodyAt('events.0.id', 'order:prd_1:x', 'malformed'),
  bodyWithout('events.0.id'),
  bodyAt('events.0.type', 'purchase', 'malformed'),
  // Server events (orders, refunds, complaints) are recorded from commerce, never taken from clients.
  bodyAt('events.0.type', 'order', 'malformed'),
  bodyAt('events.0.itemType', 'store', 'malformed'),
  bodyAt('events.0.itemId', 'prd-1', 'malformed'),
  bodyWithout('events.0.itemId'),
  bodyAt('events.0.watchMs', 1.5, 'malformed'),
  bodyAt('events.0.watchMs', '1200', 'malformed'),
  bodyAt('events.0.durationMs', null, 'malformed'),
  bodyAt('events.0.position', -1, 'out-of-range'),
  bodyAt('events.0.position', 100_001, 'out-of-range'),
  bodyAt('events.0.source', 'tiktok', 'malformed'),
  bodyAt('events.0.at', 'yesterday', 'malformed'),
  bodyWithout('events.0.at'),
  // The author and the store are the server's to know, not the client's to say.
  bodyAt('events.0.authorId', 'usr_0000000000zzzzzzzzzz', 'unknown-field'),
  { name: 'a play without watch time', kind: 'missing-field', body: (b) => withPath(b, 'events.0.watchMs', undefined), expect: { status: 400, code: 'validation_failed', field: 'events.0.watchMs' } },
  { name: 'a play of a video without its duration', kind: 'missing-field', body: (b) => withPath(withPath(b, 'events.0.itemType', 'video'), 'events.0.durationMs', undefined), expect: { status: 400, code: 'validation_failed', field: 'events.0.durationMs' } },
];

export const FEED_ROUTES: RouteEntry[] = [
  {
    method: 'POST',
    url: '/api/v1/events',
    access: 'public',
    who: 'shopper',
    body: () => ({ events: [event(), { ...event(), type: 'impression', watchMs: undefined, durationMs: undefined }] }),
    ok: 200,
    bad: [
      bodyAt('events', [], 'out-of-range'),
      bodyAt('events', {}, 'malformed'),
      bodyWithout('events'),
      ...EVENT_CASES(),
      bodyAt('deviceId', 'dev', 'out-of-range'),
      bodyAt('deviceId', 'device id with spaces', 'malformed'),
      { name: 'anonymous, without a device id', kind: 'missing-field', who: 'anon', expect: { status: 400, code: 'validation_failed', field: 'deviceId' } },
      { name: 'more events than a batch takes', kind: 'out-of-range', body: () => ({ events: Array.from({ length: 201 }, event) }), expect: { status: 413, code: 'payload_too_large', field: 'events' } },
    ],
  },
];
