// The engine's parts on small logs whose right answers are known by construction.
import { describe, expect, it } from 'vitest';
import { SeqEmbedding } from './embed.ts';
import { evaluate, leaveOneOut } from './evaluate.ts';
import { fitRecommender } from './fit.ts';
import { DEFAULT_KNN } from './knn.ts';
import { MetricsAccumulator } from './metrics.ts';
import { Recommender } from './recommender.ts';
import { AliasSampler, mulberry32 } from './rng.ts';
import { Interner, popularity, toSequences, type ItemSequence } from './sequences.ts';
import { TopK } from './topk.ts';

const seq = (user: number, items: number[]): ItemSequence => ({ user, items: Int32Array.from(items) });

/**
 * Users walk one of two rings, 0→1→…→9→0 or 11→12→…→20→11, from anywhere for 4 to 8 steps;
 * item 10, the popular noise, comes first.
 */
function chains(users: number, seed = 1): ItemSequence[] {
  const rand = mulberry32(seed);
  return Array.from({ length: users }, (_, u) => {
    const base = u % 2 ? 11 : 0;
    const start = Math.floor(rand() * 10);
    const steps = 4 + Math.floor(rand() * 5);
    const items = [10];
    for (let k = 0; k < steps; k++) items.push(base + ((start + k) % 10));
    return seq(u, items);
  });
}
const N = 21;

describe('top K', () => {
  it('keeps the K best, best first, ties to the smaller index', () => {
    const t = new TopK(3);
    [5, 1, 9, 3, 9, 7].forEach((s, i) => t.push(i, s));
    expect(t.drain()).toEqual([2, 4, 5]);
  });

  it('drains into typed arrays in the same order, with the scores, and empties itself', () => {
    const rand = mulberry32(11);
    const a = new TopK(40), b = new TopK(40);
    for (let i = 0; i < 500; i++) { const s = Math.floor(rand() * 50); a.push(i, s); b.push(i, s); }
    const ids = new Int32Array(40), scores = new Float64Array(40);
    expect(b.drainTo(ids, scores)).toBe(40);
    const order = a.drain();
    expect(Array.from(ids)).toEqual(order);
    for (let k = 1; k < 40; k++) expect(scores[k - 1]! >= scores[k]!).toBe(true);
    expect(b.size).toBe(0);
    b.push(7, 1);
    expect(b.drain()).toEqual([7]);
  });
});

describe('metrics', () => {
  it('counts hits within K and discounts by rank', () => {
    const m = new MetricsAccumulator([1, 3]);
    m.add([7, 8, 9], 7);
    m.add([7, 8, 9], 9);
    m.add([7, 8, 9], 4);
    const r = m.result();
    expect(r.hr[1]).toBeCloseTo(1 / 3);
    expect(r.hr[3]).toBeCloseTo(2 / 3);
    expect(r.ndcg[3]).toBeCloseTo((1 + 1 / Math.log2(4)) / 3);
  });
});

describe('sequences', () => {
  it('orders each user by time, keeping input order for ties, and interns ids', () => {
    const users = new Interner();
    const items = new Interner();
    const rows = [['a', 'x', 5], ['a', 'y', 1], ['b', 'x', 2], ['a', 'z', 1]].map(([u, i, t]) => ({ user: users.intern(u as string), item: items.intern(i as string), at: t as number, weight: 1 }));
    const s = toSequences(rows, users.size);
    expect(s.map((q) => [...q.items].map((i) => items.ids[i]))).toEqual([['y', 'z', 'x'], ['x']]);
    expect([...popularity(s, items.size)]).toEqual([2, 1, 1]);
  });
});

describe('item graph', () => {
  it('predicts the next step of a chain and never recommends what the user has', () => {
    const rec = Recommender.fit(chains(200), N);
    expect(rec.recommend([10, 0, 1], 1, true)).toEqual([2]);
    expect(rec.recommend([10, 15, 16, 17], 1, true)).toEqual([18]);
    const page = rec.recommend([10, 0, 1], N, true);
    expect(page).toHaveLength(N - 3);
    expect(page).not.toContain(0);
    expect(page).not.toContain(10);
  });

  it('reaches a neighbour of a neighbour through the second hop', () => {
    // a→b and b→c are learned; a and c never meet. d→e is more popular than c.
    const data = [...Array.from({ length: 5 }, () => [0, 1]), ...Array.from({ length: 5 }, () => [1, 2]), ...Array.from({ length: 20 }, () => [3, 4])].map((items, user) => seq(user, items));
    expect(Recommender.fit(data, 5, { ...DEFAULT_KNN, hop: 0 }).recommend([0], 2, true)).toEqual([1, 3]);
    expect(Recommender.fit(data, 5, { ...DEFAULT_KNN, hop: 0.1 }).recommend([0], 2, true)).toEqual([1, 2]);
  });

  it('fills the page with popular items for a user with no history', () => {
    const rec = Recommender.fit(chains(50), N);
    expect(rec.recommend([], 3, true)[0]).toBe(10);
  });

  it('learns from weights: a history of orders outweighs one of plays', () => {
    const heavy = { user: 0, items: Int32Array.from([0, 1]), weights: Float32Array.from([1, 1]) };
    const light = { user: 1, items: Int32Array.from([0, 2]), weights: Float32Array.from([0.3, 0.3]) };
    const rec = Recommender.fit([heavy, light, heavy, light].map((s, user) => ({ ...s, user })), 3, { ...DEFAULT_KNN, mix: 0 });
    expect(rec.recommend([0], 2, true)).toEqual([1, 2]);
  });
});

describe('interest vectors', () => {
  it('learn the chains well enough to rank the true next item first for most users', () => {
    const data = chains(400, 3);
    const pop = popularity(data, N);
    const m = SeqEmbedding.train(data, N, pop, { dim: 8, history: 5, epochs: 15, lr: 0.1, negatives: 5, l2: 0, seed: 1 });
    const scores = new Float64Array(N);
    m.scoreAll([10, 0, 1, 2], scores);
    const best = [...scores.keys()].filter((i) => ![10, 0, 1, 2].includes(i)).sort((a, b) => scores[b]! - scores[a]!)[0];
    expect(best).toBe(3);
  });

  it('draws in proportion to weight', () => {
    const s = new AliasSampler([1, 0, 3], mulberry32(9));
    const n = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) n[s.draw()]!++;
    expect(n[1]).toBe(0);
    expect(n[2]! / n[0]!).toBeGreaterThan(2.7);
    expect(n[2]! / n[0]!).toBeLessThan(3.3);
  });
});

describe('fitting and the leave-one-out protocol', () => {
  it('holds out the last two items, learns from the rest and scores the chains near perfectly', () => {
    const data = chains(300, 5);
    const loo = leaveOneOut(data);
    expect(loo.train[0]!.items.length).toBe(data[0]!.items.length - 2);
    expect(loo.cases[0]!.target).toBe(data[0]!.items[data[0]!.items.length - 1]);
    const { recommender, report } = fitRecommender(loo.train, N, { embedParams: { dim: 8, epochs: 2, negatives: 5 }, holdoutUsers: 200 });
    expect(report.blendTrials['0']).toBeGreaterThan(0);
    const m = evaluate(recommender, loo.cases, [1, 5]);
    expect(m.hr[5]).toBe(1);
    expect(m.hr[1]).toBeGreaterThan(0.9);
  });
});
