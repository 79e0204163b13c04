// The periodic retrain: a model trained on the log serves what the live graph does not know.
import { describe, expect, it } from 'vitest';
import { OnlineEngine } from './engine.ts';
import { TrainedModel, trainServing, transferables, type TrainingEvent } from './trained.ts';
import { DEFAULT_SETTINGS } from './types.ts';

const T0 = Date.UTC(2026, 10, 25);

/** 30 pairs: people who watch a{i} go on to b{i}; plus noise items everyone watches a bit. */
function log(): TrainingEvent[] {
  const events: TrainingEvent[] = [];
  let t = T0 - 86_400_000;
  for (let u = 0; u < 300; u++) {
    const i = u % 30;
    events.push({ viewer: `u${u}`, itemId: `noise${u % 7}`, at: t++, weight: 0.3 });
    events.push({ viewer: `u${u}`, itemId: `a${i}`, at: t++, weight: 0.6 });
    events.push({ viewer: `u${u}`, itemId: `b${i}`, at: t++, weight: 0.6 });
  }
  return events;
}

function engine(): OnlineEngine {
  const e = new OnlineEngine({ ...DEFAULT_SETTINGS, pools: { ...DEFAULT_SETTINGS.pools, slotsPerPage: 0 } });
  for (let i = 0; i < 30; i++) for (const p of ['a', 'b']) e.upsertItem({ id: `${p}${i}`, kind: 'video', authorId: `${p}${i}`, storeId: null, categoryId: null, publishedAt: T0 - 86_400_000 });
  for (let i = 0; i < 7; i++) e.upsertItem({ id: `noise${i}`, kind: 'video', authorId: `n${i}`, storeId: null, categoryId: null, publishedAt: T0 - 86_400_000 });
  // The live graph has seen only popularity, not the pairs.
  for (let u = 0; u < 50; u++) {
    e.ingest({ viewer: `fan${u}`, type: 'impression', itemId: `noise${u % 7}`, at: T0 - 3600_000 });
    if (u % 5 === 0) e.ingest({ viewer: `fan${u}`, type: 'like', itemId: `noise${u % 7}`, at: T0 - 3600_000 });
  }
  return e;
}

describe('trained model in serving', () => {
  it('serves what the log taught, explained as the viewer’s interest, once the model is in use', () => {
    const parts = trainServing(log(), { version: 1, trainedAt: T0 });
    expect(parts.stats).toMatchObject({ viewers: 300, items: 67 });
    const before = engine();
    before.ingest({ viewer: 'me', type: 'like', itemId: 'a7', at: T0 });
    expect(before.page('me', 5, T0 + 1000).map((s) => s.item.id)).not.toContain('b7');

    const e = engine();
    e.useTrained(new TrainedModel(parts));
    e.ingest({ viewer: 'me', type: 'like', itemId: 'a7', at: T0 });
    const page = e.page('me', 5, T0 + 1000);
    const b7 = page.find((s) => s.item.id === 'b7');
    expect(b7?.reason.source).toBe('interest');
    expect(b7?.reason.categoryId).toBeUndefined();
    // Ahead of every other pair's second item, which the model gives less for this history.
    const others = page.filter((s) => /^b\d+$/.test(s.item.id) && s.item.id !== 'b7');
    for (const o of others) expect(page.indexOf(o)).toBeGreaterThan(page.indexOf(b7!));
  });

  it('moves between threads as its buffers, unchanged', () => {
    const parts = trainServing(log(), { version: 2, trainedAt: T0 });
    const copy = structuredClone(parts, { transfer: transferables(structuredClone(parts)) });
    const a = new TrainedModel(parts);
    const b = new TrainedModel(copy);
    const hist = [a.index.get('a3')!];
    expect(b.recommend([b.index.get('a3')!], 5).map((m) => b.parts.itemIds[m])).toEqual(a.recommend(hist, 5).map((m) => a.parts.itemIds[m]));
    expect(b.version).toBe(2);
  });

  it('learns interest vectors only for catalogues small enough to score per viewer', () => {
    expect(trainServing(log(), { version: 1, trainedAt: T0, maxEmbedItems: 10 }).embedding).toBeNull();
    const withVectors = trainServing(log(), { version: 1, trainedAt: T0 });
    // Blended in only where held-out items said they help; either way the parts say which.
    expect(withVectors.blend === 0 || withVectors.embedding !== null).toBe(true);
  });

  it('keeps a viewer’s picks until their history or the model changes', () => {
    const e = engine();
    e.useTrained(new TrainedModel(trainServing(log(), { version: 1, trainedAt: T0 })));
    e.ingest({ viewer: 'me', type: 'like', itemId: 'a1', at: T0 });
    const v = e.viewer('me');
    const first = e.trainedPicks(v, 10);
    expect(e.trainedPicks(v, 10)).toBe(first);
    e.ingest({ viewer: 'me', type: 'like', itemId: 'a2', at: T0 + 1 });
    const second = e.trainedPicks(v, 10);
    expect(second).not.toBe(first);
    expect(e.itemIds.ids[second[0]!]).toBe('b2');
  });
});
