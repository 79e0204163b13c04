// Typo tolerance for Latin words, SymSpell style: every known surface word is stored under the
// strings it becomes with one (or, for long words, two) letters deleted, so a misspelling is
// looked up by its own deletions — a handful of map probes instead of a scan of the vocabulary —
// and each candidate is confirmed with a true edit distance (adjacent swaps count as one edit).

/** Edits allowed for a query word of this length: none under 4 letters, 1 from 4, 2 from 8. */
export function maxEdits(len: number): number {
  return len >= 8 ? 2 : len >= 4 ? 1 : 0;
}

export class TypoIndex {
  private readonly ids = new Map<string, number>();
  readonly words: string[] = [];
  private readonly deletes = new Map<string, number | number[]>();

  get size(): number { return this.words.length; }
  has(word: string): boolean { return this.ids.has(word); }

  add(word: string): void {
    if (word.length < 3 || word.length > 40 || this.ids.has(word)) return;
    const id = this.words.length;
    this.words.push(word);
    this.ids.set(word, id);
    // A word of length L can be 2 edits from a query of length ≥ 8 only when L ≥ 6.
    const depth = word.length >= 6 ? 2 : 1;
    for (const d of deletions(word, depth)) this.link(d, id);
  }

  /** Known words within the allowed edits of `q` (q itself excluded), nearest first. */
  candidates(q: string, limit = 8): Array<{ word: string; edits: number }> {
    const max = maxEdits(q.length);
    if (max === 0 || q.length > 40) return [];
    const seen = new Set<number>();
    const probe = (k: string) => {
      const own = this.ids.get(k);
      if (own !== undefined) seen.add(own);
      const ds = this.deletes.get(k);
      if (ds === undefined) return;
      if (typeof ds === 'number') seen.add(ds); else for (const x of ds) seen.add(x);
    };
    probe(q);
    for (const d of deletions(q, max)) probe(d);
    const out: Array<{ word: string; edits: number }> = [];
    for (const id of seen) {
      const w = this.words[id]!;
      if (w === q || Math.abs(w.length - q.length) > max) continue;
      const e = editDistance(q, w, max);
      if (e <= max) out.push({ word: w, edits: e });
    }
    out.sort((a, b) => a.edits - b.edits || a.word.localeCompare(b.word));
    return out.slice(0, limit);
  }

  private link(key: string, id: number): void {
    const cur = this.deletes.get(key);
    if (cur === undefined) this.deletes.set(key, id);
    else if (typeof cur === 'number') { if (cur !== id) this.deletes.set(key, [cur, id]); }
    else if (cur[cur.length - 1] !== id) cur.push(id);
  }
}

/** Distinct strings made by deleting 1..depth characters (never below 2 characters left). */
function deletions(word: string, depth: number): Set<string> {
  const out = new Set<string>();
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      if (w.length <= 2) continue;
      for (let i = 0; i < w.length; i++) {
        const x = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(x)) { out.add(x); next.push(x); }
      }
    }
    frontier = next;
  }
  return out;
}

/** Optimal-string-alignment distance, giving up (returning max+1) once every cell exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  let prev2 = new Int32Array(m + 1);
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}
