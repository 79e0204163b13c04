import { describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/index.ts';
import type { EventRow } from './insert.ts';
import { EventWriter } from './writer.ts';

/**
 * A database that behaves like feed_events under the writer's two statements: the checking one
 * stores what is new and answers with its keys; the plain one stores all or, when a key is taken,
 * nothing (a unique violation). It answers after `delayMs` and records every statement.
 */
function fakeDb(delayMs = 5) {
  const stored = new Set<string>();
  const statements: Array<{ checked: boolean; ids: string[] }> = [];
  const db = {
    kind: 'postgres',
    async query(sql: string, params: unknown[][]) {
      const [kinds, actors, ids] = params as string[][];
      const checked = sql.includes('ON CONFLICT');
      statements.push({ checked, ids: ids! });
      await new Promise((r) => setTimeout(r, delayMs));
      const keys = ids!.map((id, i) => `${kinds![i]} ${actors![i]} ${id}`);
      if (!checked && keys.some((k) => stored.has(k))) throw Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
      const fresh = keys.filter((k) => !stored.has(k));
      for (const k of fresh) stored.add(k);
      return checked ? [{ keys: fresh.length ? fresh.join('\n') : null }] : [];
    },
  } as unknown as Db;
  return { db, stored, statements };
}

const row = (actorId: string, clientEventId: string): EventRow => ({ actorKind: 'user', actorId, clientEventId, type: 'impression', itemType: 'video', itemId: 'vid_0000000000aaaaaaaaaa', watchMs: null, durationMs: null, source: null, position: null, at: new Date(0) });
const ids = (s: Array<{ ids: string[] }>) => s.map((x) => x.ids);

describe('EventWriter', () => {
  it('writes what arrives together in one statement and answers each request for its own rows', async () => {
    const { db, statements } = fakeDb();
    const w = new EventWriter(db, { flushEvents: 100, flushMs: 2, maxInFlight: 1 });
    const answers = await Promise.all([w.write([row('u1', 'a'), row('u1', 'b')]), w.write([row('u2', 'a')]), w.write([row('u1', 'a')])]);
    // u1/a twice in one flush: written once, and the second is a duplicate, whoever sent it.
    expect(statements).toEqual([{ checked: false, ids: ['a', 'b', 'a'] }]);
    expect(answers).toEqual([[true, true], [true], [false]]);
  });

  it('batches what arrives during a flush into the next one, and never splits a request', async () => {
    const { db, statements } = fakeDb(20);
    const w = new EventWriter(db, { flushEvents: 3, flushMs: 1, maxInFlight: 1 });
    const first = w.write([row('u', '1'), row('u', '2'), row('u', '3')]);
    await new Promise((r) => setTimeout(r, 5));
    const later = [w.write([row('u', '4'), row('u', '5')]), w.write([row('u', '6'), row('u', '7')])];
    expect(await first).toEqual([true, true, true]);
    expect(await Promise.all(later)).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(ids(statements)).toEqual([['1', '2', '3'], ['4', '5'], ['6', '7']]);
    await w.drain();
  });

  it('sends a retried batch to the checking statement, and writes again a batch that met a key stored elsewhere', async () => {
    const { db, stored, statements } = fakeDb();
    const w = new EventWriter(db, { flushEvents: 100, flushMs: 1, maxInFlight: 1 });
    expect(await w.write([row('u', '1'), row('u', '2')])).toEqual([true, true]);
    // The client did not hear the answer and sends the batch again, with one more event.
    expect(await w.write([row('u', '1'), row('u', '2'), row('u', '3')])).toEqual([false, false, true]);
    // Stored by another process: this one cannot know, the plain statement fails and nothing of it is kept.
    stored.add('user v 9');
    expect(await w.write([row('v', '8'), row('v', '9')])).toEqual([true, false]);
    expect(statements.map((s) => [s.checked, s.ids.join(',')])).toEqual([
      [false, '1,2'],
      [true, '1,2,3'],
      [false, '8,9'],
      [true, '8,9'],
    ]);
  });

  it('fails every request of a failed flush, and writes the next ones', async () => {
    const { db } = fakeDb();
    let fail = true;
    const query = db.query.bind(db);
    (db as { query: unknown }).query = async (sql: string, params: unknown[]) => {
      if (fail) throw new Error('database down');
      return query(sql, params);
    };
    const w = new EventWriter(db, { flushEvents: 10, flushMs: 1, maxInFlight: 1 });
    await expect(Promise.all([w.write([row('u', '1')]), w.write([row('u', '2')])])).rejects.toThrow('database down');
    fail = false;
    expect(await w.write([row('u', '1')])).toEqual([true]);
  });
});
