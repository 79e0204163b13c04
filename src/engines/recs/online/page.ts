// One feed page for one viewer: gather candidates from every source, drop what they have seen,
// rejected or already bought, predict each action, score = Σ value × p × experience factor, then
// re-rank for diversity and exploration. Served items count as seen (unless told otherwise), so
// the next page moves on.
import type { OnlineEngine, ItemState } from './engine.ts';
import { rerank } from './rerank.ts';
import { ACTIONS, type Reason, type Served, type Source } from './types.ts';
import type { ViewerState } from './viewer.ts';

interface Candidate {
  st: ItemState;
  source: Source;
  similarity: number;
  becauseOf?: string;
  categoryId?: string;
}

/** Source precedence when one item comes from several: the most personal explanation wins. */
const RANK: Record<Source, number> = { similar: 0, following: 1, interest: 2, live: 3, campaign: 4, fresh: 5, popular: 6 };

/**
 * `markSeen`: served items count as seen (the feed, where the next page must move on). Shelves
 * that are asked for again and again (猜你喜欢 on the home page) leave it off: what the viewer
 * was shown there is known from impressions.
 */
export function servePage(engine: OnlineEngine, viewerId: string, limit: number, now: number, markSeen = true): Served[] {
  engine.tick(now);
  const v = engine.viewer(viewerId);
  const cands = new Map<string, Candidate>();
  const offer = (id: string, source: Source, extra: Partial<Candidate> = {}) => {
    const st = engine.items.get(id);
    if (!st || !eligible(engine, v, st, now)) return;
    const had = cands.get(id);
    if (had && RANK[had.source] <= RANK[source]) { had.similarity = Math.max(had.similarity, extra.similarity ?? 0); return; }
    cands.set(id, { st, source, similarity: Math.max(had?.similarity ?? 0, extra.similarity ?? 0), ...extra } as Candidate);
  };

  // Similar: neighbours of the viewer's recent positive items, the latest weighing most.
  const sim = new Map<string, { s: number; because: string; best: number }>();
  const h = v.history;
  for (let k = 0, rw = 1; k < Math.min(10, h.length); k++, rw *= 0.7) {
    const from = h[h.length - 1 - k]!;
    const w = rw * v.historyWeight[h.length - 1 - k]!;
    for (const [j, x] of engine.graph.neighbours(from)) {
      const e = sim.get(j);
      if (!e) sim.set(j, { s: w * x, because: from, best: w * x });
      else { e.s += w * x; if (w * x > e.best) { e.best = w * x; e.because = from; } }
    }
  }
  const simTop = [...sim.entries()].sort((a, b) => b[1].s - a[1].s).slice(0, 200);
  const maxSim = simTop[0]?.[1].s ?? 1;
  for (const [id, e] of simTop) offer(id, 'similar', { similarity: e.s / maxSim, becauseOf: e.because });

  for (const followed of v.following) {
    const ids = [...(engine.byAuthor.get(followed) ?? []), ...(engine.byStore.get(followed) ?? [])].map((id) => engine.items.get(id)!).filter((st) => now - st.item.publishedAt < 7 * 86_400_000);
    ids.sort((a, b) => b.item.publishedAt - a.item.publishedAt).slice(0, 10).forEach((st) => offer(st.item.id, 'following'));
  }
  for (const cat of v.topCategories(3)) for (const id of (engine.popularByCategory.get(cat) ?? []).slice(0, 30)) offer(id, 'interest', { categoryId: cat });
  for (const id of engine.live.slice(0, 10)) offer(id, 'live');
  for (const id of engine.campaigns.slice(0, 20)) offer(id, 'campaign');
  for (const id of engine.popular.slice(0, 100)) offer(id, 'popular', { categoryId: engine.items.get(id)?.item.categoryId ?? undefined });

  const fresh: Served[] = [];
  let explored = 0;
  for (const id of engine.testing) {
    // A few more than the slots, so spacing rules have a choice; the rest compete on score.
    if (explored >= engine.settings.pools.slotsPerPage * 2) break;
    const st = engine.items.get(id);
    // Exploration beats "popular" as a reason, not a personal one.
    const had = cands.get(id);
    if (!st || (had && had.source !== 'popular') || !eligible(engine, v, st, now)) continue;
    cands.delete(id);
    fresh.push(score(engine, v, { st, source: 'fresh', similarity: 0 }, now));
    explored++;
  }
  const main = [...cands.values()].map((c) => score(engine, v, c, now)).sort((a, b) => b.score - a.score || (a.item.id < b.item.id ? -1 : 1));
  const page = rerank(main, fresh, limit, engine.settings);
  for (const s of page) {
    if (markSeen) v.markSeen(s.item.id, now);
    v.rememberServed(s.item.id, s.reason.factors.similarity ?? 0);
  }
  return page;
}

function eligible(engine: OnlineEngine, v: ViewerState, st: ItemState, now: number): boolean {
  const id = st.item.id;
  if (v.rejectedItems.has(id) || v.wasSeen(id, now, engine.settings.seenTtlMs)) return false;
  const bought = v.purchased.get(id);
  if (bought !== undefined && !(st.item.rebuyAfterMs && now - bought >= st.item.rebuyAfterMs)) return false;
  return true;
}

function score(engine: OnlineEngine, v: ViewerState, c: Candidate, now: number): Served {
  const factors: Record<string, number> = {};
  let total = 0;
  for (const a of ACTIONS) {
    const p = engine.models.predict(a, engine.features(v, c.st, a, c.similarity, now));
    factors[`p_${a}`] = round(p);
    total += engine.settings.objective[a] * p;
  }
  const exp = engine.experienceOf(c.st.item);
  // Each "no" to an author halves what the viewer is shown of them.
  const rejected = Math.pow(0.5, v.rejectedAuthors.get(c.st.item.authorId) ?? 0);
  factors.experience = exp;
  if (c.similarity) factors.similarity = round(c.similarity);
  const reason: Reason = { source: c.source, factors };
  if (c.becauseOf) reason.becauseOf = c.becauseOf;
  if (c.categoryId) reason.categoryId = c.categoryId;
  if (c.source === 'fresh') reason.pool = c.st.pool.level;
  return { item: c.st.item, score: total * exp * rejected, reason };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
