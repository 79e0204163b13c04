import { describe, expect, it } from 'vitest';
import { KnownItems } from './items.ts';
import type { ItemType } from './schemas.ts';

describe('KnownItems', () => {
  const setup = (ttlMs: number) => {
    const exists = new Set(['video:v1', 'product:p1']);
    const asked: Array<[ItemType, string[]]> = [];
    const known = new KnownItems(async (type, ids) => {
      asked.push([type, ids]);
      return new Set(ids.filter((id) => exists.has(`${type}:${id}`)));
    }, ttlMs);
    return { exists, asked, known };
  };
  const items = (...keys: string[]) => keys.map((k) => ({ itemType: k.split(':')[0] as ItemType, itemId: k.split(':')[1]! }));

  it('asks each owner once per batch, for distinct ids only', async () => {
    const { asked, known } = setup(1000);
    const found = await known.existing(items('video:v1', 'video:v1', 'video:v2', 'product:p1'), 0);
    expect([...found].sort()).toEqual(['product:p1', 'video:v1']);
    expect(asked).toEqual([
      ['video', ['v1', 'v2']],
      ['product', ['p1']],
    ]);
  });

  it('remembers what exists for a while, never what does not', async () => {
    const { exists, asked, known } = setup(1000);
    await known.existing(items('video:v1', 'video:v2'), 0);
    exists.add('video:v2');
    exists.delete('video:v1');
    asked.length = 0;
    // v1 is remembered (gone only when its time is up); v2 is asked again, and now exists.
    expect([...(await known.existing(items('video:v1', 'video:v2'), 500))].sort()).toEqual(['video:v1', 'video:v2']);
    expect(asked).toEqual([['video', ['v2']]]);
    asked.length = 0;
    expect([...(await known.existing(items('video:v1'), 1000))]).toEqual([]);
    expect(asked).toEqual([['video', ['v1']]]);
  });

  it('remembers nothing with a time of zero', async () => {
    const { asked, known } = setup(0);
    await known.existing(items('video:v1'), 0);
    await known.existing(items('video:v1'), 0);
    expect(asked).toHaveLength(2);
  });
});
