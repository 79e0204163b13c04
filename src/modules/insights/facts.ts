// What insights learns from other modules' events, in the events' own transaction (at least
// once, in any order: every write is idempotent by a natural key):
//  - commerce.order.created → the order and its lines, each with its field and FACT channel (a
//    dispatcher pass's orders together, in a few set-based statements);
//  - commerce.order.paid / .cancelled / .picked_up → stamps on the order (and its lines);
//  - commerce.after_sales.refunded → the refund, once per case;
//  - after-sales cases opened for the store's fault or escalated, and service tickets about its
//    fault (care.ticket.opened) → a complaint, once per key;
//  - content.video.published → the creator's first video (new-creator exposure).
import type { Queryable, Tx } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { FAULT_REASONS, type LineSource, type OrderCreatedEvent, type OrderPaidEvent } from '../commerce/events.ts';
import { CHANNELS, channelOf, FIELDS, lineField, type ContentCreator } from './attribution.ts';
import type { InsightsDeps, InsightsPolicy } from './ctx.ts';
import { chinaDay } from './range.ts';

interface CaseEvent {
  caseId: string;
  orderId: string;
  storeId: string;
  reason: string;
  amountFen: number;
}

/** Service tickets about the store's fault (not questions, refund requests or other). */
const COMPLAINT_TICKETS = new Set(['logistics', 'quality', 'wrong_item', 'fraud']);

export function subscribeFacts(bus: EventBus, deps: InsightsDeps, policy: InsightsPolicy): void {
  bus.subscribeBatch<OrderCreatedEvent>('insights.orders', 'commerce.order.created', (events, tx) => ordersCreated(tx, events.map((e) => ({ o: e.payload, createdAt: new Date(e.occurredAt) })), deps, policy));
  bus.subscribe<OrderPaidEvent>('insights.paid', 'commerce.order.paid', (e, tx) => orderPaid(tx, e.payload.orderId, new Date(e.payload.paidAt ?? e.occurredAt)));
  bus.subscribe<{ orderId: string }>('insights.cancelled', 'commerce.order.cancelled', async (e, tx) => {
    await tx.query('UPDATE insights_orders SET cancelled_at = $2 WHERE order_id = $1 AND cancelled_at IS NULL', [e.payload.orderId, new Date(e.occurredAt)]);
  });
  bus.subscribe<{ orderId: string; pickedUpAt: string; payToPickupSeconds: number }>('insights.picked_up', 'commerce.order.picked_up', async (e, tx) => {
    await tx.query('UPDATE insights_orders SET picked_up_at = $2, pay_to_pickup_seconds = $3 WHERE order_id = $1 AND picked_up_at IS NULL', [e.payload.orderId, new Date(e.payload.pickedUpAt), e.payload.payToPickupSeconds]);
  });
  bus.subscribe<CaseEvent>('insights.refunds', 'commerce.after_sales.refunded', async (e, tx) => {
    const c = e.payload;
    const at = new Date(e.occurredAt);
    await tx.query('INSERT INTO insights_refunds (case_id, order_id, store_id, amount_fen, at, day) VALUES ($1, $2, $3, $4, $5, $6::date) ON CONFLICT DO NOTHING', [c.caseId, c.orderId, c.storeId, c.amountFen, at, chinaDay(at)]);
  });
  bus.subscribe<CaseEvent>('insights.cases', 'commerce.after_sales.opened', async (e, tx) => {
    if (FAULT_REASONS.has(e.payload.reason)) await complaint(tx, `case:${e.payload.caseId}`, e.payload.storeId, new Date(e.occurredAt));
  });
  bus.subscribe<CaseEvent>('insights.escalations', 'commerce.after_sales.escalated', (e, tx) => complaint(tx, `case:${e.payload.caseId}`, e.payload.storeId, new Date(e.occurredAt)));
  bus.subscribe<{ ticketId: string; storeId: string | null; category: string }>('insights.tickets', 'care.ticket.opened', async (e, tx) => {
    if (COMPLAINT_TICKETS.has(e.payload.category)) await complaint(tx, `ticket:${e.payload.ticketId}`, e.payload.storeId ?? null, new Date(e.occurredAt));
  });
  bus.subscribe<{ authorId: string }>('insights.creators', 'content.video.published', async (e, tx) => {
    await tx.query(
      `INSERT INTO insights_creators (creator_id, first_video_at) VALUES ($1, $2)
       ON CONFLICT (creator_id) DO UPDATE SET first_video_at = LEAST(insights_creators.first_video_at, EXCLUDED.first_video_at)`,
      [e.payload.authorId, new Date(e.occurredAt)],
    );
  });
}

async function complaint(tx: Tx, key: string, storeId: string | null, at: Date): Promise<void> {
  await tx.query('INSERT INTO insights_complaints (key, store_id, day) VALUES ($1, $2, $3::date) ON CONFLICT DO NOTHING', [key, storeId, chinaDay(at)]);
}

/**
 * A pass's new orders in a few statements: which are known already, the campaigns of their goods
 * (one question per creation time: a campaign counts if it ran when the order was made), the
 * orders, their lines, and the payments that arrived before them.
 */
async function ordersCreated(tx: Tx, created: Array<{ o: OrderCreatedEvent; createdAt: Date }>, deps: InsightsDeps, policy: InsightsPolicy): Promise<void> {
  const known = new Set((await tx.query<{ order_id: string }>('SELECT order_id FROM insights_orders WHERE order_id = ANY($1::text[])', [created.map((c) => c.o.orderId)])).map((r) => r.order_id));
  const todo = [...new Map(created.filter((c) => !known.has(c.o.orderId)).map((c) => [c.o.orderId, c])).values()];
  if (todo.length === 0) return;
  const byTime = new Map<number, Array<(typeof todo)[number]>>();
  for (const c of todo) {
    const group = byTime.get(c.createdAt.getTime());
    if (group) group.push(c);
    else byTime.set(c.createdAt.getTime(), [c]);
  }
  const campaignsAt = new Map<number, Map<string, string>>();
  for (const [at, group] of byTime) campaignsAt.set(at, await deps.campaignOf([...new Set(group.flatMap((c) => (c.o.lines ?? []).map((l) => l.productId)))], new Date(at), tx));
  const creators = new Map<string, ContentCreator | null>();
  const orders = [];
  for (const { o, createdAt } of todo) {
    const campaigns = campaignsAt.get(createdAt.getTime())!;
    const rows = [];
    for (const l of o.lines ?? []) {
      const source = l.source ?? o.source;
      const creator = await creatorBehind(tx, source, l.productId, o.storeId, deps, creators);
      const campaignId = campaigns.get(l.productId) ?? (source?.type === 'campaign' ? (source.id ?? null) : null);
      rows.push({ l, source, creator, campaignId, field: lineField(source?.type), channel: channelOf(creator, campaignId, policy.topCreatorFollowers) });
    }
    const fields = rows.reduce((m, r) => m | (1 << FIELDS.indexOf(r.field)), 0);
    const channels = rows.reduce((m, r) => m | (1 << CHANNELS.indexOf(r.channel)), 0);
    orders.push({ o, createdAt, rows, fields, channels });
  }
  const inserted = new Set(
    (
      await tx.query<{ order_id: string }>(
        `INSERT INTO insights_orders (order_id, store_id, buyer_id, pay_fen, created_at, fields, channels)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[], $6::int[], $7::int[]) ON CONFLICT DO NOTHING RETURNING order_id`,
        [orders.map((x) => x.o.orderId), orders.map((x) => x.o.storeId), orders.map((x) => x.o.userId), orders.map((x) => x.o.payFen), orders.map((x) => x.createdAt.toISOString()), orders.map((x) => x.fields), orders.map((x) => x.channels)],
      )
    ).map((r) => r.order_id),
  );
  const lines = orders.filter((x) => inserted.has(x.o.orderId)).flatMap(({ o, createdAt, rows }) => rows.map((r) => ({ o, createdAt, ...r })));
  if (lines.length) {
    const col = <T>(f: (x: (typeof lines)[number]) => T) => lines.map(f);
    await tx.query(
      `INSERT INTO insights_lines (order_id, line_no, store_id, buyer_id, product_id, quantity, paid_fen, field, channel, source_type, source_id, creator_id, campaign_id, created_at)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamptz[])
       ON CONFLICT DO NOTHING`,
      [col((x) => x.o.orderId), col((x) => x.l.lineNo), col((x) => x.o.storeId), col((x) => x.o.userId), col((x) => x.l.productId), col((x) => x.l.quantity), col((x) => x.l.paidFen), col((x) => x.field), col((x) => x.channel),
        col((x) => x.source?.type ?? null), col((x) => x.source?.id ?? null), col((x) => x.creator?.creatorId ?? null), col((x) => x.campaignId), col((x) => x.createdAt.toISOString())],
    );
  }
  if (inserted.size === 0) return;
  // Paid before it was created here (consumers run in any order): apply the payment now.
  const early = await tx.query<{ order_id: string; paid_at: Date }>('DELETE FROM insights_early_payments WHERE order_id = ANY($1::text[]) RETURNING order_id, paid_at', [[...inserted]]);
  for (const e of early.sort((a, b) => a.order_id.localeCompare(b.order_id))) await orderPaid(tx, e.order_id, new Date(e.paid_at));
}

/** Stamps the order and its lines paid, once, and adds its lines to the day's sales by field and channel. */
async function orderPaid(tx: Tx, orderId: string, paidAt: Date): Promise<void> {
  const day = chinaDay(paidAt);
  const done = await tx.query('UPDATE insights_orders SET paid_at = $2, paid_day = $3::date WHERE order_id = $1 AND paid_at IS NULL RETURNING order_id', [orderId, paidAt, day]);
  if (done.length === 0) {
    const known = await tx.query('SELECT 1 FROM insights_orders WHERE order_id = $1', [orderId]);
    if (known.length === 0) await tx.query('INSERT INTO insights_early_payments (order_id, paid_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [orderId, paidAt]);
    return;
  }
  await tx.query('UPDATE insights_lines SET paid_at = $2, paid_day = $3::date WHERE order_id = $1', [orderId, paidAt, day]);
  await tx.query(
    `INSERT INTO insights_sales_days (store_id, day, field, channel, gmv_fen)
     SELECT store_id, $2::date, field, channel, sum(paid_fen) FROM insights_lines WHERE order_id = $1 GROUP BY store_id, field, channel
     ON CONFLICT (store_id, day, field, channel) DO UPDATE SET gmv_fen = insights_sales_days.gmv_fen + EXCLUDED.gmv_fen`,
    [orderId, day],
  );
}

/** The creator whose content sold the line (only content that carries the goods), or null. */
async function creatorBehind(q: Queryable, source: LineSource | null, productId: string, storeId: string, deps: InsightsDeps, seen: Map<string, ContentCreator | null>): Promise<ContentCreator | null> {
  if (!source?.id) return null;
  const key = `${source.type}:${source.id}:${productId}`;
  if (seen.has(key)) return seen.get(key)!;
  let creatorId: string | null = null;
  if (source.type === 'feed_video' || source.type === 'live_room') {
    const c = await deps.carrier(source.type, source.id, q);
    if (c && c.productIds.includes(productId)) creatorId = c.creatorId;
  } else if (source.type === 'showcase') creatorId = source.id;
  const out = creatorId ? { creatorId, storeStaff: await deps.isStaff(storeId, creatorId, q), followers: (await deps.followers([creatorId], q)).get(creatorId) ?? 0 } : null;
  seen.set(key, out);
  return out;
}
