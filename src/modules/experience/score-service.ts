// The store experience score, computed: SQL counts this module's own facts per store and China
// day over the window; score.ts scores every store against its peers; one row per store and day is
// kept (the latest computation of the day wins), and `experience.store_score.updated` is published
// when a store's score differs from its previous row. Recomputed by a repeating job (every
// EXPERIENCE_RECOMPUTE_HOURS), by operators and (at most once a minute per store) by store staff.
// Creator reputation is computed on read from the same facts (reputation.ts).
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import { RateLimiter } from '../../platform/ratelimit.ts';
import { dateOf, dayOf, TZ_OFFSET_MS } from './nps.ts';
import type { CategoryFacts } from './report.ts';
import { reputationOf, type Reputation } from './reputation.ts';
import { DIMENSIONS, round, scoreStores, ZERO_DAY, type DayFacts, type Dimension, type MetricScore, type ScorePolicy, type StoreFacts, type StoreScore } from './score.ts';

const DAY_MS = 86_400_000;
export const RECOMPUTE_JOB = 'experience.score_recompute';
/** Quality returns: after-sales cases opened for a fault of the goods (the case's reason). */
export const QUALITY_REASONS = ['quality', 'wrong_item', 'damaged'];

export interface ScoreServicePolicy extends ScorePolicy {
  recomputeHours: number;
}

export interface ScoreDeps {
  categories(): Promise<CategoryFacts[]>;
  now(): Date;
}

/** `experience.store_score.updated` */
export interface StoreScoreUpdatedEvent {
  storeId: string;
  score: number | null;
  computedAt: string;
}

export interface ScoreRow {
  storeId: string;
  day: string;
  score: number | null;
  reason: string | null;
  categoryId: string | null;
  peerGroup: string | null;
  peers: number;
  orders: number;
  dimensions: Record<Dimension, number | null>;
  metrics: MetricScore[];
  computedAt: string;
}

interface DbRow {
  store_id: string;
  day: string | Date;
  score: string | number | null;
  reason: string | null;
  category_id: string | null;
  peer_group: string | null;
  peers: number;
  orders: number;
  dimensions: Record<Dimension, number | null>;
  metrics: MetricScore[];
  computed_at: Date;
}

const dayExpr = (col: string) => `floor((extract(epoch FROM ${col}) * 1000 + ${TZ_OFFSET_MS}) / ${DAY_MS})::int`;
const num = (x: unknown) => (x === null || x === undefined ? 0 : Number(x));

export const toScoreRow = (r: DbRow): ScoreRow => ({
  storeId: r.store_id,
  day: typeof r.day === 'string' ? r.day.slice(0, 10) : dateOf(Math.round(new Date(r.day).getTime() / DAY_MS)),
  score: r.score === null ? null : Number(r.score),
  reason: r.reason,
  categoryId: r.category_id,
  peerGroup: r.peer_group,
  peers: r.peers,
  orders: r.orders,
  dimensions: r.dimensions,
  metrics: r.metrics,
  computedAt: new Date(r.computed_at).toISOString(),
});

export class StoreScores {
  private readonly refreshes = new RateLimiter(1, 60_000);

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly deps: ScoreDeps,
    readonly policy: ScoreServicePolicy,
  ) {}

  /** The repeating job: recompute now, then again in recomputeHours (one pending job per slot). */
  registerJobs(jobs: JobQueue): void {
    jobs.register(RECOMPUTE_JOB, async () => {
      await this.recompute();
      await this.scheduleNext(jobs);
    });
  }

  /**
   * Enqueues the next run: slots of recomputeHours starting at 03:00 China time (the night, with
   * the default 24 h). One job per slot (its dedupe key), however many processes start or run it.
   */
  async scheduleNext(jobs: JobQueue): Promise<void> {
    const slotMs = Math.max(1, this.policy.recomputeHours) * 3_600_000;
    const base = 3 * 3_600_000 - TZ_OFFSET_MS;
    const now = this.deps.now().getTime();
    const k = Math.floor((now - base) / slotMs) + 1;
    await jobs.enqueue(this.db, RECOMPUTE_JOB, {}, { runAt: new Date(base + k * slotMs), dedupeKey: `${RECOMPUTE_JOB}:${k}` });
  }

  /** Store staff's on-demand refresh: at most one a minute per store. */
  async refresh(storeId: string): Promise<ScoreRow | null> {
    const wait = this.refreshes.hit(storeId, this.deps.now().getTime());
    if (wait > 0) throw new AppError('rate_limited', `The score was refreshed moments ago; try again in ${wait} s`, undefined, undefined, { 'retry-after': String(wait) });
    await this.recompute([storeId]);
    return this.current(storeId);
  }

  /**
   * Scores every store with facts (each against its peers) as of today and writes the rows of
   * `storeIds` (all when omitted). Returns how many rows were written and how many changed.
   */
  async recompute(storeIds?: string[]): Promise<{ day: string; stores: number; changed: number }> {
    const now = this.deps.now();
    const asOf = dayOf(now);
    const facts = await this.facts(now, asOf);
    const results = scoreStores(facts, asOf, this.policy);
    const want = storeIds ? new Set(storeIds) : null;
    let changed = 0;
    let written = 0;
    for (const s of results) {
      if (want && !want.has(s.storeId)) continue;
      if (await this.write(s, asOf, now)) changed++;
      written++;
    }
    // A store asked for without any facts yet gets its (null) row too.
    for (const id of want ?? []) {
      if (results.some((r) => r.storeId === id)) continue;
      const [none] = scoreStores([{ storeId: id, category: null, days: [] }], asOf, this.policy);
      if (await this.write(none!, asOf, now)) changed++;
      written++;
    }
    return { day: dateOf(asOf), stores: written, changed };
  }

  private async write(s: StoreScore, asOf: number, now: Date): Promise<boolean> {
    const score = s.score === null ? null : round(s.score);
    const dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, s.dimensions[d] === null ? null : round(s.dimensions[d]!)]));
    const metrics = s.metrics.map((m) => ({
      ...m,
      value: m.value === null ? null : round(m.value, 4),
      percentile: m.percentile === null ? null : round(m.percentile, 4),
      points: m.points === null ? null : round(m.points),
      hint: m.hint && { ...m.hint, value: round(m.hint.value, 4), peerMedian: round(m.hint.peerMedian, 4), target: m.hint.target === null ? null : round(m.hint.target, 4), gain: round(m.hint.gain) },
    }));
    return this.db.tx(async (tx) => {
      const [prev] = await tx.query<{ score: string | null }>('SELECT score FROM experience_store_scores WHERE store_id = $1 ORDER BY day DESC LIMIT 1 FOR UPDATE', [s.storeId]);
      await tx.query(
        `INSERT INTO experience_store_scores (store_id, day, score, reason, category_id, peer_group, peers, orders, dimensions, metrics, computed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (store_id, day) DO UPDATE SET score = EXCLUDED.score, reason = EXCLUDED.reason, category_id = EXCLUDED.category_id, peer_group = EXCLUDED.peer_group,
           peers = EXCLUDED.peers, orders = EXCLUDED.orders, dimensions = EXCLUDED.dimensions, metrics = EXCLUDED.metrics, computed_at = EXCLUDED.computed_at`,
        [s.storeId, dateOf(asOf), score, s.reason, s.category, s.peerGroup, s.peers, s.orders, JSON.stringify(dimensions), JSON.stringify(metrics), now],
      );
      const before = prev === undefined ? undefined : prev.score === null ? null : Number(prev.score);
      if (before === score) return false;
      const event: StoreScoreUpdatedEvent = { storeId: s.storeId, score, computedAt: now.toISOString() };
      await this.bus.publish(tx, 'experience.store_score.updated', event);
      return true;
    });
  }

  /** Counts per store and day over the window (from the window's first day to now). */
  private async facts(now: Date, asOf: number): Promise<StoreFacts[]> {
    const from = new Date((asOf - this.policy.windowDays + 1) * DAY_MS - TZ_OFFSET_MS);
    const p = [from, now];
    const inWin = (col: string) => `${col} >= $1::timestamptz AND ${col} <= $2::timestamptz`;
    const queries: string[] = [
      `SELECT store_id, ${dayExpr('paid_at')} AS day, count(*) AS "ordersPaid",
              count(*) FILTER (WHERE picked_up_at IS NOT NULL OR paid_at <= $2::timestamptz - interval '24 hours') AS "pickupDue",
              count(*) FILTER (WHERE picked_up_at <= paid_at + interval '24 hours') AS "pickup24h"
         FROM experience_fulfilment WHERE ${inWin('paid_at')} GROUP BY 1, 2`,
      `SELECT store_id, ${dayExpr('delivered_at')} AS day, count(*) AS delivered, sum(extract(epoch FROM delivered_at - paid_at) / 3600) AS "deliveryHoursSum"
         FROM experience_fulfilment WHERE ${inWin('delivered_at')} AND paid_at IS NOT NULL GROUP BY 1, 2`,
      `SELECT store_id, ${dayExpr('at')} AS day, count(*) AS reviews, count(*) FILTER (WHERE goods <= 2) AS "negativeReviews"
         FROM experience_reviews WHERE ${inWin('at')} GROUP BY 1, 2`,
      `SELECT store_id, ${dayExpr('opened_at')} AS day, count(*) FILTER (WHERE reason = ANY($3::text[])) AS "qualityReturns"
         FROM experience_cases WHERE ${inWin('opened_at')} GROUP BY 1, 2`,
      `SELECT store_id, ${dayExpr('decided_at')} AS day, count(*) AS "afterSalesDecided", count(*) FILTER (WHERE rejected) AS "afterSalesRejected"
         FROM experience_cases WHERE ${inWin('decided_at')} GROUP BY 1, 2`,
      `SELECT store_id, ${dayExpr('escalated_at')} AS day, count(*) AS "platformHelp" FROM experience_cases WHERE ${inWin('escalated_at')} GROUP BY 1, 2`,
      `SELECT store_id, ${dayExpr('refunded_at')} AS day, count(*) AS "refundsCompleted", sum(extract(epoch FROM refunded_at - opened_at) / 3600) AS "refundHoursSum"
         FROM experience_cases WHERE ${inWin('refunded_at')} AND opened_at IS NOT NULL GROUP BY 1, 2`,
      `SELECT store_id, ${dayExpr('opened_at')} AS day, count(*) AS tickets, count(*) FILTER (WHERE category = 'logistics') AS "shippingComplaints"
         FROM experience_tickets WHERE store_id IS NOT NULL AND ${inWin('opened_at')} GROUP BY 1, 2`,
      `SELECT store_id, ${dayExpr('escalated_at')} AS day, count(*) AS "platformHelp" FROM experience_tickets WHERE store_id IS NOT NULL AND ${inWin('escalated_at')} GROUP BY 1, 2`,
      `SELECT store_id, ${dayExpr('at')} AS day, count(*) AS "imReplies", sum(response_ms) AS "imResponseMsSum" FROM experience_replies WHERE ${inWin('at')} GROUP BY 1, 2`,
      `SELECT store_id, ${dayExpr('answered_at')} AS day, count(*) AS "imRated", count(*) FILTER (WHERE score <= 6) AS "imDissatisfied"
         FROM experience_surveys WHERE kind = 'service' AND store_id IS NOT NULL AND ${inWin('answered_at')} GROUP BY 1, 2`,
    ];
    const byStore = new Map<string, Map<number, DayFacts>>();
    for (const sql of queries) {
      const rows = await this.db.query<Record<string, unknown> & { store_id: string; day: number }>(sql, sql.includes('$3') ? [...p, QUALITY_REASONS] : p);
      for (const r of rows) {
        const days = byStore.get(r.store_id) ?? new Map<number, DayFacts>();
        byStore.set(r.store_id, days);
        const d = days.get(r.day) ?? { day: r.day, ...ZERO_DAY };
        days.set(r.day, d);
        for (const k of Object.keys(ZERO_DAY) as Array<keyof typeof ZERO_DAY>) if (k in r) d[k] += num(r[k]);
      }
    }
    const categories = await this.mainCategories([...byStore.keys()]);
    return [...byStore].map(([storeId, days]) => ({ storeId, category: categories.get(storeId) ?? null, days: [...days.values()] }));
  }

  /** Each store's main root category: the one most of its orders' goods were in (ties: lowest id). */
  private async mainCategories(storeIds: string[]): Promise<Map<string, string>> {
    if (storeIds.length === 0) return new Map();
    const cats = await this.deps.categories();
    const rootOf = new Map(cats.map((c) => [c.id, c.parentId ?? c.id]));
    const rows = await this.db.query<{ store_id: string; leaf: string; n: number }>(
      'SELECT store_id, leaf, count(*)::int AS n FROM experience_orders, unnest(category_ids) AS leaf WHERE store_id = ANY($1::text[]) GROUP BY 1, 2',
      [storeIds],
    );
    const counts = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const root = rootOf.get(r.leaf) ?? r.leaf;
      const m = counts.get(r.store_id) ?? new Map<string, number>();
      counts.set(r.store_id, m);
      m.set(root, (m.get(root) ?? 0) + r.n);
    }
    const out = new Map<string, string>();
    for (const [store, m] of counts) out.set(store, [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);
    return out;
  }

  async current(storeId: string): Promise<ScoreRow | null> {
    const [r] = await this.db.query<DbRow>('SELECT * FROM experience_store_scores WHERE store_id = $1 ORDER BY day DESC LIMIT 1', [storeId]);
    return r ? toScoreRow(r) : null;
  }

  /** The store's score per day, oldest first, over the last `days` days. */
  async history(storeId: string, days = 90): Promise<Array<{ day: string; score: number | null }>> {
    const since = dateOf(dayOf(this.deps.now()) - days + 1);
    const rows = await this.db.query<{ day: string | Date; score: string | null }>('SELECT day::text AS day, score FROM experience_store_scores WHERE store_id = $1 AND day >= $2 ORDER BY day', [storeId, since]);
    return rows.map((r) => ({ day: String(r.day).slice(0, 10), score: r.score === null ? null : Number(r.score) }));
  }

  /** Operators: every store's latest score, best first (unscored last), optionally of one category or within a range. */
  async list(q: { categoryId?: string; min?: number; max?: number; scored?: boolean; limit?: number; offset?: number }): Promise<{ items: ScoreRow[]; total: number; limit: number; offset: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.categoryId) where.push(`category_id = $${params.push(q.categoryId)}`);
    if (q.min !== undefined) where.push(`score >= $${params.push(q.min)}`);
    if (q.max !== undefined) where.push(`score <= $${params.push(q.max)}`);
    if (q.scored === true) where.push('score IS NOT NULL');
    if (q.scored === false) where.push('score IS NULL');
    const latest = `SELECT DISTINCT ON (store_id) * FROM experience_store_scores ORDER BY store_id, day DESC`;
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [total] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${latest}) s ${cond}`, params);
    const rows = await this.db.query<DbRow>(
      `SELECT * FROM (${latest}) s ${cond} ORDER BY score DESC NULLS LAST, store_id LIMIT $${params.push(q.limit ?? 50)} OFFSET $${params.push(q.offset ?? 0)}`,
      params,
    );
    return { items: rows.map(toScoreRow), total: total?.n ?? 0, limit: q.limit ?? 50, offset: q.offset ?? 0 };
  }

  /** A creator's reputation over the score's window, from the orders credited to them. */
  async reputation(creatorId: string): Promise<Reputation> {
    const from = new Date(this.deps.now().getTime() - this.policy.windowDays * DAY_MS);
    const [r] = await this.db.query<{ orders: number; returned: number; complained: number; promoters: number; passives: number; detractors: number }>(
      `WITH o AS (SELECT c.order_id FROM experience_order_creators c JOIN experience_fulfilment f ON f.order_id = c.order_id WHERE c.creator_id = $1 AND f.paid_at >= $2)
       SELECT (SELECT count(*)::int FROM o) AS orders,
              (SELECT count(DISTINCT k.order_id)::int FROM experience_cases k JOIN o ON o.order_id = k.order_id WHERE k.refunded_at IS NOT NULL) AS returned,
              (SELECT count(*)::int FROM (SELECT t.order_id FROM experience_tickets t JOIN o ON o.order_id = t.order_id
                 UNION SELECT v.order_id FROM experience_reviews v JOIN o ON o.order_id = v.order_id WHERE v.goods <= 2) x) AS complained,
              (SELECT count(*) FILTER (WHERE s.score >= 9)::int FROM experience_surveys s JOIN o ON o.order_id = s.order_id WHERE s.kind = 'order' AND s.answered_at IS NOT NULL) AS promoters,
              (SELECT count(*) FILTER (WHERE s.score BETWEEN 7 AND 8)::int FROM experience_surveys s JOIN o ON o.order_id = s.order_id WHERE s.kind = 'order' AND s.answered_at IS NOT NULL) AS passives,
              (SELECT count(*) FILTER (WHERE s.score <= 6)::int FROM experience_surveys s JOIN o ON o.order_id = s.order_id WHERE s.kind = 'order' AND s.answered_at IS NOT NULL) AS detractors`,
      [creatorId, from],
    );
    return reputationOf({ creatorId, orders: 0, returned: 0, complained: 0, promoters: 0, passives: 0, detractors: 0, ...r }, this.policy.minOrders);
  }
}
