// One row of the live item graph: neighbour index → weight, as an open-addressing hash table in
// two typed arrays. A graph of a million items updates tens of millions of weights; a JS Map per
// row costs several times the memory and time of this.

const EMPTY = -1;

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

  /** Forgets the weaker half (keeps weights at or above the median). */
  halve(): void {
    const vs = new Float32Array(this.size);
    let n = 0;
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== EMPTY) vs[n++] = this.vals[i]!;
    vs.sort();
    this.rehash(this.keys.length, vs[n >> 1]!);
  }

  private rehash(capacity: number, keepFrom: number): void {
    const { keys, vals } = this;
    this.keys = new Int32Array(capacity).fill(EMPTY);
    this.vals = new Float32Array(capacity);
    this.size = 0;
    const mask = capacity - 1;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      if (key === EMPTY || vals[j]! < keepFrom) continue;
      let i = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
      while (this.keys[i] !== EMPTY) i = (i + 1) & mask;
      this.keys[i] = key;
      this.vals[i] = vals[j]!;
      this.size++;
    }
  }
}
