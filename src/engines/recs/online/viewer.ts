// What the engine remembers of one viewer: recent positive items (the history candidates come
// from), what they were shown (never twice within the seen TTL), who they follow, what they said
// they don't want, and how their interest spreads over categories.

const HISTORY = 50;
const SEEN_MAX = 3000;

export class ViewerState {
  /** Positive items, oldest first, with how strong the signal was. */
  readonly history: string[] = [];
  readonly historyWeight: number[] = [];
  /** Item → when it was last served or shown. Map order = insertion order, so the oldest go first. */
  readonly seen = new Map<string, number>();
  readonly following = new Set<string>();
  /** Items and authors the viewer said no to. */
  readonly rejectedItems = new Set<string>();
  readonly rejectedAuthors = new Map<string, number>();
  readonly categories = new Map<string, number>();
  categoryTotal = 0;
  /** Item → when the viewer last ordered it (goods already bought are not pushed again). */
  readonly purchased = new Map<string, number>();
  /** Similarity of recently served candidates, for labelling the impressions they lead to. */
  readonly servedSimilarity = new Map<string, number>();
  /** Labelled impressions so far and how many had each action (the viewer's own propensity). */
  impressions = 0;
  readonly actions = { finish: 0, engage: 0, tap: 0, purchase: 0 };

  addPositive(itemId: string, weight: number, categoryId: string | null): void {
    const at = this.history.lastIndexOf(itemId);
    if (at >= 0 && at === this.history.length - 1) { this.historyWeight[at] = Math.max(this.historyWeight[at]!, weight); }
    else {
      this.history.push(itemId);
      this.historyWeight.push(weight);
      if (this.history.length > HISTORY) { this.history.shift(); this.historyWeight.shift(); }
    }
    if (categoryId) { this.categories.set(categoryId, (this.categories.get(categoryId) ?? 0) + weight); this.categoryTotal += weight; }
  }

  markSeen(itemId: string, now: number): void {
    this.seen.delete(itemId);
    this.seen.set(itemId, now);
    if (this.seen.size > SEEN_MAX) this.seen.delete(this.seen.keys().next().value!);
  }

  wasSeen(itemId: string, now: number, ttlMs: number): boolean {
    const t = this.seen.get(itemId);
    return t !== undefined && now - t < ttlMs;
  }

  rememberServed(itemId: string, similarity: number): void {
    this.servedSimilarity.delete(itemId);
    this.servedSimilarity.set(itemId, similarity);
    if (this.servedSimilarity.size > 200) this.servedSimilarity.delete(this.servedSimilarity.keys().next().value!);
  }

  reject(itemId: string, authorId: string | null): void {
    this.rejectedItems.add(itemId);
    if (authorId) this.rejectedAuthors.set(authorId, (this.rejectedAuthors.get(authorId) ?? 0) + 1);
    const at = this.history.indexOf(itemId);
    if (at >= 0) { this.history.splice(at, 1); this.historyWeight.splice(at, 1); }
  }

  affinity(categoryId: string | null): number {
    return categoryId && this.categoryTotal > 0 ? (this.categories.get(categoryId) ?? 0) / this.categoryTotal : 0;
  }

  /** The viewer's categories, strongest first. */
  topCategories(n: number): string[] {
    return [...this.categories.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([c]) => c);
  }
}
