// User-interest vectors learned in-process: each item has an input vector (what having it says
// about you) and an output vector (who it suits). A user's interest is the position-weighted sum of
// their recent items' input vectors; the next item is predicted by a softmax over output vectors,
// trained with sampled negatives (corrected for how often each is sampled) and row-wise Adagrad.
// It generalises where the item graph has no edge: two items never bought together can still be
// near each other because they share neighbours.
import { AliasSampler, mulberry32 } from './rng.ts';
import type { ItemSequence } from './sequences.ts';

export interface EmbedParams {
  dim: number;
  /** Recent items that make up the interest vector. */
  history: number;
  epochs: number;
  lr: number;
  negatives: number;
  l2: number;
  seed: number;
}

export const DEFAULT_EMBED: EmbedParams = { dim: 64, history: 20, epochs: 3, lr: 0.03, negatives: 256, l2: 1e-5, seed: 7 };

export class SeqEmbedding {
  private constructor(
    readonly params: EmbedParams,
    readonly nItems: number,
    readonly input: Float32Array,
    readonly output: Float32Array,
    readonly bias: Float32Array,
    readonly position: Float32Array,
  ) {}

  /** Vectors learned elsewhere (another thread's training), from their parts. */
  static from(p: EmbedParams, nItems: number, parts: { input: Float32Array; output: Float32Array; bias: Float32Array; position: Float32Array }): SeqEmbedding {
    return new SeqEmbedding(p, nItems, parts.input, parts.output, parts.bias, parts.position);
  }

  static train(seqs: readonly ItemSequence[], nItems: number, pop: Float64Array, p: EmbedParams = DEFAULT_EMBED, log?: (line: string) => void): SeqEmbedding {
    const d = p.dim;
    const rand = mulberry32(p.seed);
    const scale = 0.5 / Math.sqrt(d);
    const input = Float32Array.from({ length: nItems * d }, () => (rand() * 2 - 1) * scale);
    const output = Float32Array.from({ length: nItems * d }, () => (rand() * 2 - 1) * scale);
    const bias = new Float32Array(nItems);
    const position = Float32Array.from({ length: p.history }, (_, k) => Math.pow(0.8, k));
    const gIn = new Float32Array(nItems).fill(1e-6);
    const gOut = new Float32Array(nItems).fill(1e-6);
    const gBias = new Float32Array(nItems).fill(1e-6);
    const gPos = new Float32Array(p.history).fill(1e-6);
    const m = new SeqEmbedding(p, nItems, input, output, bias, position);

    // Negatives in proportion to popularity^0.75 (word2vec's smoothing); logQ corrects the bias.
    const weights = Float64Array.from(pop, (c) => Math.pow(c + 1, 0.75));
    let wsum = 0;
    for (const w of weights) wsum += w;
    const logQ = Float32Array.from(weights, (w) => Math.log((w / wsum) * p.negatives));
    const sampler = new AliasSampler(weights, rand);

    let total = 0;
    for (const s of seqs) total += Math.max(0, s.items.length - 1);
    const exSeq = new Int32Array(total);
    const exPos = new Int32Array(total);
    let e = 0;
    seqs.forEach((s, si) => { for (let t = 1; t < s.items.length; t++) { exSeq[e] = si; exPos[e++] = t; } });

    const u = new Float32Array(d);
    const du = new Float32Array(d);
    const cand = new Int32Array(p.negatives + 1);
    const logit = new Float64Array(p.negatives + 1);
    const hist = new Int32Array(p.history);
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      for (let i = total - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        const a = exSeq[i]!; exSeq[i] = exSeq[j]!; exSeq[j] = a;
        const b = exPos[i]!; exPos[i] = exPos[j]!; exPos[j] = b;
      }
      let loss = 0;
      for (let x = 0; x < total; x++) {
        const items = seqs[exSeq[x]!]!.items;
        const t = exPos[x]!;
        const target = items[t]!;
        const L = Math.min(p.history, t);
        for (let k = 0; k < L; k++) hist[k] = items[t - 1 - k]!;
        m.interest(hist, L, u);
        cand[0] = target;
        for (let q = 1; q <= p.negatives; q++) cand[q] = sampler.draw();
        let max = -Infinity;
        for (let q = 0; q <= p.negatives; q++) {
          const c = cand[q]!;
          if (q > 0 && c === target) { logit[q] = -Infinity; continue; }
          let dot = bias[c]! - logQ[c]!;
          const o = c * d;
          for (let f = 0; f < d; f++) dot += u[f]! * output[o + f]!;
          logit[q] = dot;
          if (dot > max) max = dot;
        }
        let z = 0;
        for (let q = 0; q <= p.negatives; q++) z += (logit[q] = Math.exp(logit[q]! - max));
        loss -= Math.log(logit[0]! / z);
        du.fill(0);
        for (let q = 0; q <= p.negatives; q++) {
          const g = logit[q]! / z - (q === 0 ? 1 : 0);
          if (g === 0) continue;
          const c = cand[q]!;
          const o = c * d;
          let sq = 0;
          for (let f = 0; f < d; f++) {
            const grad = g * u[f]! + p.l2 * output[o + f]!;
            du[f]! += g * output[o + f]!;
            sq += grad * grad;
          }
          gOut[c]! += sq / d;
          const lr = p.lr / Math.sqrt(gOut[c]!);
          for (let f = 0; f < d; f++) output[o + f]! -= lr * (g * u[f]! + p.l2 * output[o + f]!);
          gBias[c]! += g * g;
          bias[c]! -= (p.lr / Math.sqrt(gBias[c]!)) * g;
        }
        for (let k = 0; k < L; k++) {
          const h = hist[k]!;
          const o = h * d;
          const w = position[k]!;
          let dw = 0;
          let sq = 0;
          for (let f = 0; f < d; f++) { dw += du[f]! * input[o + f]!; const grad = w * du[f]! + p.l2 * input[o + f]!; sq += grad * grad; }
          gIn[h]! += sq / d;
          const lr = p.lr / Math.sqrt(gIn[h]!);
          for (let f = 0; f < d; f++) input[o + f]! -= lr * (w * du[f]! + p.l2 * input[o + f]!);
          gPos[k]! += dw * dw;
          position[k]! -= (p.lr / Math.sqrt(gPos[k]!)) * dw;
        }
      }
      log?.(`embed: epoch ${epoch + 1}/${p.epochs} loss ${(loss / total).toFixed(4)}`);
    }
    return m;
  }

  /** The interest vector of the `n` most recent items in `recentFirst` (most recent first). */
  interest(recentFirst: ArrayLike<number>, n: number, into: Float32Array): void {
    const d = this.params.dim;
    into.fill(0);
    for (let k = 0; k < Math.min(n, this.params.history); k++) {
      const o = recentFirst[k]! * d;
      const w = this.position[k]!;
      for (let f = 0; f < d; f++) into[f]! += w * this.input[o + f]!;
    }
  }

  /** Logits of every item for a user with this history (oldest first). */
  scoreAll(history: ArrayLike<number>, into: Float64Array): void {
    const d = this.params.dim;
    const n = Math.min(history.length, this.params.history);
    const recent = new Int32Array(n);
    for (let k = 0; k < n; k++) recent[k] = history[history.length - 1 - k]!;
    const u = new Float32Array(d);
    this.interest(recent, n, u);
    for (let i = 0; i < this.nItems; i++) {
      let dot = this.bias[i]!;
      const o = i * d;
      for (let f = 0; f < d; f++) dot += u[f]! * this.output[o + f]!;
      into[i] = dot;
    }
  }
}
