import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../rng.ts';
import { Row } from './row.ts';

describe('graph row', () => {
  it('adds like a map, through growth', () => {
    const rand = mulberry32(3);
    const row = new Row();
    const ref = new Map<number, number>();
    for (let n = 0; n < 5000; n++) {
      const k = Math.floor(rand() * 300) * 7919;
      const w = rand();
      row.add(k, w);
      ref.set(k, (ref.get(k) ?? 0) + w);
    }
    expect(row.size).toBe(ref.size);
    for (const [k, w] of ref) expect(row.get(k)).toBeCloseTo(w, 2);
    expect(row.get(1)).toBe(0);
  });

  it('keeps the stronger half when halved', () => {
    const row = new Row();
    for (let k = 0; k < 100; k++) row.add(k, k + 1);
    row.halve();
    expect(row.size).toBe(50);
    expect(row.get(49)).toBe(0);
    expect(row.get(50)).toBe(51);
    expect(row.get(99)).toBe(100);
  });

  it('halves a row of tied weights to half its size, keeping the stronger ones first', () => {
    const row = new Row();
    for (let k = 0; k < 300; k++) row.add(k, 0.5);
    for (let k = 300; k < 401; k++) row.add(k, 2);
    row.halve();
    expect(row.size).toBe(201);
    for (let k = 300; k < 401; k++) expect(row.get(k)).toBe(2);
    let kept = 0;
    for (let k = 0; k < 300; k++) if (row.get(k) === 0.5) kept++;
    expect(kept).toBe(100);
    row.halve();
    expect(row.size).toBe(101);
    for (let k = 300; k < 401; k++) expect(row.get(k)).toBe(2);
  });
});
