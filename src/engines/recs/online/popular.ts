// Popularity lists (overall and per category) kept current without scanning the catalogue.
// Heat decays at the same rate for every item, so it is stored "as of a reference time": an item's
// stored heat changes only when it gets a signal, and the order of the others never changes.
// A refresh therefore merges the current lists with the items touched since the last one; a full
// scan happens only when removals have eaten into a list's reserve.
import type { ItemState } from './engine.ts';

export const HEAT_HALF_LIFE_MS = 6 * 3600_000;
/** Half-lives after the reference time at which stored heats are rebased (2^600 is far from overflow). */
const REBASE_AFTER = 600;

/** Served list lengths, and the reserves kept behind them for removals. */
const TOP = 300;
const TOP_DEPTH = 600;
export const PER_CATEGORY = 60;
const CATEGORY_DEPTH = 120;

export class HeatClock {
  private t0 = Number.NaN;

  /** The multiplier that turns a weight added at `at` into stored heat; null means "rebase first". */
  scale(at: number): number | null {
    if (Number.isNaN(this.t0)) this.t0 = at;
    const e = (at - this.t0) / HEAT_HALF_LIFE_MS;
    return e > REBASE_AFTER ? null : Math.pow(2, e);
  }

  /** Moves the reference time to `at`: every stored heat is multiplied by the returned factor. */
  rebase(at: number): number {
    const f = Math.pow(2, -(at - this.t0) / HEAT_HALF_LIFE_MS);
    this.t0 = at;
    return f;
  }

  /** The heat at `now` of a stored heat. */
  value(stored: number, now: number): number {
    return Number.isNaN(this.t0) ? 0 : stored * Math.pow(2, (this.t0 - now) / HEAT_HALF_LIFE_MS);
  }
}

const hotter = (a: ItemState, b: ItemState): number => b.heat - a.heat || a.ix - b.ix;

export class PopularLists {
  /** Best first: the first TOP are served, the rest are the reserve. */
  private top: ItemState[] = [];
  private readonly byCategory = new Map<number, ItemState[]>();
  private readonly dirty = new Set<ItemState>();
  private readonly dirtyCategories = new Set<number>();
  private full = true;
  private served: { from: ItemState[]; list: readonly ItemState[] } | null = null;
  scans = 0;

  /**
   * An item got heat, arrived, changed category (`oldCategory`) or left. An item colder than the
   * last of both its lists (full ones) could not enter either at the next refresh, so it is not
   * remembered: lists change only at a refresh and stored heat only grows between them (a rebase
   * rescans), so it is looked at again when it next gets heat. Most signals are on such items,
   * and merging every touched item made a refresh every two seconds a 25–100 ms stall at 1M items.
   */
  touch(st: ItemState, oldCategory = -1): void {
    if (st.alive && oldCategory === -1 && !this.full && st.heat < this.floor(this.top, TOP_DEPTH) && (st.cat < 0 || st.heat < this.floor(this.byCategory.get(st.cat), CATEGORY_DEPTH))) return;
    this.dirty.add(st);
    if (st.cat >= 0) this.dirtyCategories.add(st.cat);
    if (oldCategory >= 0 && oldCategory !== st.cat) this.dirtyCategories.add(oldCategory);
  }

  /** The heat an item needs to enter a list (-Infinity while the list is not full). */
  private floor(list: readonly ItemState[] | undefined, depth: number): number {
    return list && list.length >= depth ? list[list.length - 1]!.heat : -Infinity;
  }

  /** After stored heats were all rescaled the order is the same, but be safe and rebuild. */
  invalidate(): void {
    this.full = true;
  }

  /** The served part of the overall list (its reserve cut off once per change, not per page). */
  get popular(): readonly ItemState[] {
    if (this.served?.from !== this.top) this.served = { from: this.top, list: this.top.length > TOP ? this.top.slice(0, TOP) : this.top };
    return this.served.list;
  }

  category(cat: number): readonly ItemState[] {
    return this.byCategory.get(cat) ?? [];
  }

  refresh(items: Iterable<ItemState>): void {
    if (!this.full && !this.dirty.size) return;
    if (!this.full) this.merge();
    if (this.full) this.scan(items);
    this.dirty.clear();
    this.dirtyCategories.clear();
  }

  private merge(): void {
    // A list is always an exact prefix of the ranking: items outside it have not gained heat
    // unless they are dirty, and only dirty items at least as hot as a full list's last can enter.
    // Removals shorten it; below the served length only a scan can refill it.
    const top = mergeList(this.top, this.enter(this.top, TOP_DEPTH, this.dirty, () => true), TOP_DEPTH);
    if (top.length < TOP && this.top.length >= TOP) { this.full = true; return; }
    this.top = top;
    const byCat = new Map<number, ItemState[]>();
    for (const st of this.dirty) if (st.alive && st.cat >= 0) {
      let l = byCat.get(st.cat);
      if (!l) byCat.set(st.cat, (l = []));
      l.push(st);
    }
    for (const c of this.dirtyCategories) {
      const had = this.byCategory.get(c) ?? [];
      const list = mergeList(had, this.enter(had, CATEGORY_DEPTH, byCat.get(c) ?? [], (st) => st.cat === c), CATEGORY_DEPTH, c);
      if (list.length < PER_CATEGORY && had.length >= PER_CATEGORY) { this.full = true; return; }
      if (list.length) this.byCategory.set(c, list);
      else this.byCategory.delete(c);
    }
  }

  /** The touched items hot enough to enter `list` (anything, while it is not full). */
  private enter(list: readonly ItemState[], depth: number, touched: Iterable<ItemState>, keep: (st: ItemState) => boolean): ItemState[] {
    const floor = list.length >= depth ? list[list.length - 1]!.heat : -Infinity;
    const out: ItemState[] = [];
    for (const st of touched) if (st.alive && keep(st) && st.heat >= floor) out.push(st);
    return out;
  }

  private scan(items: Iterable<ItemState>): void {
    this.scans++;
    const all: ItemState[] = [];
    for (const st of items) if (st.alive) all.push(st);
    all.sort(hotter);
    this.top = all.slice(0, TOP_DEPTH);
    this.byCategory.clear();
    for (const st of all) {
      if (st.cat < 0) continue;
      let l = this.byCategory.get(st.cat);
      if (!l) this.byCategory.set(st.cat, (l = []));
      if (l.length < CATEGORY_DEPTH) l.push(st);
    }
    this.full = false;
  }
}

/** The current list (alive, still in category `cat` if given) with the entering items, best first, cut to `depth`. */
function mergeList(list: readonly ItemState[], entering: ItemState[], depth: number, cat = -1): ItemState[] {
  const incoming = new Set(entering);
  const out: ItemState[] = [];
  for (const st of list) if (st.alive && (cat < 0 || st.cat === cat) && !incoming.has(st)) out.push(st);
  for (const st of entering) out.push(st);
  out.sort(hotter);
  if (out.length > depth) out.length = depth;
  return out;
}
