// The one database interface every module uses: the same SQL runs on PGlite and PostgreSQL.

export type Row = Record<string, unknown>;

export interface Queryable {
  /** Runs one statement with $1-style parameters and returns its rows. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Tx extends Queryable {
  /** Runs after the transaction commits (never if it rolls back). */
  afterCommit(fn: () => void): void;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; commits when fn resolves, rolls back when it throws. */
  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export function makeTx(q: Queryable): Tx & { runAfterCommit(): void } {
  const hooks: Array<() => void> = [];
  return {
    query: (sql, params) => q.query(sql, params),
    afterCommit: (fn) => hooks.push(fn),
    runAfterCommit: () => {
      for (const h of hooks) {
        try {
          h();
        } catch {
          // a hook only wakes up background work; its failure must not fail the committed change
        }
      }
    },
  };
}

/** PostgreSQL's unique_violation, as raised by both drivers. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}
