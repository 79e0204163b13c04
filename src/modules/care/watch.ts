// SLA watch: a job per timer checks the ticket when it falls due (and an operator's sweep checks
// every ticket by the desk's clock); a broken timer is marked on the ticket once, raises an alert
// for the desk's supervisors and is published. Resolved tickets close by themselves after a while.
import type { Principal } from '../../platform/http/access.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Conversation } from './conversation.ts';
import { AUTO_CLOSE_JOB, CARE_TOPICS, SLA_JOB, type DeskCtx } from './ctx.ts';
import { ticketRow } from './repo.ts';
import type { Alert } from './schemas.ts';
import { breaches } from './sla.ts';

interface AlertRow {
  id: string;
  ticket_id: string;
  store_id: string | null;
  kind: Alert['kind'];
  assignee_id: string | null;
  created_at: Date;
  acknowledged_at: Date | null;
}

const toAlert = (r: AlertRow): Alert => ({
  id: r.id,
  ticketId: r.ticket_id,
  storeId: r.store_id,
  kind: r.kind,
  assigneeId: r.assignee_id,
  createdAt: new Date(r.created_at).toISOString(),
  acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
});

export class SlaWatch {
  constructor(
    private readonly ctx: DeskCtx,
    private readonly conversation: Conversation,
  ) {}

  registerJobs(): void {
    this.ctx.jobs.register<{ ticketId: string }>(SLA_JOB, async (p) => ({ breached: await this.check(p.ticketId) }));
    this.ctx.jobs.register<{ ticketId: string }>(AUTO_CLOSE_JOB, async (p) => ({ closed: await this.autoClose(p.ticketId) }));
  }

  /** Marks the timers the ticket has newly broken; returns them. */
  async check(ticketId: string): Promise<string[]> {
    const now = this.ctx.clock();
    const fresh = await this.ctx.db.tx(async (tx) => {
      const row = await ticketRow(tx, ticketId, true);
      const broken = breaches(
        { firstResponseDue: row.first_response_due, resolveDue: row.resolve_due, firstResponseAt: row.first_response_at, resolvedAt: row.resolved_at, closedAt: row.closed_at },
        now,
      ).filter((b) => !row.breached.includes(b));
      if (broken.length === 0) return [];
      await tx.query('UPDATE care_tickets SET breached = breached || $2::text[] WHERE id = $1', [ticketId, broken]);
      for (const kind of broken) {
        await tx.query('INSERT INTO care_alerts (id, ticket_id, store_id, kind, assignee_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (ticket_id, kind) DO NOTHING', [newId('alrt'), ticketId, row.queue === 'store' ? row.store_id : null, kind, row.assignee_id, now]);
        await this.ctx.bus.publish(tx, CARE_TOPICS.breached, { ticketId, storeId: row.store_id, queue: row.queue, kind, assigneeId: row.assignee_id });
      }
      return broken;
    });
    if (fresh.length) this.ctx.notify([ticketId]);
    return fresh;
  }

  async autoClose(ticketId: string): Promise<boolean> {
    const now = this.ctx.clock();
    const touched = new Set<string>();
    const closed = await this.ctx.db.tx(async (tx) => {
      const row = await ticketRow(tx, ticketId, true);
      if (row.status !== 'resolved' || !row.resolved_at || new Date(row.resolved_at).getTime() + this.ctx.cfg.autoCloseHours * 3_600_000 > now.getTime()) return false;
      await this.conversation.closeIn(tx, row, null, 'closed by itself after resolution', touched);
      return true;
    });
    this.ctx.notify(touched);
    return closed;
  }

  /** Checks every live ticket against the clock (timers and auto-close): the operator's sweep, also for clocks that jump. */
  async sweep(): Promise<{ breached: number; closed: number }> {
    const now = this.ctx.clock();
    const due = await this.ctx.db.query<{ id: string }>(
      `SELECT id FROM care_tickets WHERE status <> 'closed' AND ((first_response_at IS NULL AND first_response_due < $1 AND NOT 'first_response' = ANY(breached))
          OR (resolved_at IS NULL AND resolve_due < $1 AND NOT 'resolve' = ANY(breached))) ORDER BY created_at LIMIT 1000`,
      [now],
    );
    let breached = 0;
    for (const t of due) breached += (await this.check(t.id)).length;
    const resolved = await this.ctx.db.query<{ id: string }>(`SELECT id FROM care_tickets WHERE status = 'resolved' AND resolved_at <= $1 ORDER BY resolved_at LIMIT 1000`, [new Date(now.getTime() - this.ctx.cfg.autoCloseHours * 3_600_000)]);
    let closed = 0;
    for (const t of resolved) if (await this.autoClose(t.id)) closed++;
    return { breached, closed };
  }

  /** Unacknowledged alerts: operators see all; supervisors (tier 2+) their desk's; tier 1 their own tickets'. */
  async alerts(p: Principal): Promise<Alert[]> {
    const me = p.roles.includes('operator') ? null : await this.ctx.agents.requireAgent(p.userId);
    const rows = await this.ctx.db.query<AlertRow>(
      `SELECT * FROM care_alerts WHERE acknowledged_at IS NULL
          AND ($1::boolean OR (store_id IS NOT DISTINCT FROM $2 AND ($3 >= 2 OR assignee_id = $4)))
        ORDER BY created_at DESC LIMIT 200`,
      [me === null, me?.store_id ?? null, me?.tier ?? 0, p.userId],
    );
    return rows.map(toAlert);
  }

  async acknowledge(p: Principal, alertId: string): Promise<Alert> {
    const [row] = await this.ctx.db.query<AlertRow>('SELECT * FROM care_alerts WHERE id = $1', [alertId]);
    if (!row || !(await this.maySee(p, row))) throw notFound('Alert', 'alertId');
    const [r] = await this.ctx.db.query<AlertRow>('UPDATE care_alerts SET acknowledged_by = $2, acknowledged_at = $3 WHERE id = $1 AND acknowledged_at IS NULL RETURNING *', [alertId, p.userId, this.ctx.clock()]);
    if (!r) throw conflict('This alert was acknowledged already', 'alertId');
    return toAlert(r);
  }

  private async maySee(p: Principal, a: AlertRow): Promise<boolean> {
    if (p.roles.includes('operator')) return true;
    const me = await this.ctx.agents.requireAgent(p.userId);
    return a.store_id === me.store_id && (me.tier >= 2 || a.assignee_id === p.userId);
  }
}
