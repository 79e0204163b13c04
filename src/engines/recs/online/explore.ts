// Content still in a traffic pool, in exploration order: the first pool before larger ones (new
// content needs its first audience most), then what has used least of its pool, newest first.
// An indexed binary heap: an impression moves one item down in O(log n), a page reads the best
// few in O(k log k) without removing them, and nothing ever scans the catalogue.
//
// Every impression of a testing item sifts it through ~17 levels at a million items, two
// comparisons a level. So each heap slot carries its order as numbers beside the item (level +
// share of the pool used, which orders as the pair does since the share is below 1 in the heap;
// then publish time and index): a comparison reads two typed arrays instead of two items, their
// pools and counts, and divides nothing.
import { grown } from './grown.ts';
import type { ItemState } from './engine.ts';

export class ExploreQueue {
  private readonly heap: ItemState[] = [];
  /** By heap position: level + used share, −publishedAt, item index. */
  private rank = new Float64Array(1024);
  private newest = new Float64Array(1024);
  private ixs = new Int32Array(1024);
  /** Reused by `visit`: positions in `heap`, as a heap of their own. */
  private readonly frontier: number[] = [];

  constructor(private poolSize: (level: number) => number) {}

  get length(): number {
    return this.heap.length;
  }

  /** Pool sizes changed: the order may have too, and an item may have used up its smaller pool. */
  reorder(poolSize: (level: number) => number): void {
    this.poolSize = poolSize;
    for (const st of [...this.heap]) if (!this.wants(st)) this.remove(st);
    for (let i = 0; i < this.heap.length; i++) this.rank[i] = this.rankOf(this.heap[i]!);
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** Adds, moves or removes the item according to whether it is still testing with pool left. */
  update(st: ItemState): void {
    if (!this.wants(st)) { if (st.heapPos >= 0) this.remove(st); return; }
    let at = st.heapPos;
    if (at < 0) {
      at = this.heap.length;
      this.heap.push(st);
      this.reserve(at + 1);
      st.heapPos = at;
    }
    this.rank[at] = this.rankOf(st);
    this.newest[at] = -st.item.publishedAt;
    this.ixs[at] = st.ix;
    this.down(at);
    this.up(st.heapPos);
  }

  /** Calls `fn` on items best first until it returns false or the queue is exhausted. */
  visit(fn: (st: ItemState) => boolean): void {
    const h = this.heap;
    const f = this.frontier;
    f.length = 0;
    if (!h.length) return;
    f.push(0);
    const before = (a: number, b: number) => this.before(a, b);
    while (f.length) {
      const at = popFrontier(f, before);
      if (!fn(h[at]!)) break;
      const l = 2 * at + 1;
      if (l < h.length) pushFrontier(f, l, before);
      if (l + 1 < h.length) pushFrontier(f, l + 1, before);
    }
  }

  private wants(st: ItemState): boolean {
    return st.alive && st.pool.status === 'testing' && this.used(st) < 1;
  }

  private used(st: ItemState): number {
    return (st.counts.impressions - st.pool.levelStart) / this.poolSize(st.pool.level);
  }

  private rankOf(st: ItemState): number {
    return st.pool.level + this.used(st);
  }

  private reserve(n: number): void {
    if (n <= this.rank.length) return;
    this.rank = grown(this.rank, n);
    this.newest = grown(this.newest, n);
    this.ixs = grown(this.ixs, n);
  }

  /** Whether heap position a comes before position b. */
  private before(a: number, b: number): boolean {
    const r = this.rank, n = this.newest;
    if (r[a] !== r[b]) return r[a]! < r[b]!;
    if (n[a] !== n[b]) return n[a]! < n[b]!;
    return this.ixs[a]! < this.ixs[b]!;
  }

  /** Moves slot `from` to slot `to` (the heap's hole). */
  private put(to: number, from: number): void {
    const st = this.heap[from]!;
    this.heap[to] = st;
    st.heapPos = to;
    this.rank[to] = this.rank[from]!;
    this.newest[to] = this.newest[from]!;
    this.ixs[to] = this.ixs[from]!;
  }

  private remove(st: ItemState): void {
    const at = st.heapPos;
    const end = this.heap.length - 1;
    st.heapPos = -1;
    if (at !== end) {
      this.put(at, end);
      this.heap.pop();
      const moved = this.heap[at]!;
      this.down(at);
      this.up(moved.heapPos);
    } else this.heap.pop();
  }

  /** Sifts slot i up: the slot's values wait in the spare slot at the end of the arrays. */
  private up(i: number): void {
    const st = this.heap[i]!;
    const spare = this.park(i);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(spare, p)) break;
      this.put(i, p);
      i = p;
    }
    this.unpark(i, spare, st);
  }

  private down(i: number): void {
    const st = this.heap[i]!;
    const spare = this.park(i);
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && this.before(l + 1, l) ? l + 1 : l;
      if (!this.before(c, spare)) break;
      this.put(i, c);
      i = c;
    }
    this.unpark(i, spare, st);
  }

  /** Copies slot i to the spare slot (one past the heap), which `before` can compare like any other. */
  private park(i: number): number {
    const spare = this.heap.length;
    this.reserve(spare + 1);
    this.rank[spare] = this.rank[i]!;
    this.newest[spare] = this.newest[i]!;
    this.ixs[spare] = this.ixs[i]!;
    return spare;
  }

  private unpark(i: number, spare: number, st: ItemState): void {
    this.heap[i] = st;
    st.heapPos = i;
    this.rank[i] = this.rank[spare]!;
    this.newest[i] = this.newest[spare]!;
    this.ixs[i] = this.ixs[spare]!;
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
