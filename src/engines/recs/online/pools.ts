// Traffic pools (流量池): new content gets a first audience of a set size; when it has used it,
// its engagement is compared with its peers at the same level, and it moves up to a pool ten times
// larger only if it did at least as well and drew little negative feedback. Held content keeps
// whatever organic reach the ranker gives it, but no more exploration slots.
import type { Counts } from './stats.ts';
import type { Objective, PoolPolicy } from './types.ts';

export type PoolStatus = 'testing' | 'held' | 'graduated';

export interface PoolState {
  level: number;
  status: PoolStatus;
  /** Impressions when the current level started. */
  levelStart: number;
  /** The last judgement, for the author. */
  lastScore: number | null;
  lastPeerMedian: number | null;
}

export interface PoolRates {
  finish: number;
  engage: number;
  tap: number;
  negative: number;
}

export function rates(c: Counts): PoolRates {
  const n = Math.max(1, c.impressions);
  return { finish: c.finishes / n, engage: c.engages / n, tap: (c.taps + c.orders) / n, negative: c.negatives / n };
}

/** One number per item: the objective's values weigh its rates (orders count as taps here). */
export const poolScore = (r: PoolRates, o: Objective): number => o.finish * r.finish + o.engage * r.engage + o.tap * r.tap;

export class TrafficPools {
  /** Recent judged scores per level: the peers. */
  private readonly peers: number[][] = [];

  constructor(private policy: PoolPolicy, private objective: Objective) {}

  configure(policy: PoolPolicy, objective: Objective): void {
    this.policy = policy;
    this.objective = objective;
  }

  start(): PoolState {
    return { level: 0, status: 'testing', levelStart: 0, lastScore: null, lastPeerMedian: null };
  }

  /** The impressions the current pool grants (Infinity once graduated). */
  size(s: PoolState): number {
    return this.sizeAt(s.level);
  }

  sizeAt(level: number): number {
    return this.policy.sizes[level] ?? Infinity;
  }

  /** Moves the item on when it has used its pool; returns true when the state changed. */
  judge(s: PoolState, c: Counts): boolean {
    if (s.status !== 'testing') return false;
    const used = c.impressions - s.levelStart;
    if (used < this.size(s)) return false;
    const r = rates(c);
    const score = poolScore(r, this.objective);
    const peers = (this.peers[s.level] ??= []);
    const median = peers.length >= 5 ? [...peers].sort((a, b) => a - b)[Math.floor(peers.length / 2)]! : null;
    peers.push(score);
    if (peers.length > 200) peers.shift();
    s.lastScore = score;
    s.lastPeerMedian = median;
    const good = (median === null || score >= median * this.policy.promoteRatio) && r.negative <= this.policy.maxNegativeRate;
    if (!good) { s.status = 'held'; return true; }
    s.level++;
    s.levelStart = c.impressions;
    if (s.level >= this.policy.sizes.length) s.status = 'graduated';
    return true;
  }

  /** How much of its pool a testing item still has to use, 0..1 (1 = untouched). */
  remaining(s: PoolState, c: Counts): number {
    if (s.status !== 'testing') return 0;
    return Math.max(0, 1 - (c.impressions - s.levelStart) / this.size(s));
  }
}
