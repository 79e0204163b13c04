import type pg from 'pg';

// Named (server-side prepared) statements for PostgreSQL. A parameterised statement sent
// unnamed is parsed and planned again on every call: on the flash-sale path that was ~0.3 ms of
// database time per statement, as much as running it. Named, each connection parses it once and,
// after a few calls, PostgreSQL may keep a generic plan. Both caches are bounded, so SQL built
// with a varying number of placeholders cannot grow them without end: past the bounds a
// statement simply runs unnamed, as before.

/** Distinct statement texts given a name, process-wide. */
export const MAX_TEXTS = 2000;
/** Statements one connection keeps prepared. */
export const MAX_PER_CONNECTION = 400;

const names = new Map<string, string>();
const preparedOn = new WeakMap<pg.ClientBase, Set<string>>();

export type PgQuery = string | { name: string; text: string; values?: unknown[] };

/** The query config to send on `client`: named when the text has parameters and room is left. */
export function prepared(client: pg.ClientBase, text: string, params: readonly unknown[] | undefined): PgQuery | null {
  if (!params || params.length === 0) return null;
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_TEXTS) return null;
    name = `fw${names.size.toString(36)}`;
    names.set(text, name);
  }
  let mine = preparedOn.get(client);
  if (!mine) preparedOn.set(client, (mine = new Set()));
  if (!mine.has(name)) {
    if (mine.size >= MAX_PER_CONNECTION) return null;
    mine.add(name);
  }
  return { name, text, values: params as unknown[] };
}
