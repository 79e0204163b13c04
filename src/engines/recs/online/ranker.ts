// Predicted probabilities of each action (finish, like/comment/share, product tap, purchase) for
// one viewer and one item: a logistic model per action over a few features, updated online from
// labelled impressions (an impression is a negative unless the action follows within the label
// window). The item's own smoothed rate enters as a log-odds feature with weight 1 at the start,
// so a new engine predicts the item's rate and learns from there how much the viewer's affinity,
// the candidate's similarity, following and freshness change it.
import { ACTIONS, type Action } from './types.ts';

export const FEATURES = ['itemRate', 'authorRate', 'similarity', 'categoryAffinity', 'following', 'freshness', 'live', 'viewerRate'] as const;
export const NF = FEATURES.length;

/** Start weights per feature: trust the item's rate; a little for the others. */
const START = [1, 0.3, 1, 1, 0.5, 0.2, 0, 0.5];

export class ActionModels {
  readonly weights: Record<Action, Float64Array>;
  readonly bias: Record<Action, number>;
  /**
   * What serving uses: a copy taken by `freeze` (on every refresh), weights then bias per action.
   * Learning goes on between copies, and the parts of a score that depend only on the item can be
   * cached until the next one (`epoch` says which copy a cached part was made with).
   */
  readonly frozen: Record<Action, Float64Array>;
  epoch = 0;
  updates = 0;

  constructor(private readonly lr = 0.02, private readonly l2 = 1e-4) {
    this.weights = Object.fromEntries(ACTIONS.map((a) => [a, Float64Array.from(START)])) as Record<Action, Float64Array>;
    this.bias = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;
    this.frozen = Object.fromEntries(ACTIONS.map((a) => [a, new Float64Array(NF + 1)])) as Record<Action, Float64Array>;
    this.freeze();
  }

  freeze(): void {
    for (const a of ACTIONS) { this.frozen[a].set(this.weights[a]); this.frozen[a][NF] = this.bias[a]; }
    this.epoch++;
  }

  /** `x[a]` holds the features for action `a` (the rate features differ per action). */
  predict(a: Action, x: Float64Array): number {
    const w = this.weights[a];
    let z = this.bias[a];
    for (let f = 0; f < NF; f++) z += w[f]! * x[f]!;
    return 1 / (1 + Math.exp(-z));
  }

  /** One SGD step on the log loss. */
  learn(a: Action, x: Float64Array, label: 0 | 1): void {
    const g = this.predict(a, x) - label;
    const w = this.weights[a];
    for (let f = 0; f < NF; f++) w[f] = w[f]! - this.lr * (g * x[f]! + this.l2 * w[f]!);
    this.bias[a] -= this.lr * g;
    this.updates++;
  }

  /** Weights by feature name, for the operator page and explanations. */
  describe(): Record<Action, Record<string, number>> {
    return Object.fromEntries(ACTIONS.map((a) => [a, Object.fromEntries([['bias', round(this.bias[a])], ...FEATURES.map((f, i) => [f, round(this.weights[a][i]!)])])])) as Record<Action, Record<string, number>>;
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
