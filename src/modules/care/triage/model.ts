// A multinomial naive Bayes text classifier, written out by hand: class priors from label counts,
// per-class feature likelihoods with additive (Laplace/Lidstone) smoothing over the training
// vocabulary, and posteriors by a numerically stable softmax of the log scores. Features never
// seen in training are ignored (they carry no evidence for any class). Fully deterministic.
import { features } from './tokens.ts';

export interface Example<L extends string> {
  text: string;
  label: L;
}

export interface Prediction<L extends string> {
  label: L;
  /** The posterior probability of `label`. */
  confidence: number;
  /** Posterior probability of every label (they sum to 1). */
  scores: Record<L, number>;
}

export interface TrainOptions<L extends string> {
  /** Additive smoothing: 1 is Laplace, below 1 Lidstone. Default 0.3. */
  alpha?: number;
  /**
   * Count a feature at most once per message (binarized multinomial NB). Short messages rarely
   * repeat a word on purpose, and a repeated n-gram ("不要了不要了") should not outvote the rest.
   * Default true.
   */
  binary?: boolean;
  /**
   * Softmax temperature for the posteriors (`predict`): p ∝ exp(log score / T). Naive Bayes
   * multiplies many dependent features and is overconfident at T = 1; a larger T calibrates the
   * confidence without changing which label wins. Default 1 (the textbook posterior).
   */
  temperature?: number;
  /** Uniform class priors instead of label frequencies. Default false. */
  uniformPriors?: boolean;
  /**
   * Every label the model can answer, in this order (ties go to the earlier one). Default: the
   * labels of the examples in order of first appearance. A label with no example keeps a zero
   * prior and never wins.
   */
  labels?: readonly L[];
  /** How much one occurrence of a feature counts (default 1 for all). Counts become weights; the model stays multinomial. */
  weight?: (feature: string) => number;
  /**
   * Training only: a cache of each message's features, by text. Pass the same map to several
   * trainings on the same messages (e.g. one model per label set) to extract features once; the
   * model does not keep it.
   */
  featureCache?: Map<string, readonly string[]>;
  /** Text → features (with repeats). Default: `features` of tokens.ts. */
  featurize?: (text: string) => string[];
}

export interface TextModel<L extends string> {
  readonly labels: readonly L[];
  /** Distinct features seen in training. */
  readonly vocabularySize: number;
  predict(text: string): Prediction<L>;
  /** Log prior + log likelihood per label, before normalization (for tests and explanations). */
  logScores(text: string): Record<L, number>;
}

/** The features of a message as counts (or presence, when `binary`). */
function bag(text: string, binary: boolean, featurize: (text: string) => string[], weight: ((f: string) => number) | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of featurize(text)) counts.set(f, binary ? 1 : (counts.get(f) ?? 0) + 1);
  if (weight) for (const [f, n] of counts) counts.set(f, n * weight(f));
  return counts;
}

/** exp-normalizes log scores into probabilities (subtracting the max first, so nothing overflows). */
export function softmax(logs: readonly number[]): number[] {
  let max = -Infinity;
  for (const v of logs) if (v > max) max = v;
  if (max === -Infinity) return logs.map(() => 1 / logs.length);
  const exps = logs.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function train<L extends string>(examples: ReadonlyArray<Example<L>>, opts: TrainOptions<L> = {}): TextModel<L> {
  const alpha = opts.alpha ?? 0.3;
  const binary = opts.binary ?? true;
  const featurize = opts.featurize ?? ((text: string) => features(text));
  const weight = opts.weight;
  const temperature = opts.temperature ?? 1;
  if (!(alpha > 0)) throw new Error('alpha must be positive');
  if (!(temperature > 0)) throw new Error('temperature must be positive');
  const labels: L[] = opts.labels ? [...opts.labels] : [];
  if (!opts.labels) for (const e of examples) if (!labels.includes(e.label)) labels.push(e.label);
  if (labels.length === 0) throw new Error('no labels to train on');
  const index = new Map<L, number>(labels.map((l, i) => [l, i]));

  const K = labels.length;
  const docs = new Array<number>(K).fill(0);
  const totals = new Array<number>(K).fill(0);
  /** feature → its row in `counts`; counts[row * K + k] is the (weighted) count of the feature in label k. */
  const vocabulary = new Map<string, number>();
  const counts: number[] = [];
  /** Per row, the last example that counted it (binary mode counts a feature once per example). */
  const lastSeen: number[] = [];
  examples.forEach((e, doc) => {
    const k = index.get(e.label);
    if (k === undefined) throw new Error(`label ${e.label} is not among the model's labels`);
    docs[k]! += 1;
    let fs = opts.featureCache?.get(e.text);
    if (!fs) {
      fs = featurize(e.text);
      opts.featureCache?.set(e.text, fs);
    }
    for (const f of fs) {
      let row = vocabulary.get(f);
      if (row === undefined) {
        vocabulary.set(f, (row = vocabulary.size));
        for (let j = 0; j < K; j++) counts.push(0);
        lastSeen.push(-1);
      }
      if (binary && lastSeen[row] === doc) continue;
      lastSeen[row] = doc;
      const n = weight ? weight(f) : 1;
      counts[row * K + k]! += n;
      totals[k]! += n;
    }
  });

  const V = vocabulary.size;
  const N = examples.length;
  const logPrior = docs.map((d) => (opts.uniformPriors ? Math.log(1 / K) : d === 0 ? -Infinity : Math.log(d / N)));
  /** log P(f | label) for a feature f with count c in that label: log((c + α) / (total + αV)). */
  const logDenominator = totals.map((t) => Math.log(t + alpha * V));
  const logLikelihood = new Float64Array(V * K);
  for (let i = 0; i < logLikelihood.length; i++) logLikelihood[i] = Math.log(counts[i]! + alpha) - logDenominator[i % K]!;

  const rawScores = (text: string): number[] => {
    const s = [...logPrior];
    for (const [f, n] of bag(text, binary, featurize, weight)) {
      const row = vocabulary.get(f);
      if (row === undefined) continue;
      for (let k = 0; k < K; k++) s[k]! += n * logLikelihood[row * K + k]!;
    }
    return s;
  };
  const record = (values: readonly number[]): Record<L, number> => {
    const r = {} as Record<L, number>;
    labels.forEach((l, k) => (r[l] = values[k]!));
    return r;
  };

  return {
    labels,
    vocabularySize: V,
    logScores: (text) => record(rawScores(text)),
    predict(text) {
      const p = softmax(rawScores(text).map((v) => v / temperature));
      let best = 0;
      for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
      return { label: labels[best]!, confidence: p[best]!, scores: record(p) };
    },
  };
}

/** Share of examples the model labels correctly, with the counts. */
export function accuracy<L extends string>(model: TextModel<L>, examples: ReadonlyArray<Example<L>>): { accuracy: number; correct: number; total: number } {
  let correct = 0;
  for (const e of examples) if (model.predict(e.text).label === e.label) correct++;
  return { accuracy: examples.length === 0 ? 0 : correct / examples.length, correct, total: examples.length };
}
