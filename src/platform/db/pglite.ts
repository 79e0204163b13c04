import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { mkdirSync } from 'node:fs';
import { makeTx, type Db, type Row } from './types.ts';

/** Opens PGlite: files under dataDir, or in memory when dataDir is null; optionally from a dump. */
export async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<Db & { pglite: PGlite }> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { pg_trgm },
  });
  const query = async <T>(sql: string, params?: readonly unknown[]) =>
    (await pg.query<T>(sql, params as unknown[] | undefined)).rows;
  return {
    kind: 'pglite',
    query,
    async tx(fn) {
      let tx: ReturnType<typeof makeTx> | undefined;
      const result = await pg.transaction(async (t) => {
        tx = makeTx(
          { query: async <T>(sql: string, params?: readonly unknown[]) => (await t.query<T>(sql, params as unknown[] | undefined)).rows },
          async (sql, data) => {
            // PGlite reads COPY input from a blob attached to the query.
            await t.query(sql.replace('FROM STDIN', "FROM '/dev/blob'"), [], { blob: new Blob([data]) });
          },
        );
        return fn(tx);
      });
      tx?.runAfterCommit();
      return result;
    },
    async exec(sql) {
      await pg.exec(sql);
    },
    async close() {
      await pg.close();
    },
    // exposed for the test harness (template dumps); not part of the Db contract
    pglite: pg,
  };
}
