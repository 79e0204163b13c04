// NPS reports: the platform's (the global NPS), a store's, a creator's or a category's, over a
// window, with its trend and breakdowns. SQL only counts answers per band (and day, store or
// category) from this module's own tables; nps.ts turns the counts into figures. Category and
// creator come from the module's copy of the order at query time, so facts that arrive after an
// answer still count.
import type { Db } from '../../platform/db/index.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { add, figure, PASSIVE_MIN, PROMOTER_MIN, rank, trend, TZ_OFFSET_MS, ZERO, type Bucket, type Tally } from './nps.ts';
import type { Report, ReportQuery, Scope } from './schemas.ts';

const DAY_MS = 86_400_000;
const MAX_WINDOW_DAYS = 366;
const RANKED = 5;
const COMMENTS = 10;

export interface CategoryFacts {
  id: string;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
}

/** What reports ask of other modules, wired in main.ts. */
export interface ReportDeps {
  storeNames(ids: string[]): Promise<Map<string, string>>;
  /** Identity: display names of users (creators). */
  userNames(ids: string[]): Promise<Map<string, string>>;
  /** Catalog: every category (two levels). */
  categories(): Promise<CategoryFacts[]>;
  now(): Date;
}

export interface ReportPolicy {
  windowDays: number;
  rankMinResponses: number;
}

/** Counts per band, as SQL select items; `n` counts distinct surveys when a join repeats them. */
const TALLY = (n = '*') => `count(${n}) FILTER (WHERE s.score >= ${PROMOTER_MIN})::int AS promoters,
  count(${n}) FILTER (WHERE s.score >= ${PASSIVE_MIN} AND s.score < ${PROMOTER_MIN})::int AS passives,
  count(${n}) FILTER (WHERE s.score < ${PASSIVE_MIN})::int AS detractors`;
const FROM = 'experience_surveys s LEFT JOIN experience_orders o ON o.order_id = s.order_id';

interface Target {
  scope: Scope;
  id: string | null;
  name: string | null;
  /** For a category: it and its children. */
  categoryIds: string[];
}

export class NpsReports {
  constructor(
    private readonly db: Db,
    private readonly deps: ReportDeps,
    private readonly policy: ReportPolicy,
  ) {}

  async report(q: ReportQuery): Promise<Report> {
    const to = q.to ? new Date(q.to) : this.deps.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - this.policy.windowDays * DAY_MS);
    if (from >= to) throw invalid('querystring.to', 'must be later than from');
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) throw invalid('querystring.from', `the window is at most ${MAX_WINDOW_DAYS} days`);
    const bucket: Bucket = q.bucket ?? 'day';
    const cats = await this.deps.categories();
    const target = await this.target(q.scope ?? 'platform', q.id, cats);
    // $1 from, $2 to, then the scope's and the kind's parameters; a query's own ones come after.
    const params: unknown[] = [from, to];
    const where = `${this.scopeSql(target, params)} AND ${q.kind ? `s.kind = $${params.push(q.kind)}` : 'TRUE'}`;
    const answered = `s.answered_at >= $1 AND s.answered_at < $2 AND ${where}`;
    const next = params.length + 1;

    const days = await this.db.query<Tally & { day: number }>(
      `SELECT floor((extract(epoch FROM s.answered_at) * 1000 + ${TZ_OFFSET_MS}) / ${DAY_MS})::int AS day, ${TALLY()} FROM ${FROM} WHERE ${answered} GROUP BY 1`,
      params,
    );
    const stores = await this.db.query<Tally & { key: string }>(`SELECT s.store_id AS key, ${TALLY()} FROM ${FROM} WHERE ${answered} AND s.store_id IS NOT NULL GROUP BY 1`, params);
    // Leaf categories roll up to their top-level category; an answer counts once per top level.
    const roots = new Map(cats.map((c) => [c.id, c.parentId ?? c.id]));
    const byCategory = await this.db.query<Tally & { key: string }>(
      `SELECT m.root AS key, ${TALLY('DISTINCT s.id')} FROM ${FROM} JOIN unnest($${next}::text[], $${next + 1}::text[]) AS m(leaf, root) ON m.leaf = ANY(o.category_ids)
        WHERE ${answered} GROUP BY 1`,
      [...params, [...roots.keys()], [...roots.values()]],
    );
    const [sent] = await this.db.query<{ issued: number; answered: number; expired: number }>(
      `SELECT count(*)::int AS issued, count(*) FILTER (WHERE s.answered_at IS NOT NULL)::int AS answered,
              count(*) FILTER (WHERE s.answered_at IS NULL AND s.expires_at <= $${next})::int AS expired
         FROM ${FROM} WHERE s.issued_at >= $1 AND s.issued_at < $2 AND ${where}`,
      [...params, this.deps.now()],
    );
    const [capped] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM experience_survey_skips s LEFT JOIN experience_orders o ON o.order_id = s.order_id WHERE s.at >= $1 AND s.at < $2 AND ${where}`, params);
    const comments = await this.db.query<{ id: string; kind: 'order' | 'service'; score: number; comment: string; answered_at: Date; store_id: string | null }>(
      `SELECT s.id, s.kind, s.score, s.comment, s.answered_at, s.store_id FROM ${FROM} WHERE ${answered} AND s.comment IS NOT NULL ORDER BY s.answered_at DESC, s.id DESC LIMIT ${COMMENTS}`,
      params,
    );

    const storeRows = stores.map((r) => ({ key: r.key, ...figure(r) }));
    const { top, bottom } = rank(storeRows, this.policy.rankMinResponses, RANKED);
    const names = await this.deps.storeNames([...new Set([...top, ...bottom].map((r) => r.key).concat(comments.flatMap((c) => (c.store_id ? [c.store_id] : []))))]);
    const storeView = ({ key, ...f }: (typeof storeRows)[number]) => ({ id: key, name: names.get(key) ?? key, ...f });
    const catNames = new Map(cats.map((c) => [c.id, c]));
    return {
      scope: target.scope,
      id: target.id,
      name: target.name,
      kind: q.kind ?? null,
      from: from.toISOString(),
      to: to.toISOString(),
      bucket,
      summary: figure(days.reduce<Tally>((a, d) => add(a, d), ZERO)),
      surveys: { issued: sent?.issued ?? 0, answered: sent?.answered ?? 0, expired: sent?.expired ?? 0, capped: capped?.n ?? 0 },
      trend: trend(days, from, to, bucket),
      categories: byCategory
        .map((r) => ({ id: r.key, nameZh: catNames.get(r.key)?.nameZh ?? r.key, nameEn: catNames.get(r.key)?.nameEn ?? r.key, ...figure(r) }))
        .sort((a, b) => b.responses - a.responses || a.id.localeCompare(b.id)),
      topStores: top.map(storeView),
      bottomStores: bottom.map(storeView),
      comments: comments.map((c) => ({ surveyId: c.id, kind: c.kind, score: c.score, comment: c.comment, at: new Date(c.answered_at).toISOString(), storeId: c.store_id, storeName: c.store_id ? (names.get(c.store_id) ?? null) : null })),
    };
  }

  /** The scope's id checked against its owner: 404 naming `querystring.id` when it names nothing. */
  private async target(scope: Scope, id: string | undefined, cats: CategoryFacts[]): Promise<Target> {
    if (scope === 'platform') return { scope, id: null, name: null, categoryIds: [] };
    if (!id) throw invalid('querystring.id', `required when scope is ${scope}`);
    if (scope === 'category') {
      const c = cats.find((x) => x.id === id);
      if (!c) throw notFound('Category', 'querystring.id');
      return { scope, id, name: c.nameZh, categoryIds: [id, ...cats.filter((x) => x.parentId === id).map((x) => x.id)] };
    }
    const name = (await (scope === 'store' ? this.deps.storeNames([id]) : this.deps.userNames([id]))).get(id);
    if (name === undefined) throw notFound(scope === 'store' ? 'Store' : 'Creator', 'querystring.id');
    return { scope, id, name, categoryIds: [] };
  }

  /** The scope as a condition on `s` (surveys or skips) and `o` (the order copy); pushes its parameters. */
  private scopeSql(t: Target, params: unknown[]): string {
    if (t.scope === 'store') return `s.store_id = $${params.push(t.id)}`;
    if (t.scope === 'creator') return `EXISTS (SELECT 1 FROM experience_order_creators c WHERE c.order_id = s.order_id AND c.creator_id = $${params.push(t.id)})`;
    if (t.scope === 'category') return `o.category_ids && $${params.push(t.categoryIds)}::text[]`;
    return 'TRUE';
  }
}
