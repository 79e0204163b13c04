// Reading a log table in commit-safe order (the outbox tail, the behaviour log). Rows carry the
// id of the transaction that wrote them (`tx`, an xid8) and are read in (tx, seq) order, so a
// reader may pass a row only when no transaction that could still add an earlier row is running:
// the commit horizon. The snapshot's xmin gives that for the whole server, and a write in another
// database on it (another application's, or another test file's) held every reader back for as
// long as it ran: on a busy shared server that is most of the time.
//
// So on PostgreSQL a reader fences first, in a statement of its own: the next xid to be assigned,
// and the xids of the transactions running now in this database. Its next statement's horizon is
// the oldest xid still running that is either ours or was assigned after the fence (it could be
// ours: a transaction of this database that began between the two statements), else the
// snapshot's xmax. An xid running in both statements and older than the fence belongs to another
// database, or it would be in the fence's list. PGlite runs one transaction at a time and has no
// other databases: its fence is empty and the horizon is the snapshot's xmin, as before.
import type { Db } from './types.ts';

export interface Fence {
  /** xid8: transactions running from here on that were assigned an xid at or after it count. */
  next: string;
  /** 32-bit xids (as text) of this database's transactions running at the fence. */
  ours: string[];
}

const EMPTY: Fence = { next: '0', ours: [] };

export async function fence(db: Db): Promise<Fence> {
  if (db.kind === 'pglite') return EMPTY;
  // The snapshot is taken before the views are read, so an xid assigned after they are read is at
  // least `next`. pg_stat_activity shows backend_xid to every role; prepared transactions have no
  // backend, so they are listed from their own view.
  const [row] = await db.query<{ next: string; ours: string[] | null }>(
    `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next,
            ARRAY(SELECT backend_xid::text FROM pg_stat_activity
                   WHERE datname = current_database() AND backend_xid IS NOT NULL
                  UNION ALL
                  SELECT transaction::text FROM pg_prepared_xacts WHERE database = current_database()) AS ours`,
  );
  return { next: row!.next, ours: row!.ours ?? [] };
}

/**
 * The horizon as an SQL expression (xid8) of the statement's own snapshot, given the fence in
 * parameters `$next` (xid8 as text) and `$ours` (text[]): rows with `tx` below it are final.
 */
export function horizonSql(next: string, ours: string): string {
  return `(SELECT coalesce(min(x), pg_snapshot_xmax(pg_current_snapshot())) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
            WHERE x >= ${next}::xid8 OR (x::text::bigint % 4294967296)::text = ANY(${ours}::text[]))`;
}
