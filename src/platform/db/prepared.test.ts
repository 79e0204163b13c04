import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/support/db.ts';
import { MAX_PER_CONNECTION, prepared } from './prepared.ts';
import { isUniqueViolation, type Db } from './types.ts';

// prepared() keys connections by identity only: plain objects stand in for them here.
const conn = () => ({}) as pg.ClientBase;

describe('prepared statement names', () => {
  it('names a parameterised text once, the same on every connection; leaves the rest unnamed', () => {
    const a = conn();
    const b = conn();
    const first = prepared(a, 'SELECT $1::int AS n /* names */', [1]);
    expect(first).toMatchObject({ text: 'SELECT $1::int AS n /* names */', values: [1] });
    expect(prepared(b, 'SELECT $1::int AS n /* names */', [2])).toMatchObject({ name: (first as { name: string }).name, values: [2] });
    expect(prepared(a, 'SELECT $1::int AS m /* names */', [1])).not.toMatchObject({ name: (first as { name: string }).name });
    expect(prepared(a, 'SELECT 1', [])).toBeNull();
    expect(prepared(a, 'SELECT 1', undefined)).toBeNull();
  });

  it('keeps at most MAX_PER_CONNECTION statements on one connection, and still runs known ones named there', () => {
    const c = conn();
    const texts = Array.from({ length: MAX_PER_CONNECTION + 5 }, (_, i) => `SELECT $1::int + ${i} /* bound */`);
    const named = texts.map((t) => prepared(c, t, [0]));
    expect(named.slice(0, MAX_PER_CONNECTION).every((q) => q !== null)).toBe(true);
    expect(named.slice(MAX_PER_CONNECTION).every((q) => q === null)).toBe(true);
    expect(prepared(c, texts[0]!, [0])).not.toBeNull();
    // Another connection has room of its own.
    expect(prepared(conn(), texts[MAX_PER_CONNECTION]!, [0])).not.toBeNull();
  });
});

describe('statements run named', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
    await db.exec('CREATE TABLE prepared_test (id int PRIMARY KEY, note text)');
  });
  afterAll(() => db.close());

  it('give the same answers call after call, and a failed call leaves the statement usable', async () => {
    const insert = 'INSERT INTO prepared_test (id, note) VALUES ($1, $2) RETURNING id, note';
    for (let i = 1; i <= 12; i++) expect(await db.query(insert, [i, `n${i}`])).toEqual([{ id: i, note: `n${i}` }]);
    const dup = await db.query(insert, [3, 'again']).then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(dup)).toBe(true);
    expect(await db.query(insert, [13, 'after'])).toEqual([{ id: 13, note: 'after' }]);
    // In a transaction that fails half-way, nothing stays; the next one on the same statements works.
    await expect(
      db.tx(async (tx) => {
        await tx.query(insert, [14, 'rolled back']);
        await tx.query(insert, [1, 'dup']);
      }),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await db.query('SELECT count(*)::int AS n FROM prepared_test WHERE id = $1', [14])).toEqual([{ n: 0 }]);
    const seen = await db.tx(async (tx) => {
      await tx.query(insert, [15, 'in tx']);
      return tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements WHERE statement = $1', [insert]);
    });
    // On PostgreSQL the connection holds it prepared; PGlite runs statements unnamed, as before.
    expect(seen).toEqual(db.kind === 'postgres' ? [{ statement: insert }] : []);
    expect(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM prepared_test', [])).toEqual([{ n: 14 }]);
  });
});
