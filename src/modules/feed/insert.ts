// The statements that write behaviour events: many rows in one statement, column arrays through
// `unnest`. Two of them: the checking one drops rows whose key (actor, client event id) is
// stored already and says which rows were new; the plain one only appends, and fails whole
// (unique violation) if any key is stored — about a third cheaper on PGlite, where the checking
// kind of insert (ON CONFLICT, with its RETURNING) is most of the cost of a flush.
import type { Queryable } from '../../platform/db/index.ts';
import type { EventType, ItemType } from './schemas.ts';

/** One row of feed_events as written. */
export interface EventRow {
  actorKind: 'user' | 'device';
  actorId: string;
  clientEventId: string;
  type: EventType;
  itemType: ItemType;
  itemId: string;
  watchMs: number | null;
  durationMs: number | null;
  source: string | null;
  position: number | null;
  at: Date;
}

const APPEND = `INSERT INTO feed_events (actor_kind, actor_id, client_event_id, type, item_type, item_id, watch_ms, duration_ms, source, position, at, origin)
  SELECT u.*, $12::text FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::text[], $10::int[], $11::timestamptz[]) AS u`;

// What was new comes back as one text (a key per line) rather than a row per event: building and
// parsing thousands of result rows cost PGlite a fifth of the statement. Keys never hold a space
// or a line break (ids and client tokens are patterns of [A-Za-z0-9_.:-]).
const CHECKED = `WITH stored AS (${APPEND}
  ON CONFLICT (actor_kind, actor_id, client_event_id) DO NOTHING
  RETURNING actor_kind, actor_id, client_event_id)
SELECT string_agg(actor_kind || ' ' || actor_id || ' ' || client_event_id, E'\\n') AS keys FROM stored`;

export const keyOf = (r: Pick<EventRow, 'actorKind' | 'actorId' | 'clientEventId'>) => `${r.actorKind} ${r.actorId} ${r.clientEventId}`;

/** Column arrays of the rows, each key once (one statement must not name a key twice), and the index of each key's first row. */
function columns(rows: readonly EventRow[]): { cols: unknown[][]; first: Map<string, number> } {
  const cols: unknown[][] = Array.from({ length: 11 }, () => []);
  const first = new Map<string, number>();
  rows.forEach((r, i) => {
    const key = keyOf(r);
    if (first.has(key)) return;
    first.set(key, i);
    const values = [r.actorKind, r.actorId, r.clientEventId, r.type, r.itemType, r.itemId, r.watchMs, r.durationMs, r.source, r.position, r.at.toISOString()];
    for (let c = 0; c < 11; c++) cols[c]!.push(values[c]);
  });
  return { cols, first };
}

/**
 * Inserts what is new; returns, row by row, whether it was (a row repeating an earlier row's key is
 * not). Safe in any transaction. `origin`: the writing process, when it hands the rows to its own
 * engine itself (see 0003_origin.sql).
 */
export async function insertEvents(q: Queryable, rows: readonly EventRow[], origin: string | null = null): Promise<boolean[]> {
  if (rows.length === 0) return [];
  const { cols, first } = columns(rows);
  const [{ keys } = { keys: null }] = await q.query<{ keys: string | null }>(CHECKED, [...cols, origin]);
  const fresh = new Set(keys ? keys.split('\n') : []);
  return rows.map((r, i) => {
    const key = keyOf(r);
    return first.get(key) === i && fresh.has(key);
  });
}

/**
 * Appends rows believed new; throws a unique violation, storing nothing, if any key is stored
 * already. Only outside a transaction (the error would end it). Returns what insertEvents would.
 */
export async function appendNew(q: Queryable, rows: readonly EventRow[], origin: string | null = null): Promise<boolean[]> {
  if (rows.length === 0) return [];
  const { cols, first } = columns(rows);
  await q.query(APPEND, [...cols, origin]);
  return rows.map((r, i) => first.get(keyOf(r)) === i);
}
