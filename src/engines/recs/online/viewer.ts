// What the engine remembers of one viewer: recent positive items (the history candidates come
// from), what they were shown (never twice within the seen TTL), who they follow, what they said
// they don't want, and how their interest spreads over categories. Items, authors, stores and
// categories are the engine's dense indices.

const HISTORY = 50;
const SEEN_MAX = 3000;
/**
 * Seen times are kept in whole seconds since 2024 so they fit V8's small integers: a Map of
 * millisecond timestamps holds a boxed number per entry, millions of them across viewers, each
 * one more object for every full garbage collection to mark.
 */
const EPOCH_S = 1_704_067_200;
const toSeconds = (ms: number): number => Math.floor(ms / 1000) - EPOCH_S;

/** An impression waiting for its label window to close (did a finish, like, tap or order follow?). */
export interface Pending {
  viewer: ViewerState;
  item: number;
  at: number;
  similarity: number;
  finish: boolean;
  engage: boolean;
  tap: boolean;
  purchase: boolean;
}

export class ViewerState {
  /** Positive items, oldest first, with how strong the signal was. */
  readonly history: number[] = [];
  readonly historyWeight: number[] = [];
  /** Item → when it was last served or shown (see `toSeconds`). Map order = insertion order, so the oldest go first. */
  readonly seen = new Map<number, number>();
  /** Authors and stores (as follow keys). */
  readonly following = new Set<number>();
  /** Items and authors the viewer said no to. */
  readonly rejectedItems = new Set<number>();
  readonly rejectedAuthors = new Map<number, number>();
  readonly categories = new Map<number, number>();
  categoryTotal = 0;
  /** Item → when the viewer last ordered it (goods already bought are not pushed again). */
  readonly purchased = new Map<number, number>();
  /** Similarity of recently served candidates (in 1/10,000ths, small integers), for labelling the impressions they lead to. */
  readonly servedSimilarity = new Map<number, number>();
  /** Impressions of this viewer still waiting for their labels, by item. */
  readonly pending = new Map<number, Pending>();
  /** The trained model's picks for this viewer and what they were computed for (engine.trainedPicks). */
  trainedPicks: readonly number[] = [];
  trainedKey = '';
  /** Labelled impressions so far and how many had each action (the viewer's own propensity). */
  impressions = 0;
  readonly actions = { finish: 0, engage: 0, tap: 0, purchase: 0 };

  addPositive(item: number, weight: number, category: number): void {
    const last = this.history.length - 1;
    if (last >= 0 && this.history[last] === item) this.historyWeight[last] = Math.max(this.historyWeight[last]!, weight);
    else {
      this.history.push(item);
      this.historyWeight.push(weight);
      if (this.history.length > HISTORY) { this.history.shift(); this.historyWeight.shift(); }
    }
    if (category >= 0) { this.categories.set(category, (this.categories.get(category) ?? 0) + weight); this.categoryTotal += weight; }
  }

  markSeen(item: number, now: number): void {
    this.seen.delete(item);
    this.seen.set(item, toSeconds(now));
    if (this.seen.size > SEEN_MAX) this.seen.delete(this.seen.keys().next().value!);
  }

  wasSeen(item: number, now: number, ttlMs: number): boolean {
    const t = this.seen.get(item);
    return t !== undefined && toSeconds(now) - t < ttlMs / 1000;
  }

  rememberServed(item: number, similarity: number): void {
    this.servedSimilarity.delete(item);
    this.servedSimilarity.set(item, Math.round(similarity * 10_000));
    if (this.servedSimilarity.size > 200) this.servedSimilarity.delete(this.servedSimilarity.keys().next().value!);
  }

  reject(item: number, author: number): void {
    this.rejectedItems.add(item);
    this.rejectedAuthors.set(author, (this.rejectedAuthors.get(author) ?? 0) + 1);
    const at = this.history.indexOf(item);
    if (at >= 0) { this.history.splice(at, 1); this.historyWeight.splice(at, 1); }
  }

  affinity(category: number): number {
    return category >= 0 && this.categoryTotal > 0 ? (this.categories.get(category) ?? 0) / this.categoryTotal : 0;
  }

  /**
   * The viewer's `n` strongest categories, strongest first (equal weights: the one met first), by
   * one pass that keeps the best n: asked on every page, where sorting every category was 4 % of it.
   */
  topCategories(n: number): number[] {
    const top: number[] = [];
    if (n <= 0) return top;
    const weight: number[] = [];
    // forEach, not for…of: the entries iterator makes a [key, value] array per category.
    this.categories.forEach((w, c) => {
      if (top.length === n && w <= weight[n - 1]!) return;
      let i = Math.min(top.length, n - 1);
      while (i > 0 && weight[i - 1]! < w) { top[i] = top[i - 1]!; weight[i] = weight[i - 1]!; i--; }
      top[i] = c;
      weight[i] = w;
    });
    return top;
  }
}
