import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { makeTx, type Db, type Row } from './types.ts';
import { prepared } from './prepared.ts';
import { isConnectionError } from './unavailable.ts';

// bigint (int8) columns hold counts and money in fen, always below 2^53: read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

/** One statement on one connection, named (prepared) unless `prepare` is off or the caches are full. */
async function run<T>(client: pg.ClientBase, sql: string, params: readonly unknown[] | undefined, prepare: boolean): Promise<T[]> {
  const named = prepare ? prepared(client, sql, params) : null;
  const res = named ? await client.query(named) : await client.query(sql, params as unknown[] | undefined);
  return res.rows as T[];
}

/**
 * A pool of `poolSize` connections. `prepare` (default on; PG_PREPARE=false turns it off) names
 * parameterised statements so each connection parses them once (prepared.ts).
 */
export async function openPostgres(url: string, poolSize = 10, prepare = process.env.PG_PREPARE !== 'false'): Promise<Db> {
  // A database that does not answer fails a checkout after 5 s instead of holding requests forever.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    // an idle client lost its connection; the pool replaces it on the next checkout
  });
  await pool.query('select 1');
  const query = async <T>(sql: string, params?: readonly unknown[]): Promise<T[]> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return await run<T>(client, sql, params, prepare);
    } catch (err) {
      if (isConnectionError(err)) broken = err as Error;
      throw err;
    } finally {
      client.release(broken);
    }
  };
  return {
    kind: 'postgres',
    query,
    async tx(fn) {
      const client = await pool.connect();
      const tx = makeTx(
        { query: <T>(sql: string, params?: readonly unknown[]) => run<T>(client, sql, params, prepare) },
        async (sql, data) => {
          const stream = client.query(copyFrom(sql));
          await pipeline(Readable.from([Buffer.from(data)]), stream);
        },
      );
      let result;
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        result = await fn(tx);
        await client.query('COMMIT');
      } catch (err) {
        if (isConnectionError(err)) broken = err as Error;
        else await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release(broken); // a broken connection is destroyed, not handed to the next caller
      }
      tx.runAfterCommit();
      return result;
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}
