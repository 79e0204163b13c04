// The periodic retrain: the offline recommender (../fit.ts: the sequential item graph plus the
// learned interest vectors, blended where held-out items say they help) trained on the behaviour
// log and handed to the serving engine, whose own live graph only knows the recent past and
// forgets weak links. Training is pure and deterministic; its result travels as plain typed
// arrays (`TrainedParts`), so it can be trained on another thread and moved over without copying.
import { SeqEmbedding, type EmbedParams } from '../embed.ts';
import { fitRecommender } from '../fit.ts';
import { ItemKnn, type KnnParams } from '../knn.ts';
import { Recommender } from '../recommender.ts';
import type { Csr } from '../sparse.ts';
import { Interner, popularity, toSequences, type Interaction } from '../sequences.ts';

/** One positive behaviour event for training: how much it says the viewer wanted the item. */
export interface TrainingEvent {
  viewer: string;
  itemId: string;
  at: number;
  weight: number;
}

export interface TrainedParts {
  version: number;
  trainedAt: number;
  itemIds: string[];
  knnParams: KnnParams;
  graph: Csr;
  popularity: Float64Array;
  embedding: { params: EmbedParams; input: Float32Array; output: Float32Array; bias: Float32Array; position: Float32Array } | null;
  blend: number;
  stats: { events: number; viewers: number; items: number; ms: number };
}

export interface TrainOptions {
  version: number;
  trainedAt: number;
  /**
   * Learn interest vectors only up to this many items: serving scores every item against the
   * viewer's vector (20k items × 64 dimensions ≈ 1 ms, once per change of the viewer's history),
   * which a million-item catalogue cannot afford per page; that needs an ANN index.
   */
  maxEmbedItems?: number;
  holdoutUsers?: number;
}

/** Trains on a log (any order); viewers with one event teach nothing and are left out. */
export function trainServing(events: readonly TrainingEvent[], opts: TrainOptions): TrainedParts {
  const t0 = Date.now();
  const viewers = new Interner();
  const items = new Interner();
  const rows: Interaction[] = [];
  for (const e of events) if (e.weight > 0) rows.push({ user: viewers.intern(e.viewer), item: items.intern(e.itemId), at: e.at, weight: e.weight });
  const seqs = toSequences(rows, viewers.size).filter((s) => s.items.length > 1);
  const embed = items.size > 0 && items.size <= (opts.maxEmbedItems ?? 20_000) && seqs.length >= 20;
  const { recommender, report } = fitRecommender(seqs, items.size, { embed, holdoutUsers: opts.holdoutUsers ?? 4000 });
  const e = recommender.embedding;
  return {
    version: opts.version,
    trainedAt: opts.trainedAt,
    itemIds: items.ids,
    knnParams: report.knn,
    graph: recommender.knn.graph,
    popularity: recommender.popularity,
    embedding: e ? { params: e.params, input: e.input, output: e.output, bias: e.bias, position: e.position } : null,
    blend: recommender.blend,
    stats: { events: rows.length, viewers: seqs.length, items: items.size, ms: Date.now() - t0 },
  };
}

/** The buffers of `parts`, for moving it between threads without a copy. */
export function transferables(parts: TrainedParts): ArrayBuffer[] {
  const arrays = [parts.graph.ptr, parts.graph.idx, parts.graph.w, parts.popularity];
  if (parts.embedding) arrays.push(parts.embedding.input, parts.embedding.output, parts.embedding.bias, parts.embedding.position);
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** A trained recommender over item ids, ready to serve. */
export class TrainedModel {
  readonly recommender: Recommender;
  readonly index: Map<string, number>;

  constructor(readonly parts: TrainedParts) {
    const emb = parts.embedding ? SeqEmbedding.from(parts.embedding.params, parts.itemIds.length, parts.embedding) : null;
    this.recommender = new Recommender(ItemKnn.from(parts.knnParams, parts.graph), parts.popularity, emb, emb ? parts.blend : 0);
    this.index = new Map(parts.itemIds.map((id, i) => [id, i]));
  }

  get version(): number {
    return this.parts.version;
  }

  /** Up to `k` items (model indices) for a history of model indices, oldest first; never one of the history. */
  recommend(history: readonly number[], k: number): number[] {
    // No popular top-up: serving has its own popular source, and these are explained as interests.
    return history.length ? this.recommender.recommend(history, k, true, false) : [];
  }
}
