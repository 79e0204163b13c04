import { join } from 'node:path';
import type { Config } from '../config.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

export type { Db, Tx, Queryable, Row } from './types.ts';
export { isUniqueViolation } from './types.ts';

/** PostgreSQL when DATABASE_URL is set, else PGlite with its files under DATA_DIR/pglite. */
export async function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite(join(config.dataDir, 'pglite'));
}
