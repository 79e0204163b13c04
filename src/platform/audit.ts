// The audit trail: written in the same transaction as the access it records, so a view that
// happened is never missing from it.
import type { Queryable } from './db/index.ts';

export interface AuditEntry {
  actorId: string | null;
  /** What happened, dotted: `order.address.reveal`. */
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, unknown>;
}

export async function audit(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.query('INSERT INTO audit_log (actor_id, action, subject_type, subject_id, detail) VALUES ($1, $2, $3, $4, $5)', [
    entry.actorId,
    entry.action,
    entry.subjectType,
    entry.subjectId,
    JSON.stringify(entry.detail ?? {}),
  ]);
}

export interface AuditRecord {
  id: number;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
  at: string;
}

export async function auditTrail(q: Queryable, filter: { subjectType?: string; subjectId?: string; actorId?: string; limit: number; offset: number }): Promise<{ items: AuditRecord[]; total: number }> {
  const where = 'WHERE ($1::text IS NULL OR subject_type = $1) AND ($2::text IS NULL OR subject_id = $2) AND ($3::text IS NULL OR actor_id = $3)';
  const args = [filter.subjectType ?? null, filter.subjectId ?? null, filter.actorId ?? null];
  const rows = await q.query<{ id: number; actor_id: string | null; action: string; subject_type: string; subject_id: string; detail: Record<string, unknown>; at: Date }>(
    `SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT $4 OFFSET $5`,
    [...args, filter.limit, filter.offset],
  );
  const [{ total } = { total: 0 }] = await q.query<{ total: number }>(`SELECT count(*)::int AS total FROM audit_log ${where}`, args);
  return { items: rows.map((r) => ({ id: Number(r.id), actorId: r.actor_id, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id, detail: r.detail, at: new Date(r.at).toISOString() })), total };
}
