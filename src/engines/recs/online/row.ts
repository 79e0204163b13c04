// One row of the live item graph: neighbour index → weight, as an open-addressing hash table in
// two typed arrays. A graph of a million items updates tens of millions of weights; a JS Map per
// row costs several times the memory and time of this.

const EMPTY = -1;
/** halve()'s sort buffer, shared: the engine is single-threaded. */
let scratch = new Float32Array(512);

export class Row {
  keys: Int32Array;
  vals: Float32Array;
  size = 0;

  constructor(capacity = 8) {
    this.keys = new Int32Array(capacity).fill(EMPTY);
    this.vals = new Float32Array(capacity);
  }

  add(key: number, w: number): void {
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let i = Math.imul(key, 0x9e3779b1) >>> 0 & mask; ; i = (i + 1) & mask) {
      const k = keys[i]!;
      if (k === key) { this.vals[i] = this.vals[i]! + w; return; }
      if (k === EMPTY) {
        keys[i] = key;
        this.vals[i] = w;
        if (++this.size * 4 > keys.length * 3) this.rehash(keys.length * 2, -Infinity);
        return;
      }
    }
  }

  get(key: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let i = Math.imul(key, 0x9e3779b1) >>> 0 & mask; ; i = (i + 1) & mask) {
      const k = keys[i]!;
      if (k === key) return this.vals[i]!;
      if (k === EMPTY) return 0;
    }
  }

  /**
   * Forgets the weaker half: keeps the ceil(size / 2) strongest. Weights tie a lot (sums of a few
   * signal weights × decay steps), so ties at the cut are kept only up to that count — keeping
   * every weight at or above the median once kept nearly the whole row, and a hot row then
   * re-sorted itself on every add (a fifth of the feed's serving time at 1M items).
   */
  halve(): void {
    if (scratch.length < this.size) scratch = new Float32Array(this.size * 2);
    let n = 0;
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== EMPTY) scratch[n++] = this.vals[i]!;
    const sorted = scratch.subarray(0, n).sort();
    const keep = n - (n >> 1);
    const cut = sorted[n - keep]!;
    let above = 0;
    for (let i = n - 1; i >= 0 && sorted[i]! > cut; i--) above++;
    this.rehash(this.keys.length, cut, keep - above);
  }

  /** Rebuilds at `capacity`, keeping weights above `keepFrom` and the first `ties` equal to it. */
  private rehash(capacity: number, keepFrom: number, ties = Infinity): void {
    const { keys, vals } = this;
    this.keys = new Int32Array(capacity).fill(EMPTY);
    this.vals = new Float32Array(capacity);
    this.size = 0;
    const mask = capacity - 1;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      const v = vals[j]!;
      if (key === EMPTY || v < keepFrom || (v === keepFrom && ties-- <= 0)) continue;
      let i = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
      while (this.keys[i] !== EMPTY) i = (i + 1) & mask;
      this.keys[i] = key;
      this.vals[i] = v;
      this.size++;
    }
  }
}
