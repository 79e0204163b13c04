import { encodeCopyRows, type CopyValue } from './copy.ts';

// The one database interface every module uses: the same SQL runs on PGlite and PostgreSQL.

export type Row = Record<string, unknown>;

export interface Queryable {
  /** Runs one statement with $1-style parameters and returns its rows. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Tx extends Queryable {
  /** Runs after the transaction commits (never if it rolls back). */
  afterCommit(fn: () => void): void;
  /** Loads many rows at once with COPY (bulk imports). */
  copyFrom(table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; commits when fn resolves, rolls back when it throws. */
  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export function makeTx(q: Queryable, copy: (sql: string, data: string) => Promise<void>): Tx & { runAfterCommit(): void } {
  const hooks: Array<() => void> = [];
  return {
    query: (sql, params) => q.query(sql, params),
    copyFrom: async (table, columns, rows) => {
      if (rows.length === 0) return;
      const ident = /^[a-z_][a-z0-9_]*$/;
      if (![table, ...columns].every((n) => ident.test(n))) throw new Error('copyFrom: table and column names must be plain identifiers');
      await copy(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, encodeCopyRows(rows));
    },
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
