// `flywheel recs offline|eval`: the distribution engine on an operator's own logs.
//   recs offline --train FILE.csv [--context FILE.csv] --k K [--exclude-seen] --out FILE.jsonl
//   recs eval --sequences FILE [--k 10,20]
// Both take --tune (search the graph's parameters on held-out items; slower, see fit.ts) and
// --no-embed (graph only: faster, a little less accurate). Progress goes to stderr; malformed
// input exits 65 naming the line.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CsvError, InteractionCsv } from '../engines/recs/csv.ts';
import type { FitOptions } from '../engines/recs/fit.ts';
import { OfflineLog, SequenceFile } from '../engines/recs/offline.ts';

class UsageError extends Error {}

const USAGE = `usage:
  flywheel recs offline --train FILE.csv [--context FILE.csv] --k K [--exclude-seen] --out FILE.jsonl [--tune] [--no-embed]
  flywheel recs eval --sequences FILE [--k 10,20] [--tune] [--no-embed]`;

export async function runRecs(argv: string[]): Promise<number> {
  try {
    const [sub, ...rest] = argv;
    if (sub === 'offline') await offline(rest);
    else if (sub === 'eval') await evalCommand(rest);
    else throw new UsageError(`unknown recs command "${sub ?? ''}"`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${err.message}\n${USAGE}`);
      return 2;
    }
    if (err instanceof FileLineError) {
      console.error(`${err.file}: ${err.message}`);
      return 65;
    }
    if (err instanceof Error && 'code' in err && (err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EACCES')) {
      console.error(err.message);
      return 66;
    }
    throw err;
  }
}

class FileLineError extends Error {
  constructor(
    readonly file: string,
    cause: CsvError,
  ) {
    super(cause.message);
  }
}

const common = { tune: { type: 'boolean' }, 'no-embed': { type: 'boolean' }, quiet: { type: 'boolean' } } as const;

function fitOptions(v: { tune?: boolean; 'no-embed'?: boolean; quiet?: boolean }): FitOptions {
  return { tune: Boolean(v.tune), embed: !v['no-embed'], log: v.quiet ? undefined : (l) => console.error(l) };
}

async function offline(argv: string[]): Promise<void> {
  const { values: v } = parseArgs({ args: argv, strict: true, options: { train: { type: 'string' }, context: { type: 'string' }, k: { type: 'string' }, 'exclude-seen': { type: 'boolean' }, out: { type: 'string' }, ...common } });
  if (!v.train) throw new UsageError('--train is required');
  if (!v.out) throw new UsageError('--out is required');
  const k = wholeNumber(v.k ?? '10', '--k');
  const log = new OfflineLog();
  await readLines(v.train, makeCsvSink(log, true));
  if (v.context) await readLines(v.context, makeCsvSink(log, false));
  const out = createWriteStream(v.out);
  let pending = '';
  const started = Date.now();
  const report = log.recommend(k, Boolean(v['exclude-seen']), (user, items) => {
    pending += JSON.stringify({ user_id: user, items }) + '\n';
    if (pending.length > 1 << 16) { out.write(pending); pending = ''; }
  }, fitOptions(v));
  out.end(pending);
  await once(out, 'finish');
  if (!v.quiet) console.error(`recs: ${log.users.size} users, ${log.items.size} items, ${log.trainRows} training rows; blend ${report.blend}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function evalCommand(argv: string[]): Promise<void> {
  const { values: v } = parseArgs({ args: argv, strict: true, options: { sequences: { type: 'string' }, k: { type: 'string' }, ...common } });
  if (!v.sequences) throw new UsageError('--sequences is required');
  const ks = (v.k ?? '10,20').split(',').map((s) => wholeNumber(s.trim(), '--k'));
  const file = new SequenceFile();
  await readLines(v.sequences, (text, line) => file.line(text, line));
  if (!file.sequences.length) throw new FileLineError(v.sequences, new CsvError(1, 'no sequences in the file'));
  const { metrics, report } = file.evaluate(ks, fitOptions(v));
  const line: Record<string, number> = { users: metrics.users };
  for (const k of ks) { line[`HR@${k}`] = round(metrics.hr[k]!); line[`NDCG@${k}`] = round(metrics.ndcg[k]!); }
  console.log(JSON.stringify({ ...line, blend: report.blend, seconds: round((report.ms.tune + report.ms.blend + report.ms.fit) / 1000, 1) }));
}

function makeCsvSink(log: OfflineLog, learn: boolean): (text: string, line: number) => void {
  const csv = new InteractionCsv();
  return Object.assign((text: string, line: number) => { const row = csv.line(text, line); if (row) log.add(row, learn); }, { finish: (n: number) => csv.finish(n) });
}

async function readLines(file: string, sink: ((text: string, line: number) => void) & { finish?: (lastLine: number) => void }): Promise<void> {
  const input = createReadStream(file);
  const opened = once(input, 'open');
  opened.catch(() => undefined);
  await Promise.race([opened, once(input, 'error').then(([e]) => { throw e; })]);
  let n = 0;
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) sink(text, ++n);
    sink.finish?.(n);
  } catch (err) {
    if (err instanceof CsvError) throw new FileLineError(file, err);
    throw err;
  }
}

function wholeNumber(s: string, name: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new UsageError(`${name} must be a whole number from 1 to 10000 (got "${s}")`);
  return n;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
