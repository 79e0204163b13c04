// Events across processes on NATS JetStream (when NATS_URL is set). The outbox stays the source
// of truth: a relay in worker processes publishes each committed row to the stream with the
// event id as the message id (JetStream drops a duplicate within its window), and marks it
// relayed only once the broker acknowledged it, so a broker that is down only delays events.
// - Shared subscriptions: one durable pull consumer over every topic, read in stream order (so
//   one worker handles events in the order they happened, as the outbox dispatcher does; a
//   consumer per topic would lose the order between, say, order.created and order.paid). Every
//   worker process pulls from it, so JetStream spreads the work; the bus runs the event's
//   handlers under their inbox rows (exactly-once effect) and the message is acknowledged
//   after the commit. A failure is redelivered with backoff; after
//   the last attempt, or at once when the message cannot be read, it goes to the dead-letter
//   stream with the reason and the original subject, and the consumer moves on.
// - Every-process subscriptions: an ordered consumer of this process's own from a start time,
//   so a process that starts late reads what happened while it loaded its state.
import { AckPolicy, connect, DeliverPolicy, headers, JSONCodec, nanos, RetentionPolicy, StorageType, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg, type NatsConnection } from 'nats';
import type { Log } from '../log.ts';
import type { DomainEvent } from './bus.ts';

export interface JetStreamOptions {
  url: string;
  /** Streams, subjects and consumers start with it (one deployment or test run per prefix). */
  prefix: string;
  /** Deliveries before a message goes to the dead-letter stream. */
  maxDeliver: number;
  /** First redelivery delay; doubles per attempt. */
  baseBackoffMs: number;
  log?: Log;
}

export interface DeadLetter {
  /** The dead-letter stream's sequence number, as text. */
  id: string;
  subject: string;
  reason: string;
  consumer: string;
  deliveries: number;
  at: string;
  data: string;
}

const codec = JSONCodec<unknown>();
const TOPIC = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** A message's event, or why it is not one (malformed: straight to the dead letters). */
export function readEvent(data: Uint8Array, subjectTopic: string): DomainEvent | { bad: string } {
  let v: unknown;
  try {
    v = codec.decode(data);
  } catch {
    return { bad: 'not JSON' };
  }
  if (typeof v !== 'object' || v === null) return { bad: 'not an object' };
  const e = v as Record<string, unknown>;
  if (typeof e.id !== 'string' || e.id.length === 0 || e.id.length > 64) return { bad: 'id missing or not a short string' };
  if (typeof e.topic !== 'string' || e.topic !== subjectTopic) return { bad: 'topic missing or not the subject' };
  if (typeof e.occurredAt !== 'string' || Number.isNaN(Date.parse(e.occurredAt))) return { bad: 'occurredAt missing or not a time' };
  if (!('payload' in e) || typeof e.payload !== 'object' || e.payload === null) return { bad: 'payload missing or not an object' };
  const requestId = typeof e.requestId === 'string' && e.requestId.length <= 64 ? e.requestId : null;
  return { id: e.id, topic: e.topic, payload: e.payload, occurredAt: e.occurredAt, requestId };
}

export class JetStreamTransport {
  readonly stream: string;
  readonly dlqStream: string;
  private nc: NatsConnection | null = null;
  private js: JetStreamClient | null = null;
  private jsm: JetStreamManager | null = null;
  private readonly loops: Array<{ stop: () => void; done: Promise<void> }> = [];
  private durables: string[] = [];
  private closed = false;

  constructor(private readonly opts: JetStreamOptions) {
    this.stream = `${opts.prefix}_events`;
    this.dlqStream = `${opts.prefix}_dlq`;
  }

  subject(topic: string): string {
    return `${this.opts.prefix}.events.${topic}`;
  }

  private topicOf(subject: string): string {
    return subject.slice(this.opts.prefix.length + '.events.'.length);
  }

  /** Connects (waiting for a broker that is not up yet) and makes sure both streams exist. */
  async connect(): Promise<void> {
    const log = this.opts.log;
    this.nc = await connect({ servers: this.opts.url, name: this.opts.prefix, maxReconnectAttempts: -1, reconnectTimeWait: 500, waitOnFirstConnect: true, pingInterval: 5000 });
    void (async () => {
      let down = false;
      for await (const s of this.nc!.status()) {
        if ((s.type === 'disconnect' || s.type === 'reconnecting') && !down) {
          down = true;
          log?.warn('NATS connection lost: events wait in the outbox until it is back');
        } else if (s.type === 'reconnect' && down) {
          down = false;
          log?.info('NATS connection back');
        }
      }
    })();
    this.jsm = await this.nc.jetstreamManager();
    this.js = this.nc.jetstream();
    const p = this.opts.prefix;
    await this.ensureStream({ name: this.stream, subjects: [`${p}.events.>`], retention: RetentionPolicy.Limits, storage: StorageType.File, max_age: nanos(7 * 86_400_000), duplicate_window: nanos(2 * 60_000) });
    await this.ensureStream({ name: this.dlqStream, subjects: [`${p}.dlq.>`], retention: RetentionPolicy.Limits, storage: StorageType.File, max_age: nanos(30 * 86_400_000) });
  }

  private async ensureStream(cfg: Parameters<JetStreamManager['streams']['add']>[0] & { name: string }): Promise<void> {
    const jsm = this.jsm!;
    const exists = await jsm.streams.info(cfg.name).then(() => true, () => false);
    if (exists) await jsm.streams.update(cfg.name, cfg);
    else await jsm.streams.add(cfg);
  }

  /** Publishes one committed event; resolves once JetStream stored it (or already had it). */
  async publish(event: DomainEvent): Promise<void> {
    if (!this.js) throw new Error('NATS is not connected');
    await this.js.publish(this.subject(event.topic), codec.encode(event), { msgID: event.id, timeout: 5000 });
  }

  /**
   * Runs `handle` for every event, once across all processes that call this: one durable
   * consumer over all topics, read in stream order (the order the outbox was relayed in), so one
   * worker sees events as one dispatcher would; several workers share it. `topics` are checked
   * to make valid subjects. `handle` resolves null on success or the failure's text.
   */
  async consumeShared(topics: string[], handle: (event: DomainEvent) => Promise<string | null>): Promise<void> {
    const jsm = this.jsm!;
    for (const topic of topics) if (!TOPIC.test(topic)) throw new Error(`topic "${topic}" cannot name a subject`);
    const durable = `${this.opts.prefix}_shared`;
    const cfg = { durable_name: durable, ack_policy: AckPolicy.Explicit, filter_subject: `${this.opts.prefix}.events.>`, max_deliver: -1, ack_wait: nanos(60_000), max_ack_pending: 1000 };
    const exists = await jsm.consumers.info(this.stream, durable).then(() => true, () => false);
    if (exists) await jsm.consumers.update(this.stream, durable, { ack_wait: cfg.ack_wait, max_ack_pending: cfg.max_ack_pending });
    else await jsm.consumers.add(this.stream, cfg);
    this.durables = [durable];
    this.loop(durable, async (m) => {
      const event = readEvent(m.data, this.topicOf(m.subject));
      if ('bad' in event) return this.deadLetter(m, durable, `malformed: ${event.bad}`);
      const failure = await handle(event);
      if (failure === null) return m.ack();
      if (m.info.deliveryCount >= this.opts.maxDeliver) return this.deadLetter(m, durable, failure);
      m.nak(Math.min(this.opts.baseBackoffMs * 2 ** (m.info.deliveryCount - 1), 60_000));
    });
  }

  /** This process's own reading of every event from `since` on (in-memory state), in stream order. */
  async consumeEach(since: Date, handle: (event: DomainEvent) => Promise<void>): Promise<void> {
    const consumer = await this.js!.consumers.get(this.stream, { filterSubjects: `${this.opts.prefix}.events.>`, deliver_policy: DeliverPolicy.StartTime, opt_start_time: since.toISOString() });
    this.run('each', () => consumer.consume({ max_messages: 500 }), async (m) => {
      const event = readEvent(m.data, this.topicOf(m.subject));
      if ('bad' in event) return; // the shared consumer of its topic sends it to the dead letters
      await handle(event);
    });
  }

  private loop(durable: string, onMessage: (m: JsMsg) => Promise<void>): void {
    this.run(durable, async () => (await this.js!.consumers.get(this.stream, durable)).consume({ max_messages: 100 }), onMessage);
  }

  /** Pulls until closed; a consumer that breaks (broker restarted, consumer lost) is opened again. */
  private run(name: string, open: () => Promise<ConsumerMessages>, onMessage: (m: JsMsg) => Promise<void>): void {
    let current: ConsumerMessages | null = null;
    let stopped = false;
    const done = (async () => {
      while (!stopped && !this.closed) {
        try {
          current = await open();
          for await (const m of current) {
            try {
              await onMessage(m);
            } catch (err) {
              this.opts.log?.error({ err, consumer: name }, 'event message not handled');
              m.nak(this.opts.baseBackoffMs);
            }
          }
        } catch (err) {
          if (!stopped && !this.closed) this.opts.log?.warn({ err, consumer: name }, 'event consumer interrupted; reopening');
        }
        if (!stopped && !this.closed) await new Promise((r) => setTimeout(r, 500));
      }
    })();
    this.loops.push({ stop: () => ((stopped = true), current?.stop()), done });
  }

  private async deadLetter(m: JsMsg, consumer: string, reason: string): Promise<void> {
    const h = headers();
    h.set('Flywheel-Reason', reason.slice(0, 1000).replace(/[\r\n]+/g, ' '));
    h.set('Flywheel-Consumer', consumer);
    h.set('Flywheel-Subject', m.subject);
    h.set('Flywheel-Deliveries', String(m.info.deliveryCount));
    await this.js!.publish(`${this.opts.prefix}.dlq.${consumer}`, m.data, { headers: h, timeout: 5000 });
    m.term();
    this.opts.log?.warn({ consumer, subject: m.subject, reason }, 'event moved to the dead-letter stream');
  }

  /** The latest dead letters, newest first (the operator's view). */
  async deadLetters(limit: number): Promise<{ total: number; items: DeadLetter[] }> {
    const info = await this.jsm!.streams.info(this.dlqStream);
    const items: DeadLetter[] = [];
    for (let seq = info.state.last_seq; seq >= info.state.first_seq && seq > 0 && items.length < limit; seq--) {
      const m = await this.jsm!.streams.getMessage(this.dlqStream, { seq }).catch(() => null);
      if (!m) continue;
      items.push({
        id: String(seq),
        subject: m.header.get('Flywheel-Subject'),
        reason: m.header.get('Flywheel-Reason'),
        consumer: m.header.get('Flywheel-Consumer'),
        deliveries: Number(m.header.get('Flywheel-Deliveries')) || 0,
        at: m.time.toISOString(),
        data: new TextDecoder().decode(m.data).slice(0, 4000),
      });
    }
    return { total: info.state.messages, items };
  }

  /** Messages the shared consumers have not acknowledged yet (backlog, for drain and metrics). */
  async backlog(): Promise<number> {
    let n = 0;
    for (const d of this.durables) {
      const ci = await this.jsm!.consumers.info(this.stream, d);
      n += ci.num_pending + ci.num_ack_pending;
    }
    return n;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const l of this.loops) l.stop();
    await Promise.all(this.loops.map((l) => l.done));
    await this.nc?.drain().catch(() => undefined);
  }
}
