import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/support/db.ts';
import { encodeCopyRows } from './copy.ts';
import type { Db } from './types.ts';

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(() => db.close());

describe('COPY', () => {
  it('encodes the text format', () => {
    expect(encodeCopyRows([['a\tb', null, 3, true, ['x', 'y "z"'], { k: 'v\n' }]])).toBe('a\\tb\t\\N\t3\ttrue\t{"x","y \\\\"z\\\\""}\t{"k":"v\\\\n"}\n');
  });

  it('loads rows with awkward text, arrays, json and nulls exactly', async () => {
    await db.exec('CREATE TABLE copy_test (id text PRIMARY KEY, note text, n bigint, ok boolean, tags text[], doc jsonb)');
    const rows = [
      ['1', 'tab\there, newline\nthere, back\\slash, 中文', 42, true, ['红色', 'a,b', 'q"uote', 'back\\slash'], { name: '颜色', values: ['红', '蓝'], esc: 'a\\b\n' }],
      ['2', null, null, false, [], '[]'],
    ] as const;
    await db.tx((tx) => tx.copyFrom('copy_test', ['id', 'note', 'n', 'ok', 'tags', 'doc'], rows));
    const got = await db.query<{ id: string; note: string | null; n: number | null; ok: boolean; tags: string[]; doc: unknown }>('SELECT * FROM copy_test ORDER BY id');
    expect(got[0]).toEqual({ id: '1', note: rows[0][1], n: 42, ok: true, tags: rows[0][4], doc: rows[0][5] });
    expect(got[1]).toEqual({ id: '2', note: null, n: null, ok: false, tags: [], doc: [] }); // '[]' given as JSON text
  });
});
