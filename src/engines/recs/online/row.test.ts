import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../rng.ts';
import { RowStore } from './row.ts';

describe('graph rows', () => {
  it('add like a map per row, through growth, with blocks of removed rows reused', () => {
    const rand = mulberry32(3);
    const rows = new RowStore();
    const ref = new Map<number, Map<number, number>>();
    for (let n = 0; n < 40_000; n++) {
      const r = Math.floor(rand() * 60);
      const k = Math.floor(rand() * 300) * 7919;
      const w = rand();
      rows.add(r, k, w);
      let m = ref.get(r);
      if (!m) ref.set(r, (m = new Map()));
      m.set(k, (m.get(k) ?? 0) + w);
      if (n % 5000 === 4999) { rows.remove(r); ref.delete(r); } // its block is reused by the next growth
    }
    expect(rows.count).toBe(ref.size);
    for (let r = 0; r < 60; r++) {
      const m = ref.get(r);
      expect(rows.has(r)).toBe(m !== undefined);
      expect(rows.sizeOf(r)).toBe(m?.size ?? 0);
      for (const [k, w] of m ?? []) expect(rows.get(r, k)).toBeCloseTo(w, 2);
      expect(rows.get(r, 1)).toBe(0);
    }
  });

  it('keeps the stronger half when halved', () => {
    const rows = new RowStore();
    for (let k = 0; k < 100; k++) rows.add(5, k, k + 1);
    rows.halve(5);
    expect(rows.sizeOf(5)).toBe(50);
    expect(rows.get(5, 49)).toBe(0);
    expect(rows.get(5, 50)).toBe(51);
    expect(rows.get(5, 99)).toBe(100);
  });

  it('halves a row of tied weights to half its size, keeping the stronger ones first', () => {
    const rows = new RowStore();
    for (let k = 0; k < 300; k++) rows.add(0, k, 0.5);
    for (let k = 300; k < 401; k++) rows.add(0, k, 2);
    rows.add(1, 7, 3); // another row beside it is untouched
    rows.halve(0);
    expect(rows.sizeOf(0)).toBe(201);
    for (let k = 300; k < 401; k++) expect(rows.get(0, k)).toBe(2);
    let kept = 0;
    for (let k = 0; k < 300; k++) if (rows.get(0, k) === 0.5) kept++;
    expect(kept).toBe(100);
    rows.halve(0);
    expect(rows.sizeOf(0)).toBe(101);
    for (let k = 300; k < 401; k++) expect(rows.get(0, k)).toBe(2);
    expect(rows.get(1, 7)).toBe(3);
    expect(rows.sizeOf(1)).toBe(1);
  });
});
