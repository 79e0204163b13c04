// Item-to-item graphs: accumulated as one hash map per source item while learning, then frozen
// into compressed rows (CSR) that keep only each item's strongest neighbours.

export class PairAccumulator {
  private readonly rows: (Map<number, number> | undefined)[];

  constructor(readonly size: number) {
    this.rows = new Array(size);
  }

  add(from: number, to: number, w: number): void {
    let row = this.rows[from];
    if (!row) this.rows[from] = row = new Map();
    row.set(to, (row.get(to) ?? 0) + w);
  }

  row(from: number): ReadonlyMap<number, number> | undefined {
    return this.rows[from];
  }

  /**
   * Freezes the graph. `weigh` turns a raw count into the similarity kept (it sees both ends);
   * each row keeps its `keep` largest similarities.
   */
  freeze(keep: number, weigh: (from: number, to: number, raw: number) => number): Csr {
    const ptr = new Int32Array(this.size + 1);
    const kept: { idx: Int32Array; w: Float32Array }[] = new Array(this.size);
    let total = 0;
    const scratch: { j: number; w: number }[] = [];
    for (let i = 0; i < this.size; i++) {
      const row = this.rows[i];
      scratch.length = 0;
      if (row) for (const [j, raw] of row) { const w = weigh(i, j, raw); if (w > 0) scratch.push({ j, w }); }
      // Strongest first: the first weight of a row is its largest (see `rowMax`).
      scratch.sort((a, b) => b.w - a.w || a.j - b.j);
      if (scratch.length > keep) scratch.length = keep;
      const idx = new Int32Array(scratch.length);
      const w = new Float32Array(scratch.length);
      for (let k = 0; k < scratch.length; k++) { idx[k] = scratch[k]!.j; w[k] = scratch[k]!.w; }
      kept[i] = { idx, w };
      total += scratch.length;
      ptr[i + 1] = total;
    }
    const idx = new Int32Array(total);
    const w = new Float32Array(total);
    for (let i = 0; i < this.size; i++) { idx.set(kept[i]!.idx, ptr[i]!); w.set(kept[i]!.w, ptr[i]!); }
    return { ptr, idx, w };
  }
}

/** Compressed sparse rows: row i's neighbours are idx[ptr[i]..ptr[i+1]) with weights w, strongest first. */
export interface Csr {
  ptr: Int32Array;
  idx: Int32Array;
  w: Float32Array;
}

export const csrNeighbours = (g: Csr, i: number): number => g.ptr[i + 1]! - g.ptr[i]!;

/** A row's largest weight (0 for an empty row). */
export const rowMax = (g: Csr, i: number): number => (g.ptr[i + 1]! > g.ptr[i]! ? g.w[g.ptr[i]!]! : 0);
