// Autocomplete. Entries are title words (weighted by how many titles hold them), store and
// creator names, and popular queries fed in with counts. Each entry is found by a prefix of its
// text, of its full pinyin or of its initials ("pingg", "pg" → 苹果). Keys sit in one sorted
// array searched by binary search; new entries wait in a short unsorted list until the next
// lazy re-sort. A prefix so short that it spans thousands of keys is answered from a memo.
import { textPinyin } from './pinyin.ts';
import { fold, isCjk } from './text.ts';
import type { Suggestion } from './types.ts';

const VIA = ['text', 'pinyin', 'initials'] as const;
const VIA_FACTOR = [1, 0.9, 0.6] as const;
/** A popular query outweighs a title word seen in as many titles. */
const QUERY_WEIGHT = 5;
const NAME_WEIGHT = 2;
const SCAN_LIMIT = 2000;
const MEMO_KEEP = 64;

interface Entry { text: string; queries: number; words: number; names: number }
interface Key { key: string; entry: Entry; via: number }

const weightOf = (e: Entry) => e.queries * QUERY_WEIGHT + e.words + e.names * NAME_WEIGHT;

export function normalizeSuggestText(s: string): string {
  return fold(s).replace(/\s+/g, ' ').trim();
}

export class Suggester {
  private readonly entries = new Map<string, Entry>();
  private sorted: Key[] = [];
  private pending: Key[] = [];
  private memo = new Map<string, Key[]>();

  get size(): number { return this.entries.size; }

  addWord(text: string, delta: number): void { const e = this.entry(text); if (e) e.words = Math.max(0, e.words + delta); }
  addName(text: string, delta: number): void { const e = this.entry(text); if (e) e.names = Math.max(0, e.names + delta); }
  addQuery(text: string, count: number): void { const e = this.entry(text); if (e) e.queries = Math.max(0, e.queries + count); }

  suggest(prefix: string, limit: number): Suggestion[] {
    const p = normalizeSuggestText(prefix);
    if (!p || p.length > 50) return [];
    if (this.pending.length > Math.max(512, this.sorted.length / 16)) this.resort();
    const found = new Map<Entry, { via: number; score: number }>();
    const consider = (k: Key) => {
      const w = weightOf(k.entry);
      if (w <= 0) return;
      const score = w * VIA_FACTOR[k.via]!;
      const cur = found.get(k.entry);
      if (!cur || score > cur.score) found.set(k.entry, { via: k.via, score });
    };
    const probes = new Set([p]);
    if (/^[a-z ]+$/.test(p)) probes.add(p.replace(/ /g, ''));
    for (const probe of probes) {
      for (const k of this.range(probe)) consider(k);
      for (const k of this.pending) if (k.key.startsWith(probe)) consider(k);
    }
    return [...found].sort((a, b) => b[1].score - a[1].score || (a[0].text < b[0].text ? -1 : 1)).slice(0, limit).map(([e, f]) => ({
      text: e.text,
      kind: e.queries > 0 ? 'query' : e.names > 0 ? 'name' : 'word',
      via: VIA[f.via]!,
      weight: weightOf(e),
    }));
  }

  /** Entries as [text, queries, words, names], for snapshots. */
  export(): Array<[string, number, number, number]> {
    return [...this.entries.values()].map((e) => [e.text, e.queries, e.words, e.names]);
  }

  import(rows: ReadonlyArray<readonly [string, number, number, number]>): void {
    for (const [text, q, w, n] of rows) {
      const e = this.entry(text);
      if (e) { e.queries = q; e.words = w; e.names = n; }
    }
    this.resort();
  }

  private entry(text: string): Entry | null {
    const norm = normalizeSuggestText(text);
    if (norm.length < 1 || norm.length > 50) return null;
    let e = this.entries.get(norm);
    if (!e) {
      e = { text: norm, queries: 0, words: 0, names: 0 };
      this.entries.set(norm, e);
      this.pending.push({ key: norm, entry: e, via: 0 });
      let han = 0;
      for (let i = 0; i < norm.length; i++) if (isCjk(norm.charCodeAt(i))) han++;
      if (han > 0) {
        const py = textPinyin(norm);
        if (py.full && py.full !== norm) this.pending.push({ key: py.full, entry: e, via: 1 });
        if (han >= 2 && py.initials.length >= 2) this.pending.push({ key: py.initials, entry: e, via: 2 });
      }
    }
    return e;
  }

  private resort(): void {
    this.sorted = this.sorted.concat(this.pending).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.pending = [];
    this.memo = new Map();
  }

  /** Sorted keys starting with `p`: all of them when few, else the memoised heaviest. */
  private range(p: string): Key[] {
    const lo = lowerBound(this.sorted, p);
    const hi = lowerBound(this.sorted, p + '\uffff');
    if (hi - lo <= SCAN_LIMIT) return this.sorted.slice(lo, hi);
    let top = this.memo.get(p);
    if (!top) {
      top = this.sorted.slice(lo, hi).sort((a, b) => weightOf(b.entry) * VIA_FACTOR[b.via]! - weightOf(a.entry) * VIA_FACTOR[a.via]!).slice(0, MEMO_KEEP);
      this.memo.set(p, top);
    }
    return top;
  }
}

function lowerBound(a: readonly Key[], k: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]!.key < k) lo = mid + 1; else hi = mid;
  }
  return lo;
}
