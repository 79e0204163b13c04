// Behaviour events (the feed module's ingest) from clients, over HTTP: batches from signed-in
// users and anonymous devices are stored once per event id, events about items that do not exist
// (or are hidden, deleted, off sale) are dropped with their index, absurd values clamped, malformed
// batches refused naming the field, floods refused with 429 and Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ev, eventsWorld, newUser, post, stored as storedIn, type Ev, type EventsWorld } from '../support/events.ts';
import { dbFingerprint } from '../support/platform.ts';

const PER_ACTOR = 300;
const PER_ADDRESS = 1000;

let w: EventsWorld;
beforeAll(async () => {
  w = await eventsWorld({
    FEED_EVENTS_PER_ACTOR: String(PER_ACTOR),
    FEED_EVENTS_PER_ADDRESS: String(PER_ADDRESS),
    // Nothing remembered: a video hidden mid-test is refused at once (KnownItems' own test covers the memory).
    FEED_ITEM_CACHE_SECONDS: '0',
  });
});
afterAll(() => w?.t.close());

const stored = (actorId: string) => storedIn(w.t, actorId);
const userClient = (name: string) => newUser(w.t, name);

describe('client events', () => {
  it('stores a signed-in viewer’s events about videos, live rooms and goods, answered after commit', async () => {
    const { c, id } = await userClient('ev-viewer');
    const batch = [
      ev('impression', 'video', w.video, { source: 'feed', position: 0 }),
      ev('play', 'video', w.video, { watchMs: 1500, durationMs: 2000, source: 'feed', position: 0 }),
      ev('product_tap', 'product', w.product.id, { source: 'video' }),
      ev('impression', 'live', w.room, { source: 'feed', position: 1 }),
      ev('play', 'live', w.room, { watchMs: 60_000 }),
    ];
    const r = await post(c, batch);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ accepted: 5, duplicates: 0, dropped: [], clamped: [] });
    const rows = await stored(id);
    expect(rows.map((x) => [x.client_event_id, x.type, x.item_type, x.item_id, x.actor_kind])).toEqual(batch.map((b) => [b.id, b.type, b.itemType, b.itemId, 'user']));
    expect(rows[1]).toMatchObject({ watch_ms: 1500, duration_ms: 2000, source: 'feed', position: 0 });
    expect(rows[4]).toMatchObject({ watch_ms: 60_000, duration_ms: null });
  });

  it('stores a repeated event id once, within a batch and across batches, per viewer', async () => {
    const { c, id } = await userClient('ev-repeater');
    const [a, b, d] = [ev('like', 'video', w.video), ev('share', 'video', w.video), ev('add_to_cart', 'product', w.product.id)];
    expect((await post(c, [a!, a!, b!])).body).toMatchObject({ accepted: 2, duplicates: 1 });
    // A retry of the same batch with one new event: only the new one is stored.
    expect((await post(c, [a!, b!, d!])).body).toMatchObject({ accepted: 1, duplicates: 2 });
    expect((await post(c, [a!, b!, d!])).body).toMatchObject({ accepted: 0, duplicates: 3 });
    expect((await stored(id)).map((r) => r.client_event_id)).toEqual([a!.id, b!.id, d!.id]);
    // The same ids from someone else are their own events.
    expect((await post(w.shopper, [a!, b!])).body).toMatchObject({ accepted: 2, duplicates: 0 });
    // Concurrent retries of one batch: each event is stored once, whoever wins.
    const e = ev('follow', 'live', w.room);
    const answers = await Promise.all([post(c, [e]), post(c, [e]), post(c, [e])]);
    expect(answers.map((x) => x.body.accepted).sort()).toEqual([0, 0, 1]);
    expect((await stored(id)).filter((r) => r.client_event_id === e.id)).toHaveLength(1);
    // Stored without this server's writer seeing it (another process, or before a restart).
    const elsewhere = ev('share', 'video', w.video);
    const row = { actorKind: 'user' as const, actorId: id, clientEventId: elsewhere.id as string, type: 'share' as const, itemType: 'video' as const, itemId: w.video, watchMs: null, durationMs: null, source: null, position: null, at: new Date() };
    await w.t.platform.db.tx((tx) => w.t.platform.services.feedEvents.record(tx, [row]));
    expect((await post(c, [ev('like', 'live', w.room), elsewhere])).body).toMatchObject({ accepted: 1, duplicates: 1 });
    expect((await stored(id)).filter((r) => r.client_event_id === elsewhere.id)).toHaveLength(1);
  });

  it('drops events about items that do not exist, are off sale, hidden or w.deleted, naming each', async () => {
    const { c, id } = await userClient('ev-dropper');
    const ok = ev('impression', 'product', w.product.id);
    const batch = [
      ev('impression', 'product', 'prd_0000000000zzzzzzzzzz'),
      ok,
      ev('impression', 'product', w.archived.id),
      ev('impression', 'video', w.unpublished),
      ev('impression', 'video', w.deleted),
      ev('impression', 'live', 'lvr_0000000000zzzzzzzzzz'),
      // An id of the wrong kind of item names nothing.
      ev('impression', 'video', w.product.id),
    ];
    const r = await post(c, batch);
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(1);
    expect(r.body.dropped).toEqual([0, 2, 3, 4, 5, 6].map((index) => ({ index, reason: 'unknown_item' })));
    expect((await stored(id)).map((x) => x.client_event_id)).toEqual([ok.id]);

    // Hidden: dropped; shown again: accepted (only confirmed items are remembered).
    expect((await w.merchant.patch(`/api/v1/videos/${w.video}`, { visibility: 'hidden' })).status).toBe(200);
    const { c: c2 } = await userClient('ev-dropper-2');
    expect((await post(c2, [ev('impression', 'video', w.video)])).body.dropped).toEqual([{ index: 0, reason: 'unknown_item' }]);
    expect((await w.merchant.patch(`/api/v1/videos/${w.video}`, { visibility: 'public' })).status).toBe(200);
    expect((await post(c2, [ev('impression', 'video', w.video)])).body.accepted).toBe(1);
  });

  it('clamps absurd watch times, durations and clocks instead of refusing the batch', async () => {
    const { c, id } = await userClient('ev-clamp');
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const batch = [
      ev('play', 'video', w.video, { watchMs: 10_000_000, durationMs: 2000 }), // 5,000 loops of a 2 s clip
      ev('play', 'video', w.video, { watchMs: -5, durationMs: 2000 }),
      ev('play', 'video', w.video, { watchMs: 1000, durationMs: 99_999_999_999 }),
      ev('quick_swipe', 'video', w.video, { watchMs: 300, at: future }),
      ev('finish', 'video', w.video, { watchMs: 2000, durationMs: 2000, at: '2001-01-01T00:00:00Z' }),
      ev('play', 'live', w.room, { watchMs: 99 * 3_600_000 }),
    ];
    const before = Date.now();
    const r = await post(c, batch);
    expect(r.body.accepted).toBe(6);
    expect(r.body.clamped).toEqual([
      { index: 0, field: 'watchMs' },
      { index: 1, field: 'watchMs' },
      { index: 2, field: 'durationMs' },
      { index: 3, field: 'at' },
      { index: 4, field: 'at' },
      { index: 5, field: 'watchMs' },
    ]);
    const rows = await stored(id);
    expect(rows.map((x) => [x.watch_ms, x.duration_ms])).toEqual([
      [20_000, 2000],
      [0, 2000],
      [1000, 6 * 3_600_000],
      [300, null],
      [2000, 2000],
      [4 * 3_600_000, null],
    ]);
    for (const i of [3, 4]) expect(Math.abs(new Date(rows[i]!.at).getTime() - before)).toBeLessThan(600_000);
  });

  it('refuses a batch with a malformed event, naming the field, and stores none of it', async () => {
    const { c, id } = await userClient('ev-malformed');
    const cases: Array<[Ev, string]> = [
      [ev('play', 'video', w.video, { durationMs: 2000 }), 'events.1.watchMs'],
      [ev('play', 'video', w.video, { watchMs: 10 }), 'events.1.durationMs'],
      [ev('purchase', 'product', w.product.id), 'events.1.type'],
      [ev('impression', 'store', w.product.id), 'events.1.itemType'],
      [{ ...ev('like', 'video', w.video), id: 'short' }, 'events.1.id'],
      [{ ...ev('like', 'video', w.video), at: 'yesterday' }, 'events.1.at'],
      [ev('like', 'video', w.video, { authorId: 'usr_0000000000zzzzzzzzzz' }), 'events.1.authorId'],
    ];
    for (const [bad, field] of cases) {
      const r = await post(c, [ev('impression', 'video', w.video), bad]);
      expect([r.status, r.problem.code, r.problem.field], JSON.stringify(bad)).toEqual([400, 'validation_failed', field]);
    }
    const tooMany = await post(c, Array.from({ length: 201 }, () => ev('impression', 'product', w.product.id)));
    expect([tooMany.status, tooMany.problem.code, tooMany.problem.field]).toEqual([413, 'payload_too_large', 'events']);
    expect(await stored(id)).toEqual([]);
  });

  it('takes anonymous viewers by device id, and refuses anonymous events without one', async () => {
    const none = await post(w.t.client, [ev('impression', 'product', w.product.id)]);
    expect([none.status, none.problem.field]).toEqual([400, 'deviceId']);
    const e = ev('impression', 'product', w.product.id);
    expect((await post(w.t.client, [e], 'device-anon-0001')).body).toMatchObject({ accepted: 1 });
    expect((await post(w.t.client, [e], 'device-anon-0001')).body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await post(w.t.client, [e], 'device-anon-0002')).body).toMatchObject({ accepted: 1 });
    expect((await stored('device-anon-0001')).map((r) => [r.actor_kind, r.client_event_id])).toEqual([['device', e.id]]);
    // Signed in, the device id is ignored: the events are the user's.
    const { c, id } = await userClient('ev-signed-device');
    expect((await post(c, [ev('impression', 'product', w.product.id)], 'device-anon-0001')).body.accepted).toBe(1);
    expect(await stored(id)).toHaveLength(1);
  });

  it('limits a flood from one viewer, and from one address across invented devices, with 429 and Retry-After', async () => {
    const { c } = await userClient('ev-flood');
    const page = () => Array.from({ length: 150 }, () => ev('impression', 'product', w.product.id));
    expect((await post(c, page())).status).toBe(200);
    expect((await post(c, page())).status).toBe(200);
    // Insights folds the stored events now, not in the middle of the comparison.
    await w.t.platform.services.insights.traffic.catchUp();
    const before = await dbFingerprint(w.t.platform);
    const over = await post(c, page());
    expect([over.status, over.problem.code]).toEqual([429, 'rate_limited']);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await dbFingerprint(w.t.platform)).toEqual(before);
    // Anonymous: every request a new device, one address.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post(w.t.client, page(), `device-flood-${i}-xyz`)).status);
    const ok = statuses.filter((s) => s === 200).length;
    expect(ok).toBeGreaterThan(0);
    expect(ok * 150).toBeLessThanOrEqual(PER_ADDRESS);
    expect(statuses.slice(ok).every((s) => s === 429)).toBe(true);
  });
});
