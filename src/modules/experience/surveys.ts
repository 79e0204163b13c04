// Transactional NPS surveys: issued after a delivery or a closed service ticket, at most one per
// user per NPS_SURVEY_CAP_DAYS, answerable for NPS_SURVEY_TTL_DAYS, once, by their own user.
// Time is the injected clock's (tests move it to cross the cap and the expiry).
import type { Db, Tx } from '../../platform/db/index.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { AnswerInput, Survey } from './schemas.ts';

const DAY_MS = 86_400_000;

export type SurveyKind = 'order' | 'service';

export interface Trigger {
  kind: SurveyKind;
  /** The order id (order surveys) or the ticket id (service surveys): one survey per trigger. */
  triggerId: string;
  userId: string;
  storeId: string | null;
  orderId: string | null;
}

export interface SurveyPolicy {
  surveyCapDays: number;
  surveyTtlDays: number;
}

/** What surveys ask of other modules, wired in main.ts. */
export interface SurveyDeps {
  /** Catalog: store names (unknown stores left out). */
  storeNames(ids: string[]): Promise<Map<string, string>>;
  /** Catalog: the first image of each product (for the survey card); unknown products left out. */
  images(productIds: string[]): Promise<Map<string, string | null>>;
  now(): Date;
}

/** `experience.survey.answered` */
export interface SurveyAnsweredEvent {
  surveyId: string;
  kind: SurveyKind;
  score: number;
  storeId: string | null;
  /** The creator credited with the order (the first, when several), or null. */
  creatorId: string | null;
  categoryIds: string[];
  userId: string;
}

interface SurveyRow {
  id: string;
  kind: SurveyKind;
  trigger_id: string;
  user_id: string;
  store_id: string | null;
  order_id: string | null;
  issued_at: Date;
  expires_at: Date;
  score: number | null;
  comment: string | null;
  answered_at: Date | null;
  title: string | null;
  first_product_id: string | null;
  line_count: number | null;
}

const SELECT = `SELECT s.*, o.title, o.first_product_id, o.line_count FROM experience_surveys s LEFT JOIN experience_orders o ON o.order_id = s.order_id`;

export class SurveyService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly deps: SurveyDeps,
    private readonly policy: SurveyPolicy,
  ) {}

  /**
   * Issues the trigger's survey unless it was handled before (a redelivered event) or the cap
   * holds it back (recorded as a skip, so operators see how many the cap held). Runs in the
   * event's transaction.
   */
  async issue(tx: Tx, t: Trigger): Promise<'issued' | 'capped' | 'seen'> {
    const seen = await tx.query(
      'SELECT 1 FROM experience_surveys WHERE kind = $1 AND trigger_id = $2 UNION ALL SELECT 1 FROM experience_survey_skips WHERE kind = $1 AND trigger_id = $2',
      [t.kind, t.triggerId],
    );
    if (seen.length) return 'seen';
    const now = this.deps.now();
    // The cap is a conditional upsert of the user's row: of two triggers handled at once, the
    // second waits on the row and then finds it too recent.
    const passed = await tx.query(
      `INSERT INTO experience_survey_caps (user_id, last_issued_at) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET last_issued_at = EXCLUDED.last_issued_at WHERE experience_survey_caps.last_issued_at <= $3 RETURNING user_id`,
      [t.userId, now, new Date(now.getTime() - this.policy.surveyCapDays * DAY_MS)],
    );
    if (passed.length === 0) {
      await tx.query(
        `INSERT INTO experience_survey_skips (kind, trigger_id, user_id, store_id, order_id, reason, at) VALUES ($1, $2, $3, $4, $5, 'capped', $6) ON CONFLICT DO NOTHING`,
        [t.kind, t.triggerId, t.userId, t.storeId, t.orderId, now],
      );
      return 'capped';
    }
    await tx.query(
      `INSERT INTO experience_surveys (id, kind, trigger_id, user_id, store_id, order_id, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (kind, trigger_id) DO NOTHING`,
      [newId('svy'), t.kind, t.triggerId, t.userId, t.storeId, t.orderId, now, new Date(now.getTime() + this.policy.surveyTtlDays * DAY_MS)],
    );
    return 'issued';
  }

  /** The user's answer, once, before expiry; others' surveys are not found. Publishes `experience.survey.answered`. */
  async answer(userId: string, surveyId: string, input: AnswerInput): Promise<Survey> {
    const comment = input.comment?.trim() || null;
    await this.db.tx(async (tx) => {
      const [s] = await tx.query<SurveyRow>(`${SELECT} WHERE s.id = $1 FOR UPDATE OF s`, [surveyId]);
      if (!s || s.user_id !== userId) throw notFound('Survey', 'surveyId');
      if (s.answered_at) throw conflict('This survey has already been answered', 'surveyId');
      const now = this.deps.now();
      if (new Date(s.expires_at) <= now) throw new AppError('invalid_state', 'This survey has expired', 'surveyId');
      await tx.query('UPDATE experience_surveys SET score = $2, comment = $3, answered_at = $4 WHERE id = $1 AND answered_at IS NULL', [surveyId, input.score, comment, now]);
      const [facts] = await tx.query<{ category_ids: string[] | null; creator_id: string | null }>(
        `SELECT (SELECT category_ids FROM experience_orders WHERE order_id = $1) AS category_ids,
                (SELECT min(creator_id) FROM experience_order_creators WHERE order_id = $1) AS creator_id`,
        [s.order_id],
      );
      const event: SurveyAnsweredEvent = { surveyId, kind: s.kind, score: input.score, storeId: s.store_id, creatorId: facts?.creator_id ?? null, categoryIds: facts?.category_ids ?? [], userId };
      await this.bus.publish(tx, 'experience.survey.answered', event);
    });
    const rows = await this.db.query<SurveyRow>(`${SELECT} WHERE s.id = $1`, [surveyId]);
    return (await this.views(rows))[0]!;
  }

  /** The user's surveys still open (not answered, not expired), newest first; optionally about one order. */
  async pending(userId: string, orderId?: string): Promise<Survey[]> {
    const rows = await this.db.query<SurveyRow>(
      `${SELECT} WHERE s.user_id = $1 AND s.answered_at IS NULL AND s.expires_at > $2 AND ($3::text IS NULL OR s.order_id = $3) ORDER BY s.issued_at DESC, s.id DESC LIMIT 20`,
      [userId, this.deps.now(), orderId ?? null],
    );
    return this.views(rows);
  }

  private async views(rows: SurveyRow[]): Promise<Survey[]> {
    const [names, images] = await Promise.all([
      this.deps.storeNames([...new Set(rows.flatMap((r) => (r.store_id ? [r.store_id] : [])))]),
      this.deps.images([...new Set(rows.flatMap((r) => (r.first_product_id ? [r.first_product_id] : [])))]),
    ]);
    const iso = (d: Date) => new Date(d).toISOString();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      storeId: r.store_id,
      storeName: r.store_id ? (names.get(r.store_id) ?? null) : null,
      orderId: r.order_id,
      ticketId: r.kind === 'service' ? r.trigger_id : null,
      title: r.title || null,
      itemCount: r.line_count ?? 0,
      imageUrl: r.first_product_id ? (images.get(r.first_product_id) ?? null) : null,
      issuedAt: iso(r.issued_at),
      expiresAt: iso(r.expires_at),
      answer: r.answered_at && r.score !== null ? { score: r.score, comment: r.comment, at: iso(r.answered_at) } : null,
    }));
  }
}
