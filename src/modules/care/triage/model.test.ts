import { describe, expect, it } from 'vitest';
import { concepts, enWords } from './lexicon.ts';
import { accuracy, softmax, train } from './model.ts';
import { features, normalize, stem } from './tokens.ts';

/** Whitespace words: the hand-computed examples below count these and nothing else. */
const words = (text: string) => text.split(/\s+/).filter(Boolean);
const EXAMPLES = [
  { text: 'a a b', label: 'A' },
  { text: 'a c', label: 'A' },
  { text: 'b c c', label: 'B' },
] as const;

describe('naive Bayes', () => {
  it('gives the posterior computed by hand (counts, Laplace smoothing)', () => {
    // Priors A 2/3, B 1/3. Vocabulary {a, b, c}, V = 3. Counts A: a3 b1 c1 (5); B: b1 c2 (3).
    // P(·|A) = (c + 1) / (5 + 3): a 4/8, b 2/8, c 2/8.  P(·|B) = (c + 1) / (3 + 3): a 1/6, b 2/6, c 3/6.
    const m = train(EXAMPLES, { alpha: 1, binary: false, featurize: words });
    // "b c": A ∝ 2/3 · 1/4 · 1/4 = 1/24, B ∝ 1/3 · 1/3 · 1/2 = 1/18 → P(B) = (1/18) / (1/18 + 1/24) = 4/7.
    const p = m.predict('b c');
    expect(p.label).toBe('B');
    expect(p.confidence).toBeCloseTo(4 / 7, 12);
    expect(p.scores.A).toBeCloseTo(3 / 7, 12);
    expect(m.logScores('b c').A).toBeCloseTo(Math.log(2 / 3) + 2 * Math.log(1 / 4), 12);
    // "a d": d was never seen and carries no evidence. A ∝ 2/3 · 1/2 = 1/3, B ∝ 1/3 · 1/6 = 1/18 → P(A) = 6/7.
    expect(m.predict('a d').scores.A).toBeCloseTo(6 / 7, 12);
    expect(m.vocabularySize).toBe(3);
  });

  it('binarized: a word counts once per message', () => {
    // Counts A: a2 b1 c1 (4); B: b1 c1 (2). P(b|A) = P(c|A) = 2/7; P(b|B) = P(c|B) = 2/5.
    // "b c": A ∝ 2/3 · 4/49 = 8/147, B ∝ 1/3 · 4/25 = 4/75 → P(A) = 600 / (600 + 588) = 50/99.
    const m = train(EXAMPLES, { alpha: 1, binary: true, featurize: words });
    expect(m.predict('b c').label).toBe('A');
    expect(m.predict('b c').confidence).toBeCloseTo(50 / 99, 12);
  });

  it('temperature softens the posterior but keeps the winner', () => {
    const m = train(EXAMPLES, { alpha: 1, binary: false, featurize: words, temperature: 2 });
    // p ∝ (likelihood)^(1/2): B ∝ √(1/18), A ∝ √(1/24) → P(B) = 1 / (1 + √(18/24)).
    expect(m.predict('b c').confidence).toBeCloseTo(1 / (1 + Math.sqrt(18 / 24)), 12);
    expect(m.predict('b c').label).toBe('B');
  });

  it('weights scale counts; labels without examples never win', () => {
    const weighted = train(EXAMPLES, { alpha: 1, binary: false, featurize: words, weight: (f) => (f === 'c' ? 2 : 1), labels: ['A', 'B', 'C'] });
    // A: a3 b1 c2 (6); B: b1 c4 (5); P(c|A) = 3/9, P(c|B) = 5/8. "c" counts twice in the message too:
    // A ∝ 2/3 · (1/3)² = 2/27 = 128/1728, B ∝ 1/3 · (5/8)² = 25/192 = 225/1728 → P(A) = 128/353.
    const p = weighted.predict('c');
    expect(p.scores.A).toBeCloseTo(128 / 353, 12);
    expect(p.scores.C).toBe(0);
    expect(weighted.labels).toEqual(['A', 'B', 'C']);
  });

  it('is deterministic and measures accuracy', () => {
    const a = train(EXAMPLES, { featurize: words });
    const b = train(EXAMPLES, { featurize: words });
    expect(a.predict('a b c')).toEqual(b.predict('a b c'));
    expect(accuracy(a, EXAMPLES)).toEqual({ accuracy: 1, correct: 3, total: 3 });
  });

  it('softmax is stable for large log scores', () => {
    const p = softmax([-1000, -1001, -1002]);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 12);
    expect(p[0]! / p[1]!).toBeCloseTo(Math.E, 9);
    expect(softmax([-Infinity, -Infinity])).toEqual([0.5, 0.5]);
  });
});

describe('features', () => {
  it('reads Chinese as character 1-, 2- and 3-grams that never cross punctuation or spaces', () => {
    const f = features('快递没到！急');
    for (const g of ['快', '递', '没', '到', '快递', '递没', '没到', '快递没', '递没到', '急']) expect(f).toContain(g);
    expect(f).not.toContain('到急');
    expect(features('快递 到了')).not.toContain('递到');
    expect(features('发货', { hanMaxN: 2 })).toEqual(['发', '货', '发货']);
  });

  it('reads English as stemmed words without stop words, plus bigrams, digits as #', () => {
    const f = features("Where's my parcel?? It's been 3 days, refunds pending");
    // Words of four letters or fewer are not stemmed ("days", "was", "does").
    expect(f).toEqual(expect.arrayContaining(['w:where', 'w:parcel', 'b:my parcel', 'w:#', 'b:been #', 'w:days', 'w:refund', 'b:refund pend']));
    expect(f).not.toContain('w:my');
    expect(features('The PARCEL')).toEqual(['w:parcel', 'b:the parcel']);
  });

  it('normalizes width, case and digits; keeps emoji', () => {
    expect(normalize('ＡＢＣ１２３？')).toBe('abc#?');
    expect(features('等了好久😭')).toContain('e:😭');
    expect(features('买了256G的')).toContain('w:#g');
  });

  it('stems a few English suffixes', () => {
    expect(['refunded', 'shipped', 'shipping', 'boxes', 'sizes', 'parties', 'was', 'glass'].map(stem)).toEqual(['refund', 'ship', 'ship', 'box', 'size', 'party', 'was', 'glass']);
    expect(enWords("Don't ship it!! ok?")).toEqual(['dont', 'ship', 'it', '!!', 'ok']);
  });

  it('finds the lexicon concepts in both languages', () => {
    expect(concepts('我要去12315投诉你们')).toContain('escalation');
    expect(concepts('孩子用完过敏了')).toContain('safety');
    expect(concepts('My son was injured')).toContain('safety');
    expect(concepts('I was refunded less')).toContain('money');
    expect(concepts('where is my parcel')).toEqual(expect.arrayContaining(['parcel', 'where']));
    expect(concepts('好评')).toEqual(['praise']);
  });
});
