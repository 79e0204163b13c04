// Content still in a traffic pool, in exploration order: the first pool before larger ones (new
// content needs its first audience most), then what has used least of its pool, newest first.
// An indexed binary heap: an impression moves one item down in O(log n), a page reads the best
// few in O(k log k) without removing them, and nothing ever scans the catalogue.
import type { ItemState } from './engine.ts';

export class ExploreQueue {
  private readonly heap: ItemState[] = [];
  /** Reused by `visit`: positions in `heap`, as a heap of their own. */
  private readonly frontier: number[] = [];

  constructor(private poolSize: (level: number) => number) {}

  get length(): number {
    return this.heap.length;
  }

  /** Pool sizes changed: the order may have too. */
  reorder(poolSize: (level: number) => number): void {
    this.poolSize = poolSize;
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** Adds, moves or removes the item according to whether it is still testing with pool left. */
  update(st: ItemState): void {
    const wants = st.alive && st.pool.status === 'testing' && this.used(st) < 1;
    if (!wants) { if (st.heapPos >= 0) this.remove(st); return; }
    if (st.heapPos < 0) {
      st.heapPos = this.heap.length;
      this.heap.push(st);
      this.up(st.heapPos);
      return;
    }
    this.down(st.heapPos);
    this.up(st.heapPos);
  }

  /** Calls `fn` on items best first until it returns false or the queue is exhausted. */
  visit(fn: (st: ItemState) => boolean): void {
    const h = this.heap;
    const f = this.frontier;
    f.length = 0;
    if (!h.length) return;
    f.push(0);
    while (f.length) {
      const at = popFrontier(f, (a, b) => this.before(h[a]!, h[b]!));
      if (!fn(h[at]!)) break;
      const l = 2 * at + 1;
      if (l < h.length) pushFrontier(f, l, (a, b) => this.before(h[a]!, h[b]!));
      if (l + 1 < h.length) pushFrontier(f, l + 1, (a, b) => this.before(h[a]!, h[b]!));
    }
  }

  private used(st: ItemState): number {
    return (st.counts.impressions - st.pool.levelStart) / this.poolSize(st.pool.level);
  }

  private before(a: ItemState, b: ItemState): boolean {
    if (a.pool.level !== b.pool.level) return a.pool.level < b.pool.level;
    const ua = this.used(a);
    const ub = this.used(b);
    if (ua !== ub) return ua < ub;
    if (a.item.publishedAt !== b.item.publishedAt) return a.item.publishedAt > b.item.publishedAt;
    return a.ix < b.ix;
  }

  private remove(st: ItemState): void {
    const at = st.heapPos;
    const last = this.heap.pop()!;
    st.heapPos = -1;
    if (last === st) return;
    this.heap[at] = last;
    last.heapPos = at;
    this.down(at);
    this.up(last.heapPos);
  }

  private up(i: number): void {
    const h = this.heap;
    const x = h[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(x, h[p]!)) break;
      h[i] = h[p]!;
      h[i]!.heapPos = i;
      i = p;
    }
    h[i] = x;
    x.heapPos = i;
  }

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const x = h[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && this.before(h[l + 1]!, h[l]!) ? l + 1 : l;
      if (!this.before(h[c]!, x)) break;
      h[i] = h[c]!;
      h[i]!.heapPos = i;
      i = c;
    }
    h[i] = x;
    x.heapPos = i;
  }
}

function pushFrontier(f: number[], x: number, before: (a: number, b: number) => boolean): void {
  let i = f.length;
  f.push(x);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(x, f[p]!)) break;
    f[i] = f[p]!;
    i = p;
  }
  f[i] = x;
}

function popFrontier(f: number[], before: (a: number, b: number) => boolean): number {
  const top = f[0]!;
  const last = f.pop()!;
  if (!f.length) return top;
  let i = 0;
  const n = f.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const c = l + 1 < n && before(f[l + 1]!, f[l]!) ? l + 1 : l;
    if (!before(f[c]!, last)) break;
    f[i] = f[c]!;
    i = c;
  }
  f[i] = last;
  return top;
}
