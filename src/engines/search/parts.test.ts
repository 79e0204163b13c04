import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { precisionAtK, type LabelledQuery } from './evaluate.ts';
import { SearchEngine, type SearchDoc } from './index.ts';
import { PinyinIndex } from './pinyin.ts';
import { Postings } from './postings.ts';
import { TypoIndex, editDistance } from './typo.ts';
import { fold } from './text.ts';

describe('parts', () => {
  it('edit distance counts an adjacent swap as one edit and stops past the bound', () => {
    expect(editDistance('iphone', 'iphnoe', 2)).toBe(1);
    expect(editDistance('phone', 'phones', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 1)).toBe(2);
  });

  it('typo index finds words within 1 edit from 4 letters and 2 from 8', () => {
    const t = new TypoIndex();
    for (const w of ['phone', 'shone', 'keyboard', 'headphones']) t.add(w);
    expect(t.candidates('phine').map((c) => c.word)).toEqual(['phone', 'shone'].filter((w) => editDistance('phine', w, 1) <= 1));
    expect(t.candidates('kyeboadr').map((c) => c.word)).toEqual(['keyboard']);
    expect(t.candidates('phn')).toEqual([]);
  });

  it('pinyin segmentation prefers fewer, full pieces', () => {
    const p = new PinyinIndex();
    p.add(0, '苹果');
    p.add(1, '手机');
    p.add(2, '平');
    expect(p.segment('pingguoshouji')!.map((x) => x.key)).toEqual(['pingguo', 'shouji']);
    expect(p.segment('pg')).toEqual([{ key: 'pg', initials: true, terms: [0] }]);
    expect(p.segment('zzz')).toBeNull();
  });

  it('postings merge drops deleted docs, renumbers and keeps order', () => {
    const p = new Postings();
    const a = p.intern('a');
    const b = p.intern('b');
    p.append(a, 0, 1); p.append(b, 0, 2); p.append(a, 1, 3); p.append(a, 2, 4);
    p.merge(Int32Array.from([0, -1, 1]));
    p.append(b, 2, 5);
    const docs = (t: number) => p.views(t).flatMap((v) => [...v.docs.subarray(v.start, v.end)]);
    expect(docs(a)).toEqual([0, 1]);
    expect(docs(b)).toEqual([0, 2]);
    expect(p.df(a)).toBe(2);
  });

  it('fold keeps the length while mapping full-width, case and control characters', () => {
    const s = 'ＩＰＨＯＮＥ\u0000手机';
    expect(fold(s)).toBe('iphone 手机');
    expect(fold(s).length).toBe(s.length);
  });
});

describe('relevance', () => {
  it('keeps precision@5 ≥ 0.9 on the labelled set (bench/search-relevance.json)', () => {
    const set = JSON.parse(readFileSync(new URL('../../../bench/search-relevance.json', import.meta.url), 'utf8')) as { docs: SearchDoc[]; queries: LabelledQuery[] };
    expect(set.queries.length).toBeGreaterThanOrEqual(50);
    const engine = new SearchEngine();
    expect(engine.upsertMany(set.docs).ok).toBe(true);
    const { mean, perQuery } = precisionAtK(engine, set.queries, 5);
    expect(perQuery.filter((x) => x.precision < 1).map((x) => x.q).length).toBeLessThanOrEqual(5);
    expect(mean).toBeGreaterThanOrEqual(0.9);
  });
});
