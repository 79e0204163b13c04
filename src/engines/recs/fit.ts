// Learning a recommender from interaction sequences, every choice made on held-out data of the
// same log: the graph's parameters (tune.ts), then how much the interest vectors add to it.
import { DEFAULT_EMBED, SeqEmbedding, type EmbedParams } from './embed.ts';
import { DEFAULT_KNN, ItemKnn, type KnnParams } from './knn.ts';
import { MetricsAccumulator } from './metrics.ts';
import { Recommender } from './recommender.ts';
import { popularity, type ItemSequence } from './sequences.ts';
import { holdOut, tuneKnn } from './tune.ts';

export interface FitOptions {
  /**
   * Search the graph's parameters on held-out items (else the defaults). Off by default: on Toys
   * and MovieLens-100K the search moved test HR@10 by less than its standard error (and down),
   * while the defaults held on both; worth trying on logs unlike those.
   */
  tune?: boolean;
  /** Learn interest vectors and blend them in where held-out items say they help. */
  embed?: boolean;
  embedParams?: Partial<EmbedParams>;
  knnParams?: Partial<KnnParams>;
  /** Held-out users ranked per trial. */
  holdoutUsers?: number;
  log?: (line: string) => void;
}

export interface FitReport {
  knn: KnnParams;
  blend: number;
  /** HR@10 + NDCG@10 on held-out items per blend weight tried. */
  blendTrials: Record<string, number>;
  ms: { tune: number; blend: number; fit: number };
}

export const BLENDS = [0, 0.1, 0.2, 0.35, 0.5, 1, 2, 4];

export function fitRecommender(train: readonly ItemSequence[], nItems: number, opts: FitOptions = {}): { recommender: Recommender; report: FitReport } {
  const log = opts.log;
  const t0 = Date.now();
  let knn: KnnParams = { ...DEFAULT_KNN, ...opts.knnParams };
  if (opts.tune === true) knn = tuneKnn(train, nItems, { log, maxUsers: opts.holdoutUsers ?? 8000 }, knn).params;
  const t1 = Date.now();
  const embedParams: EmbedParams = { ...DEFAULT_EMBED, ...opts.embedParams };
  let blend = 0;
  const blendTrials: Record<string, number> = {};
  if (opts.embed !== false) {
    const split = holdOut(train, opts.holdoutUsers ?? 8000);
    const pop = popularity(split.train, nItems);
    const graph = ItemKnn.fit(split.train, nItems, pop, knn);
    const emb = SeqEmbedding.train(split.train, nItems, pop, embedParams, log);
    const accs = BLENDS.map((b) => ({ b, acc: new MetricsAccumulator([10]), rec: new Recommender(graph, pop, emb, b) }));
    for (const c of split.cases) for (const a of accs) a.acc.add(a.rec.recommend(c.history, 10, true), c.target);
    let best = -1;
    for (const a of accs) {
      const m = a.acc.result();
      const s = m.hr[10]! + m.ndcg[10]!;
      blendTrials[String(a.b)] = s;
      if (s > best) { best = s; blend = a.b; }
    }
    log?.(`blend: ${Object.entries(blendTrials).map(([b, s]) => `${b}→${s.toFixed(4)}`).join(' ')}; chose ${blend}`);
  }
  const t2 = Date.now();
  const pop = popularity(train, nItems);
  const graph = ItemKnn.fit(train, nItems, pop, knn);
  const emb = blend > 0 ? SeqEmbedding.train(train, nItems, pop, embedParams, log) : null;
  const recommender = new Recommender(graph, pop, emb, blend);
  return { recommender, report: { knn, blend, blendTrials, ms: { tune: t1 - t0, blend: t2 - t1, fit: Date.now() - t2 } } };
}
