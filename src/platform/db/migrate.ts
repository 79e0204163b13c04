// Versioned SQL migrations, owned by the module whose tables they create. All pending
// migrations are applied at start in one transaction, under an advisory lock so that several
// processes starting together apply them once.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.ts';

export interface MigrationSet {
  /** Owner of the tables: a module name or "platform". */
  owner: string;
  /** Folder (file URL) with files named NNNN_description.sql. */
  dir: URL;
}

interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

function load(set: MigrationSet): Migration[] {
  const dir = fileURLToPath(set.dir);
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(`${dir}/${f}`, 'utf8');
      return { id: `${set.owner}/${f.replace(/\.sql$/, '')}`, sql, checksum: createHash('sha256').update(sql).digest('hex').slice(0, 16) };
    });
}

export async function migrate(db: Db, sets: MigrationSet[]): Promise<string[]> {
  const all = sets.flatMap(load);
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  return db.tx(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('flywheel.migrations'))`);
    const done = new Map((await tx.query<{ id: string; checksum: string }>('SELECT id, checksum FROM schema_migrations')).map((r) => [r.id, r.checksum]));
    const applied: string[] = [];
    for (const m of all) {
      const prev = done.get(m.id);
      if (prev !== undefined) {
        if (prev !== m.checksum) throw new Error(`migration ${m.id} was changed after it was applied; add a new migration instead`);
        continue;
      }
      // One statement per query: the extended protocol (used inside transactions on both
      // drivers) accepts a single statement only.
      for (const stmt of splitStatements(m.sql)) await tx.query(stmt);
      await tx.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [m.id, m.checksum]);
      applied.push(m.id);
    }
    return applied;
  });
}

/** Splits a migration into statements at semicolons that end a line (outside $$ bodies). */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    const trimmed = line.replace(/--.*$/, '');
    const dollars = (trimmed.match(/\$\$/g) ?? []).length;
    if (dollars % 2 === 1) inDollar = !inDollar;
    cur += line + '\n';
    if (!inDollar && /;\s*$/.test(trimmed)) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
