// Offline recommendation over an operator's own logs: learn from the training rows, then rank for
// every user seen in training or context, conditioning on the whole history (context rows
// included, though they are not learned from).
import type { CsvRow } from './csv.ts';
import { CsvError } from './csv.ts';
import { leaveOneOut, evaluate } from './evaluate.ts';
import { fitRecommender, type FitOptions, type FitReport } from './fit.ts';
import type { RankingMetrics } from './metrics.ts';
import { Interner, toSequences, type Interaction, type ItemSequence } from './sequences.ts';

export class OfflineLog {
  readonly users = new Interner();
  readonly items = new Interner();
  private readonly train: Interaction[] = [];
  private readonly context: Interaction[] = [];

  add(row: CsvRow, learn: boolean): void {
    const r = { user: this.users.intern(row.user), item: this.items.intern(row.item), at: row.at, weight: row.weight };
    (learn ? this.train : this.context).push(r);
  }

  get trainRows(): number {
    return this.train.length;
  }

  /**
   * Learns, then calls `emit` once per user (in first-seen order) with their top `k` item ids.
   * Context rows are merged into histories by time; ties put training rows first.
   */
  recommend(k: number, excludeSeen: boolean, emit: (user: string, items: string[]) => void, opts: FitOptions = {}): FitReport {
    const nItems = this.items.size;
    const trainSeqs = toSequences(this.train, this.users.size);
    const { recommender, report } = fitRecommender(trainSeqs, nItems, opts);
    const histories = this.context.length ? toSequences([...this.train, ...this.context], this.users.size) : trainSeqs;
    const byUser = new Map<number, ItemSequence>(histories.map((s) => [s.user, s]));
    const none = new Int32Array(0);
    for (let u = 0; u < this.users.size; u++) {
      const items = recommender.recommend(byUser.get(u)?.items ?? none, k, excludeSeen);
      emit(this.users.ids[u]!, items.map((i) => this.items.ids[i]!));
    }
    return report;
  }
}

/** Sequence files (`user item1 item2 …` a line, oldest first), as in ../shared/data/toys. */
export class SequenceFile {
  readonly users = new Interner();
  readonly items = new Interner();
  readonly sequences: ItemSequence[] = [];

  line(text: string, line: number): void {
    const t = text.trim();
    if (!t) return;
    const parts = t.split(/\s+/);
    if (parts.length < 2) throw new CsvError(line, 'expected a user id followed by at least one item id');
    const user = this.users.intern(parts[0]!);
    if (user < this.sequences.length) throw new CsvError(line, `user "${parts[0]!.slice(0, 40)}" appears on an earlier line too`);
    this.sequences.push({ user, items: Int32Array.from(parts.slice(1), (id) => this.items.intern(id)) });
  }

  /** The leave-one-out protocol over the whole file. */
  evaluate(ks: readonly number[], opts: FitOptions = {}): { metrics: RankingMetrics; report: FitReport } {
    const loo = leaveOneOut(this.sequences);
    const { recommender, report } = fitRecommender(loo.train, this.items.size, opts);
    return { metrics: evaluate(recommender, loo.cases, ks), report };
  }
}
