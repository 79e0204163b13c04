// BM25F term weights ("impacts") of postings, precomputed. The saturated, length-normalised
// weight of a posting depends only on the doc's field frequencies and lengths and on the average
// field lengths, so it is worked out once per main segment (at merge or restore) and stored as a
// 16-bit integer beside the postings; a query then scores a posting with one multiply
// (impact · idf · alternative weight) instead of three divisions and three length look-ups.
//
// The average lengths are frozen when the main segment is built and used for delta postings too,
// so a doc scores the same whichever tier holds it (before the first merge they follow the live
// averages). 16 bits over [0, K1 + 1) is a step of 3.4e-5, far below what the 4-decimal scores
// the engine returns can show.
import { FIELDS, type DocTable } from './docs.ts';
import type { Postings } from './postings.ts';

/** BM25F: title weighs most, then attributes, then description; b per field (titles are short). */
const FIELD_WEIGHT = [3, 1.5, 0.6] as const;
const FIELD_B = [0.5, 0.75, 0.75] as const;
const K1 = 1.2;
const STEPS = 65535;
/** Score of one impact unit: impact · IMPACT_UNIT is the saturated BM25F term weight. */
export const IMPACT_UNIT = (K1 + 1) / STEPS;

export class Norms {
  /** The main segment's impacts, parallel to its doc ids. */
  mainImpacts = new Uint16Array(0);
  private generation = -1;
  private frozen = false;
  // tf_f · w_f / (c1_f + c2_f · len_f), summed over fields, then saturated.
  private readonly c1 = new Float64Array(FIELDS);
  private readonly c2 = new Float64Array(FIELDS);

  constructor(private readonly docs: DocTable, private readonly postings: Postings) {}

  /** Before each query: recomputes the main impacts if the main segment changed since. */
  refresh(): void {
    if (this.postings.generation !== this.generation) {
      this.generation = this.postings.generation;
      this.frozen = this.postings.mainSize > 0;
      this.setConstants();
      const main = this.postings.main();
      this.mainImpacts = new Uint16Array(main.docs.length);
      this.fill(main.docs, main.tfs, 0, main.docs.length, this.mainImpacts);
    } else if (!this.frozen) this.setConstants();
  }

  /** out[i] = quantised BM25F weight of posting i, for i in [start, end). */
  fill(docs: Int32Array, tfs: Uint32Array, start: number, end: number, out: Uint16Array): void {
    const lens = this.docs.cols.lengths;
    const a0 = this.c1[0]!, b0 = this.c2[0]!, a1 = this.c1[1]!, b1 = this.c2[1]!, a2 = this.c1[2]!, b2 = this.c2[2]!;
    const scale = STEPS / (K1 + 1);
    for (let i = start; i < end; i++) {
      const tf = tfs[i]!;
      if (tf === 0) { out[i] = 0; continue; }
      const base = docs[i]! * 3; // FIELDS, written out: a module binding read costs in this loop
      const t0 = tf & 255, t1 = (tf >>> 8) & 255, t2 = tf >>> 16;
      let x = 0;
      if (t0 !== 0) x += t0 / (a0 + b0 * lens[base]!);
      if (t1 !== 0) x += t1 / (a1 + b1 * lens[base + 1]!);
      if (t2 !== 0) x += t2 / (a2 + b2 * lens[base + 2]!);
      // At least 1: a posting with any frequency must keep a non-zero weight.
      out[i] = Math.max(1, Math.round(((x * (K1 + 1)) / (x + K1)) * scale));
    }
  }

  private setConstants(): void {
    for (let f = 0; f < FIELDS; f++) {
      this.c1[f] = (1 - FIELD_B[f]!) / FIELD_WEIGHT[f]!;
      this.c2[f] = FIELD_B[f]! / this.docs.avgLength(f) / FIELD_WEIGHT[f]!;
    }
  }
}
