// `npm run bench -- recs-quality [--dataset toys|ml-100k|all] [--fast] [--tune]`: the leave-one-out,
// full-ranking protocol of ../shared/data/README.md, run through the operator CLI
// (`flywheel recs offline`) as a separate process: the training CSV holds every user's history
// but the last two items, the context CSV the second-to-last (conditioned on, not learned from),
// and the last item is the target. Figures sit beside the best published row (ICSRec, Toys).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ml100kSequences, toysSequences } from './_datasets.ts';
import { report, round } from './_util.ts';

const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : undefined; };
const which = arg('dataset') ?? 'all';
const fast = process.argv.includes('--fast');


function run(name: string, seqs: string[][]): Record<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'recs-quality-'));
  try {
    let train = 'user_id,item_id,timestamp\n';
    let context = 'user_id,item_id,timestamp\n';
    const target = new Map<string, string>();
    for (const [user, ...items] of seqs) {
      items.forEach((item, t) => {
        if (t < items.length - 2) train += `${user},${item},${t}\n`;
        else if (t === items.length - 2) context += `${user},${item},${t}\n`;
      });
      target.set(user!, items[items.length - 1]!);
    }
    writeFileSync(join(dir, 'train.csv'), train);
    writeFileSync(join(dir, 'context.csv'), context);
    const started = process.hrtime.bigint();
    const cli = spawnSync(process.execPath, ['bin/flywheel.mjs', 'recs', 'offline', '--train', join(dir, 'train.csv'), '--context', join(dir, 'context.csv'), '--k', '20', '--exclude-seen', '--out', join(dir, 'out.jsonl'), ...(fast ? ['--no-embed'] : []), ...(process.argv.includes('--tune') ? ['--tune'] : [])], { stdio: ['ignore', 'inherit', 'inherit'] });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (cli.status !== 0) throw new Error(`recs offline exited ${cli.status}`);
    const hit = { 10: 0, 20: 0 };
    const gain = { 10: 0, 20: 0 };
    let users = 0;
    for (const line of readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n')) {
      const { user_id, items } = JSON.parse(line) as { user_id: string; items: string[] };
      const pos = items.indexOf(target.get(user_id)!);
      users++;
      for (const k of [10, 20] as const) if (pos >= 0 && pos < k) { hit[k]++; gain[k] += 1 / Math.log2(pos + 2); }
    }
    if (users !== seqs.length) throw new Error(`expected ${seqs.length} users in the output, got ${users}`);
    console.error(`${name}: HR@10 ${(hit[10] / users).toFixed(4)} NDCG@10 ${(gain[10] / users).toFixed(4)} HR@20 ${(hit[20] / users).toFixed(4)} NDCG@20 ${(gain[20] / users).toFixed(4)} in ${seconds.toFixed(1)} s`);
    return { [`${name}_HR@10`]: round(hit[10] / users, 4), [`${name}_NDCG@10`]: round(gain[10] / users, 4), [`${name}_HR@20`]: round(hit[20] / users, 4), [`${name}_NDCG@20`]: round(gain[20] / users, 4), [`${name}_seconds`]: round(seconds, 1) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const figures: Record<string, number> = {};
if (which === 'toys' || which === 'all') Object.assign(figures, run('toys', toysSequences()));
if (which === 'ml-100k' || which === 'all') Object.assign(figures, run('ml100k', ml100kSequences()));
report('recs-quality', figures, {
  'toys_HR@10': '> 0.1055 (ICSRec)', 'toys_NDCG@10': '> 0.0657 (ICSRec)', 'toys_HR@20': '> 0.1368 (ICSRec)', 'toys_NDCG@20': '> 0.0736 (ICSRec)', toys_seconds: '≤ 600 (train + recommend, 2 cores)',
  'ml100k_HR@10': 'no published row (same protocol)',
});
