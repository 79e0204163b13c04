// A fresh, migrated database for one test file: PGlite from the run's template dump, or a new
// PostgreSQL database copied from the run's template when DATABASE_URL is set.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Db } from '../../src/platform/db/index.ts';
import { openPglite } from '../../src/platform/db/pglite.ts';
import { openPostgres } from '../../src/platform/db/postgres.ts';
import { adminUrl } from './global-setup.ts';

let counter = 0;

export async function freshDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) return openPglite(null, new Blob([readFileSync(inject('pgliteDump'))]));
  return (await freshPostgres(url)).db;
}

/** A new migrated PostgreSQL database and its URL (for processes of their own: a cluster). */
export async function freshPostgres(url: string): Promise<{ db: Db; url: string }> {
  const template = inject('pgTemplate');
  const name = `fw_t${++counter}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const db = await openPostgres(adminUrl(url, name), 5);
  const close = db.close.bind(db);
  const wrapped: Db = {
    ...db,
    async close() {
      await close();
      const a = new pg.Client({ connectionString: adminUrl(url) });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await a.end();
    },
  };
  return { db: wrapped, url: adminUrl(url, name) };
}
