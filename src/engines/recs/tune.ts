// Fits the item-to-item model's parameters to the data at hand, so the engine carries no
// constants tuned on one benchmark: the last interaction of each training history is held out,
// and a coordinate search over a small grid keeps what ranks those held-out items best.
import { evaluate, trim, type LeaveOneOut } from './evaluate.ts';
import { DEFAULT_KNN, ItemKnn, type KnnParams } from './knn.ts';
import { Recommender } from './recommender.ts';
import { popularity, type ItemSequence } from './sequences.ts';
import type { PairAccumulator } from './sparse.ts';

export const KNN_GRID: { [K in keyof KnnParams]?: number[] } = {
  mix: [0.2, 0.35, 0.5, 0.65, 0.8],
  beta: [0, 0.1, 0.2, 0.35, 0.5],
  alpha: [0, 0.15, 0.3, 0.5, 0.7],
  recency: [0.5, 0.6, 0.7, 0.8, 0.9],
  window: [2, 3, 5, 8],
  decay: [0.5, 0.65, 0.8, 0.9],
  reverse: [0, 0.1, 0.25],
  hop: [0, 0.05, 0.1, 0.2],
};

export interface TuneOptions {
  /** Users whose held-out item is ranked per trial (sampled evenly). */
  maxUsers?: number;
  passes?: number;
  /** Stop searching after this long; the best so far wins. */
  budgetMs?: number;
  log?: (line: string) => void;
}

export interface TuneResult {
  params: KnnParams;
  /** HR@10 + NDCG@10 on the held-out items, of the start and of the best. */
  start: number;
  best: number;
  trials: number;
}

/** Splits training histories into what the trials learn from and the held-out last items. */
export function holdOut(train: readonly ItemSequence[], maxUsers: number): LeaveOneOut {
  const learn: ItemSequence[] = [];
  const eligible: ItemSequence[] = [];
  for (const s of train) {
    if (s.items.length < 3) { learn.push(s); continue; }
    learn.push(trim(s, s.items.length - 1));
    eligible.push(s);
  }
  const step = Math.max(1, eligible.length / maxUsers);
  const cases: LeaveOneOut['cases'] = [];
  for (let x = 0; x < eligible.length && cases.length < maxUsers; x += step) {
    const s = eligible[Math.floor(x)]!;
    const n = s.items.length;
    cases.push({ user: s.user, history: s.items.subarray(0, n - 1), target: s.items[n - 1]! });
  }
  return { train: learn, cases };
}

export function tuneKnn(train: readonly ItemSequence[], nItems: number, opts: TuneOptions = {}, start: KnnParams = DEFAULT_KNN): TuneResult {
  const split = holdOut(train, opts.maxUsers ?? 8000);
  const pop = popularity(split.train, nItems);
  const deadline = Date.now() + (opts.budgetMs ?? 5 * 60_000);
  const counts = new Map<string, PairAccumulator>();
  const graphs = new Map<string, ItemKnn>();
  let trials = 0;
  const score = (p: KnnParams): number => {
    trials++;
    const ck = ItemKnn.countingKey(p);
    let acc = counts.get(ck);
    if (!acc) {
      // Only the latest counts are worth keeping: the search moves one parameter at a time.
      counts.clear();
      counts.set(ck, (acc = ItemKnn.count(split.train, nItems, p)));
    }
    const gk = `${ck}|${p.alpha}|${p.beta}|${p.keep}`;
    let knn = graphs.get(gk);
    if (!knn) {
      if (graphs.size > 8) graphs.clear();
      graphs.set(gk, (knn = ItemKnn.fit(split.train, nItems, pop, p, acc)));
    }
    const m = evaluate(new Recommender(knn.rescored(p), pop), split.cases, [10]);
    return m.hr[10]! + m.ndcg[10]!;
  };
  let best = { ...start };
  const first = score(best);
  let bestScore = first;
  opts.log?.(`tune: start ${first.toFixed(4)} on ${split.cases.length} held-out items`);
  for (let pass = 0; pass < (opts.passes ?? 2); pass++) {
    let improved = false;
    for (const [key, values] of Object.entries(KNN_GRID) as [keyof KnnParams, number[]][]) {
      for (const v of values) {
        if (v === best[key] || Date.now() > deadline) continue;
        const candidate = { ...best, [key]: v };
        const s = score(candidate);
        if (s > bestScore) { bestScore = s; best = candidate; improved = true; opts.log?.(`tune: ${key}=${v} → ${s.toFixed(4)}`); }
      }
    }
    if (!improved) break;
  }
  return { params: best, start: first, best: bestScore, trials };
}
