import { describe, expect, it } from 'vitest';
import { BatchLoader } from './batch-loader.ts';

/** A loader that records each call's keys and answers `key * 10` for even keys only. */
function evens(maxBatch?: number) {
  const calls: number[][] = [];
  const loader = new BatchLoader<number, number>(async (keys) => {
    calls.push([...keys]);
    return new Map(keys.filter((k) => k % 2 === 0).map((k) => [k, k * 10]));
  }, maxBatch);
  return { calls, loader };
}

describe('BatchLoader', () => {
  it('answers the keys asked for in one turn with one load, and a missing key with null', async () => {
    const { calls, loader } = evens();
    const out = await Promise.all([1, 2, 3, 4].map((k) => loader.load(k)));
    expect(out).toEqual([null, 20, null, 40]);
    expect(calls).toEqual([[1, 2, 3, 4]]);
  });

  it('loads a key asked for twice in one turn once, and gives both the answer', async () => {
    const { calls, loader } = evens();
    const out = await Promise.all([loader.load(6), loader.load(6), loader.load(8)]);
    expect(out).toEqual([60, 60, 80]);
    expect(calls).toEqual([[6, 8]]);
  });

  it('remembers nothing: a later turn loads again', async () => {
    const { calls, loader } = evens();
    expect(await loader.load(2)).toBe(20);
    expect(await loader.load(2)).toBe(20);
    expect(calls).toEqual([[2], [2]]);
  });

  it('splits a large turn into loads of at most maxBatch keys', async () => {
    const { calls, loader } = evens(3);
    const out = await Promise.all([0, 1, 2, 3, 4, 5, 6].map((k) => loader.load(k)));
    expect(out).toEqual([0, null, 20, null, 40, null, 60]);
    expect(calls).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('rejects every waiter of a failed load, and the next turn loads afresh', async () => {
    let fail = true;
    const loader = new BatchLoader<string, string>(async (keys) => {
      if (fail) throw new Error('database down');
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    });
    const out = await Promise.allSettled([loader.load('a'), loader.load('a'), loader.load('b')]);
    expect(out.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    fail = false;
    expect(await loader.load('a')).toBe('A');
  });
});

describe('BatchLoader with a loader that throws before it returns a promise', () => {
  it('rejects its waiters instead of throwing out of the event loop', async () => {
    const loader = new BatchLoader<string, string>((keys) => {
      throw new Error(`cannot load ${keys.join(',')}`);
    });
    await expect(loader.load('x')).rejects.toThrow('cannot load x');
  });
});
