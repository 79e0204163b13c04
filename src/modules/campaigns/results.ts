// Results per campaign: the module's own copy of the sales of enrolled goods bought while their
// campaign was active, learnt from commerce's events in each event's transaction (at least once,
// in any order of redelivery, so every write is idempotent):
//  - commerce.order.created → one row per (order, campaign) with what its lines paid and their units
//    (the campaign judged on the platform's clock when the order is handled);
//  - commerce.order.paid → the row counts (paid GMV, orders, buyers, units);
//  - commerce.after_sales.refunded → each case's refund, shared by what the campaign's lines paid.
import type { Db, Tx } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { OrderCreatedEvent } from '../commerce/events.ts';
import type { CampaignService } from './campaigns.ts';
import { refundShare } from './rules.ts';
import type { Results } from './schemas.ts';

/** `commerce.order.paid` (the fields used here). */
interface OrderPaid { orderId: string }
/** `commerce.after_sales.refunded` (the fields used here). */
interface CaseRefunded { caseId: string; orderId: string; amountFen: number }

interface FigureRow { store_id: string; paid: number; orders: number; buyers: number; units: number; refunded: number; refunds: number }

export class CampaignResults {
  constructor(
    private readonly db: Db,
    private readonly campaigns: CampaignService,
  ) {}

  subscribe(bus: EventBus): void {
    bus.subscribeBatch<OrderCreatedEvent>('campaigns.orders', 'commerce.order.created', (events, tx) => this.ordersCreated(tx, events.map((e) => e.payload)));
    bus.subscribe<OrderPaid>('campaigns.orders_paid', 'commerce.order.paid', async (e, tx) => {
      await tx.query('UPDATE campaign_orders SET paid_at = now() WHERE order_id = $1 AND paid_at IS NULL', [e.payload.orderId]);
    });
    bus.subscribe<CaseRefunded>('campaigns.refunds', 'commerce.after_sales.refunded', (e, tx) => this.refunded(tx, e.payload));
  }

  /** A pass's orders: one question for the campaigns of all their goods, one statement for the rows. */
  async ordersCreated(tx: Tx, orders: OrderCreatedEvent[]): Promise<void> {
    const of = await this.campaigns.campaignOf([...new Set(orders.flatMap((o) => (o.lines ?? []).map((l) => l.productId)))], this.campaigns.deps.now(), tx);
    const rows: Array<{ o: OrderCreatedEvent; campaignId: string; paid: number; units: number }> = [];
    for (const o of orders) {
      const sums = new Map<string, { paid: number; units: number }>();
      for (const l of o.lines ?? []) {
        const c = of.get(l.productId);
        if (!c) continue;
        const s = sums.get(c) ?? { paid: 0, units: 0 };
        s.paid += l.paidFen;
        s.units += l.quantity;
        sums.set(c, s);
      }
      for (const [campaignId, s] of sums) rows.push({ o, campaignId, ...s });
    }
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO campaign_orders (order_id, campaign_id, store_id, user_id, order_pay_fen, paid_fen, units)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::int[]) ON CONFLICT (order_id, campaign_id) DO NOTHING`,
      [rows.map((r) => r.o.orderId), rows.map((r) => r.campaignId), rows.map((r) => r.o.storeId), rows.map((r) => r.o.userId), rows.map((r) => r.o.payFen), rows.map((r) => r.paid), rows.map((r) => r.units)],
    );
  }

  async refunded(tx: Tx, r: CaseRefunded): Promise<void> {
    const rows = await tx.query<{ campaign_id: string; order_pay_fen: number; paid_fen: number; refunded_fen: number }>(
      'SELECT campaign_id, order_pay_fen, paid_fen, refunded_fen FROM campaign_orders WHERE order_id = $1 AND paid_at IS NOT NULL ORDER BY campaign_id FOR UPDATE',
      [r.orderId],
    );
    for (const row of rows) {
      const share = refundShare(r.amountFen, Number(row.paid_fen), Number(row.order_pay_fen), Number(row.refunded_fen));
      const [fresh] = await tx.query<{ case_id: string }>(
        'INSERT INTO campaign_refunds (case_id, campaign_id, order_id, amount_fen) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING case_id',
        [r.caseId, row.campaign_id, r.orderId, share],
      );
      if (fresh) await tx.query('UPDATE campaign_orders SET refunded_fen = refunded_fen + $3 WHERE order_id = $1 AND campaign_id = $2', [r.orderId, row.campaign_id, share]);
    }
  }

  /** A campaign's paid GMV, orders, buyers, units and refunds, in all and per store (stores with goods enrolled or sold). */
  async results(campaignId: string): Promise<Results> {
    const campaign = await this.campaigns.get(campaignId);
    const figures = `COALESCE(sum(paid_fen), 0)::bigint AS paid, count(*)::int AS orders, count(DISTINCT user_id)::int AS buyers, COALESCE(sum(units), 0)::int AS units,
                     COALESCE(sum(refunded_fen), 0)::bigint AS refunded, (count(*) FILTER (WHERE refunded_fen > 0))::int AS refunds`;
    const perStore = await this.db.query<FigureRow>(`SELECT store_id, ${figures} FROM campaign_orders WHERE campaign_id = $1 AND paid_at IS NOT NULL GROUP BY store_id`, [campaignId]);
    const [all] = await this.db.query<FigureRow>(`SELECT '' AS store_id, ${figures} FROM campaign_orders WHERE campaign_id = $1 AND paid_at IS NOT NULL`, [campaignId]);
    const enrolled = await this.db.query<{ store_id: string; n: number }>(`SELECT store_id, (count(*) FILTER (WHERE status = 'enrolled'))::int AS n FROM campaign_enrolments WHERE campaign_id = $1 GROUP BY store_id`, [campaignId]);
    const storeIds = [...new Set([...enrolled.map((e) => e.store_id), ...perStore.map((s) => s.store_id)])];
    const names = await this.campaigns.deps.storeNames(storeIds);
    const figuresOf = (r: FigureRow | undefined) => ({ paidFen: Number(r?.paid ?? 0), orders: r?.orders ?? 0, buyers: r?.buyers ?? 0, units: r?.units ?? 0, refundedFen: Number(r?.refunded ?? 0), refunds: r?.refunds ?? 0 });
    const stores = storeIds.map((storeId) => ({ storeId, storeName: names.get(storeId) ?? storeId, enrolled: enrolled.find((e) => e.store_id === storeId)?.n ?? 0, ...figuresOf(perStore.find((s) => s.store_id === storeId)) }));
    stores.sort((a, b) => b.paidFen - a.paidFen || a.storeId.localeCompare(b.storeId));
    return { campaign, totals: figuresOf(all), stores };
  }
}
