// Builds one migrated database template per test run, so each test file gets a fresh database
// in about a second: a PGlite data-dir dump, or (with DATABASE_URL) a PostgreSQL template database.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { MIGRATIONS } from '../../src/main.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { openPglite } from '../../src/platform/db/pglite.ts';
import { openPostgres } from '../../src/platform/db/postgres.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    pgTemplate: string;
  }
}

export function adminUrl(url: string, database = 'postgres'): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  // Once, before any file runs: browser tests in parallel files must not build the web app at the same time.
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'fw-test-'));
  const url = process.env.DATABASE_URL;
  let template = '';
  if (url) {
    template = `fw_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const db = await openPostgres(adminUrl(url, template), 1);
    await migrate(db, MIGRATIONS);
    await db.close();
  } else {
    const db = await openPglite(null);
    await migrate(db, MIGRATIONS);
    const dump = await db.pglite.dumpDataDir('gzip');
    writeFileSync(join(dir, 'template.tgz'), Buffer.from(await dump.arrayBuffer()));
    await db.close();
  }
  project.provide('pgliteDump', join(dir, 'template.tgz'));
  project.provide('pgTemplate', template);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url && template) {
      const admin = new pg.Client({ connectionString: adminUrl(url) });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`fw_%_${process.pid}_%`]);
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.end();
    }
  };
}
