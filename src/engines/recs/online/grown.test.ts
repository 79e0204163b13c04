import { describe, expect, it } from 'vitest';
import { grown } from './grown.ts';

describe('grown', () => {
  it('keeps an array that is long enough', () => {
    const a = new Int32Array([1, 2, 3]);
    expect(grown(a, 3)).toBe(a);
  });

  it('at least doubles, keeps the old entries and fills the tail', () => {
    const a = new Float64Array([0.5, 2]);
    const b = grown(a, 3, 1);
    expect(b).toBeInstanceOf(Float64Array);
    expect([...b]).toEqual([0.5, 2, 1, 1]);
    const c = grown(new Int32Array([7]), 10, -1);
    expect(c.length).toBe(10);
    expect([...c]).toEqual([7, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
    expect([...grown(new Uint8Array([1, 1]), 4)]).toEqual([1, 1, 0, 0]);
  });
});
