// The item graph, learned as events arrive (the online twin of ../knn.ts): a positive signal on
// item j links it to the viewer's last few positive items, forward more than backward, so
// "people who watched i went on to j" is known seconds after it happens. Rows are capped: when a
// row outgrows the cap its weaker half is forgotten.

const WINDOW = 5;
const DECAY = 0.8;
const BACKWARD = 0.5;
const ROW_CAP = 400;
const ALPHA = 0.3;
const BETA = 0.1;

export class LiveGraph {
  private readonly rows = new Map<string, Map<string, number>>();
  private readonly pop = new Map<string, number>();

  /** Links `item` to the end of `history` (which does not yet hold it). */
  observe(history: readonly string[], item: string, weight: number): void {
    this.pop.set(item, (this.pop.get(item) ?? 0) + weight);
    let step = 1;
    for (let k = history.length - 1, d = 0; k >= 0 && d < WINDOW; k--, d++, step *= DECAY) {
      const i = history[k]!;
      if (i === item) continue;
      this.add(i, item, weight * step);
      this.add(item, i, weight * step * BACKWARD);
    }
  }

  /** Neighbours of `item` with popularity-normalised weights, unsorted. */
  *neighbours(item: string): Iterable<[string, number]> {
    const row = this.rows.get(item);
    if (!row) return;
    const from = Math.pow((this.pop.get(item) ?? 0) + 1, -ALPHA);
    for (const [j, raw] of row) yield [j, raw * from * Math.pow((this.pop.get(j) ?? 0) + 1, -BETA)];
  }

  /** The strongest neighbours of one item. */
  top(item: string, k: number, keep: (id: string) => boolean = () => true): { id: string; weight: number }[] {
    const all: { id: string; weight: number }[] = [];
    for (const [id, weight] of this.neighbours(item)) if (keep(id)) all.push({ id, weight });
    return all.sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1)).slice(0, k);
  }

  remove(item: string): void {
    this.rows.delete(item);
    this.pop.delete(item);
  }

  get size(): number {
    return this.rows.size;
  }

  private add(from: string, to: string, w: number): void {
    let row = this.rows.get(from);
    if (!row) this.rows.set(from, (row = new Map()));
    row.set(to, (row.get(to) ?? 0) + w);
    if (row.size > ROW_CAP) {
      const cut = [...row.values()].sort((a, b) => a - b)[row.size >> 1]!;
      for (const [j, v] of row) if (v < cut) row.delete(j);
    }
  }
}
