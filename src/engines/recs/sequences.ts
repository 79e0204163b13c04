// Interaction logs as the engine sees them: opaque string ids interned to dense indices, and one
// time-ordered item sequence per user.

/** Maps opaque ids to dense indices 0..size-1 and back. */
export class Interner {
  private readonly index = new Map<string, number>();
  readonly ids: string[] = [];

  intern(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) { i = this.ids.length; this.index.set(id, i); this.ids.push(id); }
    return i;
  }

  get(id: string): number | undefined {
    return this.index.get(id);
  }

  get size(): number {
    return this.ids.length;
  }
}

export interface ItemSequence {
  user: number;
  items: Int32Array;
  /** How much each interaction says (an order more than a play); 1 when absent. */
  weights?: Float32Array;
}

export interface Interaction {
  user: number;
  item: number;
  /** Any monotonic clock (seconds, ms, a position); ties keep input order. */
  at: number;
  weight: number;
}

/** Groups interactions by user, each sorted by time (stable: equal times keep input order). */
export function toSequences(rows: readonly Interaction[], users: number): ItemSequence[] {
  const count = new Int32Array(users);
  for (const r of rows) count[r.user]!++;
  const byUser: Interaction[][] = Array.from({ length: users }, (_, u) => new Array<Interaction>(count[u]!));
  const fill = new Int32Array(users);
  for (const r of rows) byUser[r.user]![fill[r.user]!++] = r;
  const out: ItemSequence[] = [];
  for (let u = 0; u < users; u++) {
    const list = byUser[u]!;
    if (!list.length) continue;
    list.sort((a, b) => a.at - b.at);
    const items = Int32Array.from(list, (r) => r.item);
    const uniform = list.every((r) => r.weight === 1);
    out.push(uniform ? { user: u, items } : { user: u, items, weights: Float32Array.from(list, (r) => r.weight) });
  }
  return out;
}

/** How often each item occurs, weighted. */
export function popularity(seqs: readonly ItemSequence[], nItems: number): Float64Array {
  const pop = new Float64Array(nItems);
  for (const s of seqs) for (let k = 0; k < s.items.length; k++) pop[s.items[k]!]! += s.weights ? s.weights[k]! : 1;
  return pop;
}
