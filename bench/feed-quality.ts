// `npm run bench -- feed-quality [--dataset toys|ml-100k|all] [--trained] [--budget N,…]`: how well
// the serving engine (src/engines/recs/online) itself ranks, on the leave-one-out protocol of
// ../shared/data/README.md. Every user's history but the last item is replayed into the engine
// as signals (round-robin over users, so the live graph sees them interleaved as it would live);
// then each user asks for one 20-item page (seen items excluded, as served) and the held-out item
// is looked for in it: HR@10/20 and NDCG@10/20 of the page, and the work per page.
// `recs-quality` measures the offline recommender behind the periodic retrain; this measures what
// a viewer is served, so it is how a change to serving (candidate budgets, rules) is judged.
// Exploration slots are off (the datasets have no new content to test) and items carry no
// category or shared author (the datasets have none), so the page is the personal candidates,
// the popular fallback and the ranking. `--trained` also retrains the offline recommender on the
// replayed log and serves its picks, as the feed module does every 30 minutes (slower: ~1 min per dataset).
// `--budget` runs the page once per candidate budget, as fractions of the default (e.g. 1,0.5).
import { OnlineEngine } from '../src/engines/recs/online/engine.ts';
import { TrainedModel, trainServing, type TrainingEvent } from '../src/engines/recs/online/trained.ts';
import { DEFAULT_BUDGET, DEFAULT_SETTINGS, type CandidateBudget } from '../src/engines/recs/online/types.ts';
import { ml100kSequences, toysSequences } from './_datasets.ts';
import { report, round } from './_util.ts';

const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : undefined; };
const which = arg('dataset') ?? 'all';
const trained = process.argv.includes('--trained');
const budgets = (arg('budget') ?? '1').split(',').map(Number);
const recent = arg('recent') ? Number(arg('recent')) : undefined;
const T0 = Date.UTC(2026, 0, 1);

const scaled = (f: number): CandidateBudget => ({
  recent: recent ?? DEFAULT_BUDGET.recent,
  similar: Math.max(1, Math.round(DEFAULT_BUDGET.similar * f)),
  trained: Math.round(DEFAULT_BUDGET.trained * f),
  popular: Math.round(DEFAULT_BUDGET.popular * f),
  perCategory: Math.round(DEFAULT_BUDGET.perCategory * f),
});

function run(name: string, seqs: string[][]): Record<string, number> {
  const engine = new OnlineEngine({ ...DEFAULT_SETTINGS, pools: { ...DEFAULT_SETTINGS.pools, slotsPerPage: 0 } });
  const items = new Set<string>();
  for (const [, ...xs] of seqs) for (const x of xs) items.add(x);
  for (const id of items) engine.upsertItem({ id, kind: 'video', authorId: `author:${id}`, storeId: null, categoryId: null, publishedAt: T0 - 30 * 86_400_000 });
  // The replay: position by position across users, one "finish" per item (a watched-through video).
  const longest = Math.max(...seqs.map((s) => s.length));
  const log: TrainingEvent[] = [];
  let at = T0;
  for (let i = 0; i < longest; i++) {
    for (const [user, ...xs] of seqs) {
      if (i >= xs.length - 1) continue; // the last item is held out
      const itemId = xs[i]!;
      engine.ingest({ viewer: user!, type: 'finish', itemId, at: (at += 10) });
      log.push({ viewer: user!, itemId, at, weight: 1 });
    }
  }
  const now = at + 120_000;
  engine.tick(now);
  let trainS = 0;
  if (trained) {
    const t = performance.now();
    engine.useTrained(new TrainedModel(trainServing(log, { version: 1, trainedAt: now })));
    trainS = (performance.now() - t) / 1000;
  }
  const out: Record<string, number> = { [`${name}_users`]: seqs.length, [`${name}_items`]: items.size };
  if (trained) out[`${name}_train_s`] = round(trainS, 1);
  for (const f of budgets) {
    engine.opts.budget = scaled(f);
    const hit = { 10: 0, 20: 0 };
    const gain = { 10: 0, 20: 0 };
    const t = performance.now();
    for (const [user, ...xs] of seqs) {
      const page = engine.page(user!, 20, now, { markSeen: false });
      const pos = page.findIndex((s) => s.item.id === xs[xs.length - 1]);
      for (const k of [10, 20] as const) if (pos >= 0 && pos < k) { hit[k]++; gain[k] += 1 / Math.log2(pos + 2); }
    }
    const ms = (performance.now() - t) / seqs.length;
    const n = seqs.length;
    const tag = budgets.length > 1 || f !== 1 ? `${name}@${f}` : name;
    console.error(`${tag}: HR@10 ${(hit[10] / n).toFixed(4)} NDCG@10 ${(gain[10] / n).toFixed(4)} HR@20 ${(hit[20] / n).toFixed(4)} NDCG@20 ${(gain[20] / n).toFixed(4)}, ${ms.toFixed(3)} ms/page`);
    Object.assign(out, { [`${tag}_HR@10`]: round(hit[10] / n, 4), [`${tag}_NDCG@10`]: round(gain[10] / n, 4), [`${tag}_HR@20`]: round(hit[20] / n, 4), [`${tag}_NDCG@20`]: round(gain[20] / n, 4), [`${tag}_ms_per_page`]: round(ms, 3) });
  }
  return out;
}

const figures: Record<string, number | string> = { trained: trained ? 'yes' : 'no', budgets: budgets.join(',') };
if (which === 'toys' || which === 'all') Object.assign(figures, run('toys', toysSequences()));
if (which === 'ml-100k' || which === 'all') Object.assign(figures, run('ml100k', ml100kSequences()));
report('feed-quality', figures, { note: 'no published row for a served page; compare budgets and changes against each other in one run (recs-quality has the offline table)' });
