// The rows of the live item graph: per item, neighbour index → weight, each row an
// open-addressing hash table (linear probing) in a block of two shared typed arrays. A graph of a
// million items updates tens of millions of weights; a JS Map per row costs several times the
// memory and time of this, and two typed arrays per row — millions of ArrayBuffers — made the
// first scavenge after every full garbage collection wait ~0.5 s for their sweep at 1M items.
// Blocks are powers of two from 8 slots; a block given up (the row grew, or was removed) is
// reused by the next row that needs that size.

import { grown } from './grown.ts';

const EMPTY = -1;
const MIN_CAP = 8;
const NONE = -1;

const hash = (key: number, mask: number): number => (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
const log2 = (cap: number): number => 31 - Math.clz32(cap);

/** halve()'s buffers, shared: the engine is single-threaded. */
let sortBuf = new Float32Array(512);
let keyBuf = new Int32Array(512);
let valBuf = new Float32Array(512);

export class RowStore {
  /** Every row's slots: a row's block is [off[r], off[r] + cap[r]). */
  keys = new Int32Array(1 << 16).fill(EMPTY);
  vals = new Float32Array(1 << 16);
  /** Per row: where its block starts (NONE: no row), its capacity, its entry count. */
  off = new Int32Array(1024).fill(NONE);
  cap = new Int32Array(1024);
  size = new Int32Array(1024);
  private top = 0;
  /** Free blocks' offsets by log2 of their capacity. */
  private readonly free: number[][] = [];
  count = 0;

  has(r: number): boolean {
    return r < this.off.length && this.off[r] !== NONE;
  }

  sizeOf(r: number): number {
    return this.has(r) ? this.size[r]! : 0;
  }

  add(r: number, key: number, w: number): void {
    if (!this.has(r)) this.create(r);
    const off = this.off[r]!, cap = this.cap[r]!, keys = this.keys, mask = cap - 1;
    for (let i = hash(key, mask); ; i = (i + 1) & mask) {
      const k = keys[off + i]!;
      if (k === key) { this.vals[off + i] = this.vals[off + i]! + w; return; }
      if (k === EMPTY) {
        keys[off + i] = key;
        this.vals[off + i] = w;
        const n = this.size[r]! + 1;
        this.size[r] = n;
        if (n * 4 > cap * 3) this.grow(r);
        return;
      }
    }
  }

  get(r: number, key: number): number {
    if (!this.has(r)) return 0;
    const off = this.off[r]!, mask = this.cap[r]! - 1, keys = this.keys;
    for (let i = hash(key, mask); ; i = (i + 1) & mask) {
      const k = keys[off + i]!;
      if (k === key) return this.vals[off + i]!;
      if (k === EMPTY) return 0;
    }
  }

  /**
   * Forgets the weaker half: keeps the ceil(size / 2) strongest. Weights tie a lot (sums of a few
   * signal weights × decay steps), so ties at the cut are kept only up to that count — keeping
   * every weight at or above the median once kept nearly the whole row, and a hot row then
   * re-sorted itself on every add (a fifth of the feed's serving time at 1M items).
   */
  halve(r: number): void {
    if (!this.has(r)) return;
    const n = this.size[r]!, off = this.off[r]!, cap = this.cap[r]!;
    if (sortBuf.length < n) { sortBuf = new Float32Array(n * 2); keyBuf = new Int32Array(n * 2); valBuf = new Float32Array(n * 2); }
    let m = 0;
    for (let i = off; i < off + cap; i++) if (this.keys[i] !== EMPTY) { keyBuf[m] = this.keys[i]!; valBuf[m] = this.vals[i]!; sortBuf[m++] = this.vals[i]!; }
    if (m === 0) return;
    const sorted = sortBuf.subarray(0, m).sort();
    const keep = m - (m >> 1);
    const cut = sorted[m - keep]!;
    let ties = keep;
    for (let i = m - 1; i >= 0 && sorted[i]! > cut; i--) ties--;
    this.keys.fill(EMPTY, off, off + cap);
    this.size[r] = 0;
    for (let j = 0; j < m; j++) {
      const v = valBuf[j]!;
      if (v < cut || (v === cut && ties-- <= 0)) continue;
      this.place(off, cap, keyBuf[j]!, v);
      this.size[r] = this.size[r]! + 1;
    }
  }

  /** Drops a row; its block goes back for reuse. */
  remove(r: number): void {
    if (!this.has(r)) return;
    this.release(this.off[r]!, this.cap[r]!);
    this.off[r] = NONE;
    this.cap[r] = 0;
    this.size[r] = 0;
    this.count--;
  }

  private create(r: number): void {
    if (r >= this.off.length) {
      this.off = grown(this.off, r + 1, NONE);
      this.cap = grown(this.cap, this.off.length);
      this.size = grown(this.size, this.off.length);
    }
    this.off[r] = this.allocate(MIN_CAP);
    this.cap[r] = MIN_CAP;
    this.size[r] = 0;
    this.count++;
  }

  private grow(r: number): void {
    const from = this.off[r]!, cap = this.cap[r]!, next = cap * 2;
    const to = this.allocate(next); // may replace this.keys / this.vals
    for (let i = from; i < from + cap; i++) {
      const k = this.keys[i]!;
      if (k !== EMPTY) this.place(to, next, k, this.vals[i]!);
    }
    this.release(from, cap);
    this.off[r] = to;
    this.cap[r] = next;
  }

  /** Puts a key not in the block into it (there is room). */
  private place(off: number, cap: number, key: number, v: number): void {
    const mask = cap - 1;
    let i = hash(key, mask);
    while (this.keys[off + i] !== EMPTY) i = (i + 1) & mask;
    this.keys[off + i] = key;
    this.vals[off + i] = v;
  }

  private allocate(cap: number): number {
    const reuse = this.free[log2(cap)]?.pop();
    if (reuse !== undefined) return reuse;
    if (this.top + cap > this.keys.length) {
      this.keys = grown(this.keys, this.top + cap, EMPTY);
      this.vals = grown(this.vals, this.keys.length);
    }
    const at = this.top;
    this.top += cap;
    return at;
  }

  private release(off: number, cap: number): void {
    this.keys.fill(EMPTY, off, off + cap);
    (this.free[log2(cap)] ??= []).push(off);
  }
}
