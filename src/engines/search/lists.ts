// Sorted posting-list primitives: scoring a view, merging two scored lists, intersecting sorted
// candidates with a view (galloping when the view is much the longer).

/** A run of postings with their precomputed BM25F weights (see norms.ts). */
export interface ImpactView { docs: Int32Array; imps: Uint16Array; start: number; end: number }
/** Docs with their scores; the first n entries are used. */
export interface Scored { docs: Int32Array; scores: Float32Array; n: number }

/** A view's live postings, scored. `alive`: null when no doc is dead (a look-up per posting saved). */
export function scoreView(v: ImpactView, w: number, alive: Uint8Array | null): Scored {
  const docs = new Int32Array(v.end - v.start);
  const scores = new Float32Array(v.end - v.start);
  const pd = v.docs, pi = v.imps;
  let n = 0;
  if (alive === null) {
    for (let i = v.start; i < v.end; i++) { docs[n] = pd[i]!; scores[n++] = w * pi[i]!; }
    return { docs, scores, n };
  }
  for (let i = v.start; i < v.end; i++) {
    const d = pd[i]!;
    if (alive[d] === 0) continue;
    docs[n] = d;
    scores[n++] = w * pi[i]!;
  }
  return { docs, scores, n };
}

/** best[i] = max(best[i], w · impact) for each candidate docs[i] present in the view. */
export function intersect(docs: Int32Array, n: number, v: ImpactView, w: number, best: Float32Array): void {
  const pd = v.docs, pi = v.imps;
  let j = v.start;
  const end = v.end;
  if (n * 16 < end - j) {
    for (let i = 0; i < n && j < end; i++) {
      const target = docs[i]!;
      // Gallop: double the step until past the target, then binary search back.
      let step = 1;
      let hi = j;
      while (hi < end && pd[hi]! < target) { j = hi; hi += step; step *= 2; }
      if (hi > end) hi = end;
      while (j < hi) { const mid = (j + hi) >>> 1; if (pd[mid]! < target) j = mid + 1; else hi = mid; }
      if (j < end && pd[j] === target) { const s = w * pi[j]!; if (s > best[i]!) best[i] = s; }
    }
  } else {
    let i = 0;
    while (i < n && j < end) {
      const a = docs[i]!, b = pd[j]!;
      if (a < b) i++;
      else if (a > b) j++;
      else { { const s = w * pi[j]!; if (s > best[i]!) best[i] = s; } i++; j++; }
    }
  }
}

/** Two sorted lists merged into one, keeping the higher score of a doc found in both. */
export function mergeMax(a: Scored, b: Scored): Scored {
  const docs = new Int32Array(a.n + b.n);
  const scores = new Float32Array(a.n + b.n);
  let i = 0, j = 0, n = 0;
  while (i < a.n && j < b.n) {
    const x = a.docs[i]!, y = b.docs[j]!;
    if (x < y) { docs[n] = x; scores[n++] = a.scores[i++]!; }
    else if (x > y) { docs[n] = y; scores[n++] = b.scores[j++]!; }
    else { docs[n] = x; scores[n++] = Math.max(a.scores[i++]!, b.scores[j++]!); }
  }
  while (i < a.n) { docs[n] = a.docs[i]!; scores[n++] = a.scores[i++]!; }
  while (j < b.n) { docs[n] = b.docs[j]!; scores[n++] = b.scores[j++]!; }
  return { docs, scores, n };
}
