// What the periodic retrain learns from: the positive signals the host has applied (replayed at
// start, then tailed), kept compactly in memory (interned ids, typed arrays) up to a cap, oldest
// dropped first. Reading them back from the database at every retrain would repeat the start's
// replay; this is the same stream, already in hand.
import type { TrainingEvent } from '../../engines/recs/online/trained.ts';
import { Interner } from '../../engines/recs/sequences.ts';

/** A training log's contents as arrays, to hand to another thread. */
export interface TrainingSnapshot {
  viewers: string[];
  items: string[];
  viewer: Int32Array;
  item: Int32Array;
  at: Float64Array;
  weight: Float32Array;
}

export class TrainingLog {
  private readonly viewers = new Interner();
  private readonly items = new Interner();
  private viewer: Int32Array;
  private item: Int32Array;
  private at: Float64Array;
  private weight: Float32Array;
  /** Ring buffer: `size` events ending before `end`. */
  private end = 0;
  private size = 0;
  /** Events added since the last snapshot (a retrain with nothing new is skipped). */
  fresh = 0;

  constructor(readonly capacity: number) {
    this.viewer = new Int32Array(Math.min(capacity, 1024));
    this.item = new Int32Array(this.viewer.length);
    this.at = new Float64Array(this.viewer.length);
    this.weight = new Float32Array(this.viewer.length);
  }

  get length(): number {
    return this.size;
  }

  add(viewer: string, itemId: string, at: number, weight: number): void {
    if (weight <= 0) return;
    if (this.size === this.viewer.length && this.size < this.capacity) this.grow();
    const k = this.end % this.viewer.length;
    this.viewer[k] = this.viewers.intern(viewer);
    this.item[k] = this.items.intern(itemId);
    this.at[k] = at;
    this.weight[k] = weight;
    this.end = k + 1;
    this.size = Math.min(this.size + 1, this.viewer.length);
    this.fresh++;
  }

  /** The events, oldest first, as transferable arrays (copies: the log goes on filling). */
  snapshot(): TrainingSnapshot {
    const n = this.size;
    const start = (this.end - n + this.viewer.length) % this.viewer.length;
    const pick = <T extends Int32Array | Float64Array | Float32Array>(a: T, make: (n: number) => T): T => {
      const out = make(n);
      for (let k = 0; k < n; k++) out[k] = a[(start + k) % a.length]!;
      return out;
    };
    this.fresh = 0;
    return {
      viewers: [...this.viewers.ids],
      items: [...this.items.ids],
      viewer: pick(this.viewer, (m) => new Int32Array(m)),
      item: pick(this.item, (m) => new Int32Array(m)),
      at: pick(this.at, (m) => new Float64Array(m)),
      weight: pick(this.weight, (m) => new Float32Array(m)),
    };
  }

  private grow(): void {
    const cap = Math.min(this.capacity, this.viewer.length * 2);
    const copy = <T extends Int32Array | Float64Array | Float32Array>(a: T, make: (n: number) => T): T => { const b = make(cap); b.set(a); return b; };
    // While growing, the ring has not wrapped yet: positions stay where they are.
    this.viewer = copy(this.viewer, (m) => new Int32Array(m));
    this.item = copy(this.item, (m) => new Int32Array(m));
    this.at = copy(this.at, (m) => new Float64Array(m));
    this.weight = copy(this.weight, (m) => new Float32Array(m));
  }
}

/** The snapshot as the trainer's events. */
export function trainingEvents(s: TrainingSnapshot): TrainingEvent[] {
  return Array.from(s.viewer, (v, k) => ({ viewer: s.viewers[v]!, itemId: s.items[s.item[k]!]!, at: s.at[k]!, weight: s.weight[k]! }));
}
