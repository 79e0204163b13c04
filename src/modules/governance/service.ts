// Governance (治理): signed-in users report goods, videos, live rooms and stores (not as shown,
// false claims, counterfeits), rate-limited; operators work the queue and decide, with a penalty
// on the store responsible; stores appeal a penalty once and operators decide the appeal. Every
// decision is audited and published. Other modules are reached only through `deps` (main.ts).
import type { Db, Queryable, Tx } from '../../platform/db/index.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import { gate, inEffect, pointsAt, reachOf, type GateAnswer, type PenaltyFacts, type PenaltyKind } from './rules.ts';
import type { CreateReportInput, DecideInput, Penalty, Report, StoreStanding } from './schemas.ts';

export type TargetType = CreateReportInput['targetType'];

export interface GovernanceDeps {
  /** The store responsible for a target (catalog, content, live); undefined when the target does not exist, null when no store answers for it. */
  target(type: TargetType, id: string): Promise<{ storeId: string | null } | undefined>;
  /** Catalog: 404 (storeId) when the store does not exist, 403 when the user is not its staff. */
  assertStaff(storeId: string, userId: string): Promise<void>;
  /** Catalog: 404 (storeId) when the store does not exist. */
  assertStore(storeId: string): Promise<void>;
  /** Catalog: takes a product off sale (archived). Outside governance's transaction. */
  takedown(productId: string): Promise<void>;
  now(): Date;
}

export interface GovernanceSettings {
  reportsPerHour: number;
  allianceMinScore: number;
  pointsReachThreshold: number;
  pointsReachPercent: number;
}

/** `governance.reach.changed`: the store's reach factor (1 = untouched) and until when it holds. */
export interface ReachChangedEvent {
  subjectType: 'store';
  subjectId: string;
  factor: number;
  until: string | null;
}

/** `experience.store_score.updated` (published by experience). */
export interface StoreScoreEvent {
  storeId: string;
  score: number | null;
  computedAt: string;
}

interface ReportRow {
  id: string; user_id: string; target_type: TargetType; target_id: string; store_id: string | null; reason: Report['reason']; text: string; order_id: string | null;
  status: Report['status']; note: string | null; penalty_id: string | null; decided_at: Date | null; created_at: Date; open_on_target?: number;
}
interface PenaltyRow {
  id: string; store_id: string; report_id: string | null; kind: PenaltyKind; points: number; factor: number; product_id: string | null; note: string;
  status: 'active' | 'appealed' | 'revoked'; starts_at: Date; ends_at: Date | null; appeal_text: string | null; appeal_outcome: 'accepted' | 'rejected' | null; appeal_note: string | null; created_at: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const DAY = 86_400_000;
const facts = (r: PenaltyRow): PenaltyFacts => ({ kind: r.kind, status: r.status, points: r.points, factor: Number(r.factor), startsAt: new Date(r.starts_at), endsAt: r.ends_at ? new Date(r.ends_at) : null });

export class GovernanceService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly deps: GovernanceDeps,
    private readonly settings: GovernanceSettings,
  ) {}

  // ---- reports -------------------------------------------------------------------------------

  async report(userId: string, input: CreateReportInput): Promise<Report> {
    const target = await this.deps.target(input.targetType, input.targetId);
    if (!target) throw notFound(input.targetType === 'live_room' ? 'Live room' : input.targetType[0]!.toUpperCase() + input.targetType.slice(1), 'targetId');
    const id = newId('grp');
    const now = this.deps.now();
    await this.db.tx(async (tx) => {
      // One user's reports are counted under a per-user lock, so a burst cannot slip past the limit.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`governance.report:${userId}`]);
      const [{ hour, same } = { hour: 0, same: 0 }] = await tx.query<{ hour: number; same: number }>(
        `SELECT count(*) FILTER (WHERE created_at > $2::timestamptz - interval '1 hour')::int AS hour,
                count(*) FILTER (WHERE target_type = $3 AND target_id = $4 AND created_at > $2::timestamptz - interval '1 day')::int AS same
           FROM governance_reports WHERE user_id = $1 AND created_at > $2::timestamptz - interval '1 day'`,
        [userId, now, input.targetType, input.targetId],
      );
      if (hour >= this.settings.reportsPerHour) throw new AppError('rate_limited', `At most ${this.settings.reportsPerHour} reports an hour`, 'body');
      if (same > 0) throw new AppError('rate_limited', 'You have reported this already today', 'targetId');
      await tx.query(
        `INSERT INTO governance_reports (id, user_id, target_type, target_id, store_id, reason, text, order_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, userId, input.targetType, input.targetId, target.storeId, input.reason, input.text ?? '', input.orderId ?? null, now],
      );
      await this.bus.publish(tx, 'governance.report.created', { reportId: id, userId, targetType: input.targetType, targetId: input.targetId, storeId: target.storeId, reason: input.reason });
    });
    return this.oneReport(id);
  }

  async myReports(userId: string, p: { limit: number; offset: number }) {
    return this.reportPage('r.user_id = $1', [userId], p);
  }

  /** The operators' queue: oldest first, each with the count of open reports on its target. */
  async queue(f: { status?: Report['status']; storeId?: string; limit: number; offset: number }) {
    return this.reportPage('r.status = $1 AND ($2::text IS NULL OR r.store_id = $2)', [f.status ?? 'open', f.storeId ?? null], f, 'ASC');
  }

  async decide(operatorId: string, reportId: string, input: DecideInput): Promise<Report> {
    if (!input.uphold && input.penalty) throw new AppError('validation_failed', 'A dismissed report carries no penalty', 'penalty');
    const p = input.penalty;
    if (p) {
      if (p.kind === 'points' && p.points === undefined) throw new AppError('validation_failed', 'A points penalty needs points', 'penalty.points');
      if (p.kind !== 'points' && p.points !== undefined) throw new AppError('validation_failed', 'Only a points penalty has points', 'penalty.points');
      if (p.kind !== 'reduced_reach' && p.factor !== undefined) throw new AppError('validation_failed', 'Only reduced reach has a factor', 'penalty.factor');
      if (p.days !== undefined && p.kind !== 'reduced_reach' && p.kind !== 'alliance_suspension') throw new AppError('validation_failed', 'Only reduced reach and alliance suspension last days', 'penalty.days');
    }
    const now = this.deps.now();
    let takedown: string | null = null;
    await this.db.tx(async (tx) => {
      const [r] = await tx.query<ReportRow>('SELECT * FROM governance_reports WHERE id = $1 FOR UPDATE', [reportId]);
      if (!r) throw notFound('Report', 'reportId');
      if (r.status !== 'open') throw new AppError('invalid_state', 'This report is decided already', 'reportId');
      let penaltyId: string | null = null;
      if (p) {
        if (!r.store_id) throw new AppError('invalid_state', 'No store answers for this target: it can carry no penalty', 'penalty');
        if (p.kind === 'takedown' && r.target_type !== 'product') throw new AppError('invalid_state', 'Only a reported product can be taken down', 'penalty.kind');
        penaltyId = newId('gpn');
        const days = p.kind === 'reduced_reach' || p.kind === 'alliance_suspension' ? (p.days ?? 7) : null;
        await tx.query(
          `INSERT INTO governance_penalties (id, store_id, report_id, kind, points, factor, product_id, note, starts_at, ends_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [penaltyId, r.store_id, r.id, p.kind, p.points ?? 0, p.kind === 'reduced_reach' ? (p.factor ?? 0.5) : 1, p.kind === 'takedown' ? r.target_id : null, input.note, now, days ? new Date(now.getTime() + days * DAY) : null, operatorId],
        );
        if (p.kind === 'takedown') takedown = r.target_id;
        await this.bus.publish(tx, 'governance.penalty.created', { penaltyId, storeId: r.store_id, kind: p.kind, reportId: r.id, productId: p.kind === 'takedown' ? r.target_id : null });
      }
      await tx.query(`UPDATE governance_reports SET status = $2, note = $3, decided_by = $4, decided_at = $5, penalty_id = $6 WHERE id = $1`, [r.id, input.uphold ? 'upheld' : 'dismissed', input.note, operatorId, now, penaltyId]);
      await audit(tx, { actorId: operatorId, action: 'governance.report.decide', subjectType: 'governance_report', subjectId: r.id, detail: { uphold: input.uphold, note: input.note, penalty: p ?? null, penaltyId, storeId: r.store_id } });
      await this.bus.publish(tx, 'governance.report.decided', { reportId: r.id, uphold: input.uphold, storeId: r.store_id, penaltyId, by: operatorId });
      if (r.store_id && p && (p.kind === 'reduced_reach' || p.kind === 'points')) await this.publishReach(tx, r.store_id);
    });
    if (takedown) await this.deps.takedown(takedown);
    return this.oneReport(reportId);
  }

  // ---- penalties -----------------------------------------------------------------------------

  async storePenalties(userId: string, storeId: string): Promise<StoreStanding> {
    await this.deps.assertStaff(storeId, userId);
    return this.standing(storeId);
  }

  /** An operator's view of a store's standing. */
  async opsStanding(storeId: string): Promise<StoreStanding> {
    await this.deps.assertStore(storeId);
    return this.standing(storeId);
  }

  async standing(storeId: string, q: Queryable = this.db): Promise<StoreStanding> {
    const rows = await q.query<PenaltyRow>('SELECT * FROM governance_penalties WHERE store_id = $1 ORDER BY created_at DESC, id DESC', [storeId]);
    const now = this.deps.now();
    const ps = rows.map(facts);
    const reach = reachOf(ps, now, this.policy());
    return { storeId, points: pointsAt(ps, now), reach: { factor: reach.factor, until: iso(reach.until) }, alliance: await this.allianceGate(storeId, q), penalties: rows.map((r) => this.penaltyView(r, now)) };
  }

  async appeal(userId: string, storeId: string, penaltyId: string, text: string): Promise<Penalty> {
    await this.deps.assertStaff(storeId, userId);
    const now = this.deps.now();
    await this.db.tx(async (tx) => {
      const [r] = await tx.query<PenaltyRow>('SELECT * FROM governance_penalties WHERE id = $1 AND store_id = $2 FOR UPDATE', [penaltyId, storeId]);
      if (!r) throw notFound('Penalty', 'penaltyId');
      if (r.appeal_text !== null) throw conflict('This penalty has been appealed already', 'penaltyId');
      if (r.status !== 'active' || (r.ends_at && new Date(r.ends_at) <= now)) throw new AppError('invalid_state', 'Only a penalty in effect can be appealed', 'penaltyId');
      await tx.query(`UPDATE governance_penalties SET status = 'appealed', appeal_text = $2, appealed_at = $3 WHERE id = $1`, [penaltyId, text, now]);
      await audit(tx, { actorId: userId, action: 'governance.penalty.appeal', subjectType: 'governance_penalty', subjectId: penaltyId, detail: { storeId, text } });
      await this.bus.publish(tx, 'governance.penalty.appealed', { penaltyId, storeId, by: userId });
    });
    return this.onePenalty(penaltyId);
  }

  /** An operator decides an appeal: accepted revokes the penalty and undoes its reach and gate effects. */
  async decideAppeal(operatorId: string, penaltyId: string, accept: boolean, note: string): Promise<Penalty> {
    const now = this.deps.now();
    await this.db.tx(async (tx) => {
      const [r] = await tx.query<PenaltyRow>('SELECT * FROM governance_penalties WHERE id = $1 FOR UPDATE', [penaltyId]);
      if (!r) throw notFound('Penalty', 'penaltyId');
      if (r.status !== 'appealed') throw new AppError('invalid_state', 'This penalty has no appeal waiting', 'penaltyId');
      await tx.query(`UPDATE governance_penalties SET status = $2, appeal_outcome = $3, appeal_note = $4, appeal_decided_at = $5 WHERE id = $1`, [penaltyId, accept ? 'revoked' : 'active', accept ? 'accepted' : 'rejected', note, now]);
      await audit(tx, { actorId: operatorId, action: 'governance.penalty.appeal_decide', subjectType: 'governance_penalty', subjectId: penaltyId, detail: { accept, note, storeId: r.store_id, kind: r.kind } });
      await this.bus.publish(tx, 'governance.penalty.appeal_decided', { penaltyId, storeId: r.store_id, accept, by: operatorId });
      if (accept && (r.kind === 'reduced_reach' || r.kind === 'points')) await this.publishReach(tx, r.store_id);
    });
    return this.onePenalty(penaltyId);
  }

  // ---- what other modules ask ----------------------------------------------------------------

  /** A store's reach factor now (1 = untouched) and until when it holds. */
  async reachFactor(storeId: string, q: Queryable = this.db): Promise<{ factor: number; until: Date | null }> {
    const rows = await q.query<PenaltyRow>(`SELECT * FROM governance_penalties WHERE store_id = $1 AND kind IN ('reduced_reach', 'points') AND status <> 'revoked'`, [storeId]);
    return reachOf(rows.map(facts), this.deps.now(), this.policy());
  }

  /** Every store whose reach is cut now (the engine's start). */
  async reducedReach(): Promise<Array<{ storeId: string; factor: number; until: Date | null }>> {
    const rows = await this.db.query<PenaltyRow>(`SELECT * FROM governance_penalties WHERE kind IN ('reduced_reach', 'points') AND status <> 'revoked' AND created_at > now() - interval '400 days'`);
    const byStore = new Map<string, PenaltyFacts[]>();
    for (const r of rows) byStore.set(r.store_id, [...(byStore.get(r.store_id) ?? []), facts(r)]);
    const now = this.deps.now();
    return [...byStore].map(([storeId, ps]) => ({ storeId, ...reachOf(ps, now, this.policy()) })).filter((x) => x.factor < 1);
  }

  /** The latest experience score of every store that has one (kept from experience's events). */
  async storeScores(): Promise<Array<{ storeId: string; score: number | null }>> {
    return (await this.db.query<{ store_id: string; score: number | null }>('SELECT store_id, score FROM governance_store_scores')).map((r) => ({ storeId: r.store_id, score: r.score === null ? null : Number(r.score) }));
  }

  /** Whether a store may use the alliance: experience score ≥ the threshold (none yet: not gated) and no alliance suspension in effect. */
  async allianceGate(storeId: string, q: Queryable = this.db): Promise<GateAnswer> {
    const [s] = await q.query<{ score: number | null }>('SELECT score FROM governance_store_scores WHERE store_id = $1', [storeId]);
    const ps = await q.query<PenaltyRow>(`SELECT * FROM governance_penalties WHERE store_id = $1 AND kind = 'alliance_suspension' AND status <> 'revoked'`, [storeId]);
    return gate(s?.score == null ? null : Number(s.score), ps.map(facts), this.deps.now(), this.settings.allianceMinScore);
  }

  async allianceAllowed(storeId: string): Promise<boolean> {
    return (await this.allianceGate(storeId)).allowed;
  }

  /** Keeps the latest score per store (older events do not overwrite newer ones). */
  async recordScore(tx: Tx, e: StoreScoreEvent): Promise<void> {
    await tx.query(
      `INSERT INTO governance_store_scores (store_id, score, computed_at) VALUES ($1, $2, $3)
       ON CONFLICT (store_id) DO UPDATE SET score = EXCLUDED.score, computed_at = EXCLUDED.computed_at WHERE governance_store_scores.computed_at <= EXCLUDED.computed_at`,
      [e.storeId, e.score, e.computedAt],
    );
  }

  // ---- helpers -------------------------------------------------------------------------------

  private policy() {
    return { pointsReachThreshold: this.settings.pointsReachThreshold, pointsReachFactor: this.settings.pointsReachPercent / 100 };
  }

  private async publishReach(tx: Tx, storeId: string): Promise<void> {
    const r = await this.reachFactor(storeId, tx);
    const event: ReachChangedEvent = { subjectType: 'store', subjectId: storeId, factor: r.factor, until: iso(r.until) };
    await this.bus.publish(tx, 'governance.reach.changed', event);
  }

  private penaltyView(r: PenaltyRow, now: Date): Penalty {
    const expired = r.status === 'active' && !inEffect(facts(r), now) && r.kind !== 'points' && r.ends_at !== null;
    return {
      id: r.id, storeId: r.store_id, reportId: r.report_id, kind: r.kind, points: r.points, factor: Number(r.factor), productId: r.product_id, note: r.note,
      status: expired ? 'expired' : r.status, startsAt: iso(r.starts_at)!, endsAt: iso(r.ends_at), appealText: r.appeal_text, appealOutcome: r.appeal_outcome, appealNote: r.appeal_note, createdAt: iso(r.created_at)!,
    };
  }

  private async onePenalty(id: string): Promise<Penalty> {
    const [r] = await this.db.query<PenaltyRow>('SELECT * FROM governance_penalties WHERE id = $1', [id]);
    if (!r) throw notFound('Penalty', 'penaltyId');
    return this.penaltyView(r, this.deps.now());
  }

  private reportView(r: ReportRow): Report {
    return {
      id: r.id, userId: r.user_id, targetType: r.target_type, targetId: r.target_id, storeId: r.store_id, reason: r.reason, text: r.text, orderId: r.order_id,
      status: r.status, note: r.note, penaltyId: r.penalty_id, decidedAt: iso(r.decided_at), createdAt: iso(r.created_at)!, openOnTarget: r.open_on_target ?? 0,
    };
  }

  private static readonly SELECT = `SELECT r.*, (SELECT count(*)::int FROM governance_reports o WHERE o.target_type = r.target_type AND o.target_id = r.target_id AND o.status = 'open') AS open_on_target FROM governance_reports r`;

  private async reportPage(where: string, args: unknown[], p: { limit: number; offset: number }, dir: 'ASC' | 'DESC' = 'DESC') {
    const n = args.length;
    const rows = await this.db.query<ReportRow>(`${GovernanceService.SELECT} WHERE ${where} ORDER BY r.created_at ${dir}, r.id ${dir} LIMIT $${n + 1} OFFSET $${n + 2}`, [...args, p.limit, p.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM governance_reports r WHERE ${where}`, args);
    return { items: rows.map((r) => this.reportView(r)), total, limit: p.limit, offset: p.offset };
  }

  private async oneReport(id: string): Promise<Report> {
    const [r] = await this.db.query<ReportRow>(`${GovernanceService.SELECT} WHERE r.id = $1`, [id]);
    if (!r) throw notFound('Report', 'reportId');
    return this.reportView(r);
  }
}
