// The leave-one-out, full-ranking protocol: each user's last item is the test target and the one
// before it the validation target; the model learns from everything before those, predicts the
// test item from the whole sequence before it, and ranks all items minus the ones the user has.
import { MetricsAccumulator, type RankingMetrics } from './metrics.ts';
import type { ItemSequence } from './sequences.ts';

export interface LeaveOneOut {
  /** What the model may learn from: every sequence without its last two items. */
  train: ItemSequence[];
  /** Users evaluated: full sequence (history = all but the last) and the test target. */
  cases: { user: number; history: Int32Array; target: number }[];
}

/** Users with fewer than three items can't hold out two; they are learned from whole. */
export function leaveOneOut(seqs: readonly ItemSequence[]): LeaveOneOut {
  const train: ItemSequence[] = [];
  const cases: LeaveOneOut['cases'] = [];
  for (const s of seqs) {
    const n = s.items.length;
    if (n < 3) { train.push(s); continue; }
    train.push(trim(s, n - 2));
    cases.push({ user: s.user, history: s.items.subarray(0, n - 1), target: s.items[n - 1]! });
  }
  return { train, cases };
}

/** The first `n` interactions of a sequence. */
export function trim(s: ItemSequence, n: number): ItemSequence {
  return s.weights ? { user: s.user, items: s.items.subarray(0, n), weights: s.weights.subarray(0, n) } : { user: s.user, items: s.items.subarray(0, n) };
}

export interface Ranker {
  recommend(history: ArrayLike<number>, k: number, excludeSeen: boolean): number[];
}

export function evaluate(model: Ranker, cases: LeaveOneOut['cases'], ks: readonly number[]): RankingMetrics {
  const acc = new MetricsAccumulator(ks);
  const kmax = Math.max(...ks);
  for (const c of cases) acc.add(model.recommend(c.history, kmax, true), c.target);
  return acc.result();
}
