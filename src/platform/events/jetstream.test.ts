// Events over NATS JetStream, against a nats-server of the test's own (so it can be stopped):
// exactly-once effects with several worker processes sharing the durable consumers, nothing
// lost or applied twice across a broker outage, malformed and failing messages in the
// dead-letter stream without stopping the consumer, and every-process delivery from a start time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, headers, JSONCodec } from 'nats';
import { freshDb } from '../../../test/support/db.ts';
import { NatsServer } from '../../../test/support/nats.ts';
import type { Db } from '../db/index.ts';
import { EventBus } from './bus.ts';
import { JetStreamTransport, readEvent } from './jetstream.ts';

let db: Db;
let nats: NatsServer;
let n = 0;
beforeAll(async () => {
  db = await freshDb();
  await db.exec('CREATE TABLE js_effects (event_id text NOT NULL, consumer text NOT NULL)');
  nats = await NatsServer.start();
});
afterAll(async () => {
  await nats?.stop();
  await db?.close();
});

const opts = { pollMs: 50, maxAttempts: 3, baseBackoffMs: 20 };

/** A worker process's bus over JetStream, with an effect-writing consumer on `topic`. */
async function worker(prefix: string, topic: string, effect: (id: string) => void = () => {}): Promise<{ bus: EventBus; transport: JetStreamTransport }> {
  const transport = new JetStreamTransport({ url: nats.url, prefix, maxDeliver: 3, baseBackoffMs: 20 });
  const bus = new EventBus(db, opts);
  bus.setMode({ shared: true, each: 'off' });
  bus.useTransport(transport);
  bus.subscribe<{ k: number }>('t.effects', topic, async (e, tx) => {
    await tx.query('INSERT INTO js_effects (event_id, consumer) VALUES ($1, $2)', [e.id, 't.effects']);
    effect(e.id);
  });
  await transport.connect();
  await bus.start();
  return { bus, transport };
}

const effects = async (ids: string[]) => (await db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM js_effects WHERE event_id = ANY($1::text[])', [ids]))[0]!;

async function until(what: string, fn: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('events over NATS JetStream', () => {
  it('reads only well-formed events whose topic is the subject', () => {
    const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
    const ok = { id: 'evt_1', topic: 'a.b', payload: {}, occurredAt: new Date().toISOString() };
    expect(readEvent(enc(ok), 'a.b')).toEqual({ ...ok, requestId: null });
    expect(readEvent(enc({ ...ok, requestId: 'req-123456789' }), 'a.b')).toMatchObject({ requestId: 'req-123456789' });
    expect(readEvent(enc('{oops'), 'a.b')).toEqual({ bad: 'not JSON' });
    expect(readEvent(enc({ ...ok, topic: 'a.c' }), 'a.b')).toMatchObject({ bad: expect.stringContaining('topic') });
    expect(readEvent(enc({ ...ok, payload: 'x' }), 'a.b')).toMatchObject({ bad: expect.stringContaining('payload') });
    expect(readEvent(enc({ ...ok, occurredAt: 'yesterday' }), 'a.b')).toMatchObject({ bad: expect.stringContaining('occurredAt') });
  });

  it('two worker processes share the durable consumer: every event has its effect exactly once', async () => {
    const prefix = `t${++n}${Date.now().toString(36)}`;
    const handledBy = [0, 0];
    const a = await worker(prefix, 'js.shared', () => handledBy[0]!++);
    const b = await worker(prefix, 'js.shared', () => handledBy[1]!++);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 200; i++) ids.push(await db.tx((tx) => a.bus.publish(tx, 'js.shared', { k: i })));
      await until('every effect', async () => (await effects(ids)).n >= 200);
      await a.bus.drain();
      expect(await effects(ids)).toEqual({ n: 200, d: 200 });
      expect(handledBy[0]! + handledBy[1]!).toBe(200);
      const [relayed] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE event_id = ANY($1::text[]) AND status = 'delivered'`, [ids]);
      expect(relayed?.n).toBe(200);
    } finally {
      await Promise.all([a, b].map(async (w) => (await w.bus.stop(), await w.transport.close())));
    }
  });

  it('the broker stopped for 10 s while events keep coming: none lost, none applied twice', async () => {
    const prefix = `t${++n}${Date.now().toString(36)}`;
    const w = await worker(prefix, 'js.outage');
    try {
      const ids: string[] = [];
      const publish = async (count: number) => {
        for (let i = 0; i < count; i++) ids.push(await db.tx((tx) => w.bus.publish(tx, 'js.outage', { k: ids.length })));
      };
      await publish(50);
      await nats.halt();
      // Ten seconds without a broker, under a steady stream of new events.
      const until10s = Date.now() + 10_000;
      while (Date.now() < until10s) {
        await publish(10);
        await new Promise((r) => setTimeout(r, 200));
      }
      const [waiting] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE event_id = ANY($1::text[]) AND status = 'pending'`, [ids]);
      expect(waiting!.n).toBeGreaterThan(0); // held in the outbox, not dropped
      await nats.resume();
      await publish(50);
      await until('every effect after the outage', async () => (await effects(ids)).n >= ids.length, 60_000);
      await w.bus.drain();
      expect(await effects(ids)).toEqual({ n: ids.length, d: ids.length });
      const [states] = await db.query<{ delivered: number; other: number }>(
        `SELECT count(*) FILTER (WHERE status = 'delivered')::int AS delivered, count(*) FILTER (WHERE status <> 'delivered')::int AS other FROM outbox WHERE event_id = ANY($1::text[])`,
        [ids],
      );
      expect(states).toEqual({ delivered: ids.length, other: 0 });
      // The stream holds each event once, whatever the relay re-sent around the outage.
      const nc = await connect({ servers: nats.url });
      const info = await (await nc.jetstreamManager()).streams.info(`${prefix}_events`);
      expect(info.state.messages).toBe(ids.length);
      await nc.close();
    } finally {
      await w.bus.stop();
      await w.transport.close();
    }
  }, 120_000);

  it('malformed and always-failing messages go to the dead-letter stream with the reason; the consumer carries on', async () => {
    const prefix = `t${++n}${Date.now().toString(36)}`;
    const transport = new JetStreamTransport({ url: nats.url, prefix, maxDeliver: 3, baseBackoffMs: 20 });
    const bus = new EventBus(db, opts);
    bus.setMode({ shared: true, each: 'off' });
    bus.useTransport(transport);
    const good: number[] = [];
    bus.subscribe<{ k: number }>('t.picky', 'js.dlq', async (e) => {
      if (e.payload.k === 13) throw new Error('thirteen is unlucky');
      good.push(e.payload.k);
    });
    // A consumer after the failing one still gets every event (the failure is not its business).
    const steady = new Set<number>();
    bus.subscribe<{ k: number }>('t.steady', 'js.dlq', async (e) => {
      steady.add(e.payload.k);
    });
    await transport.connect();
    await bus.start();
    try {
      await db.tx((tx) => bus.publish(tx, 'js.dlq', { k: 1 }));
      // Someone else's bytes on our subject.
      const nc = await connect({ servers: nats.url });
      const js = nc.jetstream();
      await js.publish(`${prefix}.events.js.dlq`, new TextEncoder().encode('{"not": "an event"'));
      await js.publish(`${prefix}.events.js.dlq`, JSONCodec().encode({ id: 'evt_x', topic: 'js.other', payload: {}, occurredAt: new Date().toISOString() }), { headers: headers() });
      await db.tx((tx) => bus.publish(tx, 'js.dlq', { k: 13 }));
      await db.tx((tx) => bus.publish(tx, 'js.dlq', { k: 2 }));
      await until('three dead letters', async () => (await transport.deadLetters(10)).total >= 3);
      await until('the good ones', async () => good.length >= 2);
      expect(good.sort()).toEqual([1, 2]);
      expect([...steady].sort((a, b) => a - b)).toEqual([1, 2, 13]);
      const dead = await transport.deadLetters(10);
      expect(dead.total).toBe(3);
      const reasons = dead.items.map((d) => d.reason).sort();
      expect(reasons).toEqual(['malformed: not JSON', 'malformed: topic missing or not the subject', 't.picky: thirteen is unlucky']);
      const unlucky = dead.items.find((d) => d.reason.includes('thirteen'))!;
      expect(unlucky).toMatchObject({ subject: `${prefix}.events.js.dlq`, deliveries: 3, consumer: `${prefix}_shared` });
      expect(JSON.parse(unlucky.data)).toMatchObject({ topic: 'js.dlq', payload: { k: 13 } });
      await nc.close();
    } finally {
      await bus.stop();
      await transport.close();
    }
  });

  it('every api process reads the events from its start time on, in its own ordered consumer', async () => {
    const prefix = `t${++n}${Date.now().toString(36)}`;
    const w = await worker(prefix, 'js.each');
    const seen: Array<number[]> = [[], []];
    const apis = await Promise.all(
      seen.map(async (got) => {
        const transport = new JetStreamTransport({ url: nats.url, prefix, maxDeliver: 3, baseBackoffMs: 20 });
        const bus = new EventBus(db, opts);
        bus.setMode({ shared: false, each: 'tail' });
        bus.useTransport(transport);
        bus.subscribeEach<{ k: number }>('t.memory', 'js.each', async (e) => void got.push(e.payload.k));
        await transport.connect();
        await bus.beginTail();
        await bus.start();
        return { bus, transport };
      }),
    );
    try {
      for (let k = 1; k <= 5; k++) await db.tx((tx) => w.bus.publish(tx, 'js.each', { k }));
      await until('both processes to read them', async () => seen.every((s) => s.length >= 5));
      expect(seen).toEqual([
        [1, 2, 3, 4, 5],
        [1, 2, 3, 4, 5],
      ]);
    } finally {
      for (const x of [...apis, w]) {
        await x.bus.stop();
        await x.transport.close();
      }
    }
  });
});
