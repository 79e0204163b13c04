// Live-room fan-out: V viewers in one room, commenters sending a steady stream of comments, and
// over every viewer receipt: the delivery latency (receive time − the server's `at`, same machine
// clock: p50Ms/p99Ms/maxMs) and the end-to-end latency (receive time − the commenter's send time:
// sendToReceive*, which also counts the wait before the server reads the comment — the honest
// figure when a server falls behind, since `at` is stamped only once it gets to the comment).
// The server is the whole platform by default (a merchant's room, signed-in commenters, anonymous
// viewers on /ws/live/rooms/:roomId; `--hub` mounts the hub alone on a bare Fastify instead).
// The server (bench/_fanout-server.ts) and the load (bench/_fanout-client.ts, in `--clients`
// processes) each run in their own process. In the same run, the same load against a bare `ws`
// server that stamps each comment and re-broadcasts it with `ws.send` per socket (no Fastify, no
// hub, no batching) gives the baseline and the hub/bare ratios.
//   npm run bench -- live-fanout [--viewers 5000] [--seconds 20] [--rate 20] [--commenters 100] [--clients 2]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { ClientConfig, ClientReady, ClientReport } from './_fanout-client.ts';
import type { ServerStats } from './_fanout-server.ts';
import { flag, report, round } from './_util.ts';

const viewers = flag('viewers', 5000);
const seconds = flag('seconds', 20);
const rate = flag('rate', 20);
// 100 users × one comment per 5 s = 20/s: inside the production-like 3 per 10 s per user.
const commenters = flag('commenters', 100);
const clientProcs = Math.max(1, Math.min(4, flag('clients', 2)));
/** After the commenters stop: wait until no viewer receives anything for this long (max 60 s). */
const QUIET_MS = 1500;

const root = new URL('../', import.meta.url).pathname;
const fdLimit = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
if (Number.isFinite(fdLimit) && fdLimit < viewers + commenters + 200) {
  console.error(`note: ulimit -n is ${fdLimit}; ${viewers + commenters} sockets need more (raise it: ulimit -n 65536)`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function spawnNode(file: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

/** The child's next IPC message that passes `is`. */
function nextMessage<T>(child: ChildProcess, is: (m: unknown) => m is T, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`timed out waiting for ${what}`)), ms);
    const onMessage = (m: unknown) => {
      if (is(m)) done(null, m);
    };
    const onExit = (code: number | null) => done(new Error(`${what}: child exited (${code})`));
    function done(err: Error | null, m?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(m as T);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const has =
  <T>(key: string) =>
  (m: unknown): m is T =>
    typeof m === 'object' && m !== null && key in m;

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  if (child.connected) child.disconnect();
  const t = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(t);
}

interface RunResult {
  viewers: number;
  failed: number;
  connectMs: number;
  receipts: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
  e2eP50: number;
  e2eP99: number;
  perSec: number;
  sent: number;
  refused: number;
  dropped: number;
  deliveryRatio: number;
  cpuPct: number;
  clientCpuPct: number;
  rssMb: number;
  interactions: number;
  parseMismatches: number;
}

/** p50/p99/max/mean of merged [ms, count] histograms. */
function latencies(hists: Array<Array<[number, number]>>, total: number): { p50: number; p99: number; max: number; mean: number } {
  const merged = new Map<number, number>();
  for (const h of hists) for (const [ms, n] of h) merged.set(ms, (merged.get(ms) ?? 0) + n);
  const sorted = [...merged].sort((a, b) => a[0] - b[0]);
  const pct = (p: number) => {
    const rank = Math.max(1, Math.ceil(p * total));
    let seen = 0;
    for (const [ms, n] of sorted) if ((seen += n) >= rank) return ms;
    return Number.NaN;
  };
  const max = sorted.length ? sorted[sorted.length - 1]![0] : Number.NaN;
  return { p50: pct(0.5), p99: pct(0.99), max, mean: total ? sorted.reduce((s, [ms, n]) => s + ms * n, 0) / total : Number.NaN };
}

async function run(mode: 'platform' | 'hub' | 'bare'): Promise<RunResult> {
  const server = spawnNode('bench/_fanout-server.ts', ['--mode', mode, '--commenters', String(commenters)]);
  const clients: ChildProcess[] = [];
  try {
    const ready = await nextMessage(server, has<{ port: number; path?: string; tokens?: string[] }>('port'), 180_000, `${mode} server`);
    const url = `ws://127.0.0.1:${ready.port}${ready.path ?? '/ws/rooms/bench-room'}`;
    for (let i = 0; i < clientProcs; i++) {
      const share = Math.floor(viewers / clientProcs) + (i < viewers % clientProcs ? 1 : 0);
      const cfg: ClientConfig = { url, viewers: share, commenters: i === 0 ? commenters : 0, rate, offset: 0, ...(ready.tokens ? { tokens: ready.tokens } : {}) };
      clients.push(spawnNode('bench/_fanout-client.ts', [JSON.stringify(cfg)]));
    }
    const readies = await Promise.all(clients.map((c, i) => nextMessage(c, has<ClientReady>('ready'), 180_000, `client ${i} connecting`)));
    await sleep(1500); // let the join storm's viewer counts and interaction batches settle

    const stats = () => {
      server.send({ cmd: 'stats' });
      return nextMessage(server, has<ServerStats>('cpuMs'), 120_000, 'server stats');
    };
    const before = await stats();
    const t0 = Date.now();
    for (const c of clients) c.send({ cmd: 'start' });
    await sleep(seconds * 1000);
    clients[0]!.send({ cmd: 'stop' });
    const sendMs = Date.now() - t0;
    // Drain: until the receipt count stops moving (a saturated server delivers late, not never).
    const counted = () => Promise.all(clients.map((c) => (c.send({ cmd: 'count' }), nextMessage(c, has<{ count: number }>('count'), 30_000, 'count')))).then((cs) => cs.reduce((s, x) => s + x.count, 0));
    let lastChange = Date.now();
    for (let last = -1, t = Date.now(); Date.now() - t < 60_000; await sleep(250)) {
      const n = await counted();
      if (n !== last) [last, lastChange] = [n, Date.now()];
      else if (Date.now() - lastChange >= QUIET_MS) break;
    }
    // Delivery time: from the first comment to the last receipt (= the send time when keeping up).
    const deliverMs = Math.max(sendMs, lastChange - t0);
    const after = await stats();
    const reports = await Promise.all(
      clients.map((c, i) => {
        c.send({ cmd: 'report' });
        return nextMessage(c, has<ClientReport>('report'), 30_000, `client ${i} report`);
      }),
    );

    const wallMs = Date.now() - t0;
    const receipts = reports.reduce((s, r) => s + r.receipts, 0);
    const lat = latencies(reports.map((r) => r.hist), receipts);
    const e2e = latencies(reports.map((r) => r.e2e), receipts);
    const connected = readies.reduce((s, r) => s + r.connected, 0);
    const sent = reports.reduce((s, r) => s + r.sent, 0);
    const refused = reports.reduce((s, r) => s + r.refused, 0);
    return {
      viewers: connected,
      failed: readies.reduce((s, r) => s + r.failed, 0),
      connectMs: Math.max(...readies.map((r) => r.connectMs)),
      receipts,
      ...lat,
      e2eP50: e2e.p50,
      e2eP99: e2e.p99,
      perSec: receipts / (deliverMs / 1000),
      sent,
      refused,
      dropped: reports.reduce((s, r) => s + r.dropped, 0),
      deliveryRatio: receipts / Math.max(1, (sent - refused) * connected),
      cpuPct: ((after.cpuMs - before.cpuMs) / wallMs) * 100,
      clientCpuPct: (reports.reduce((s, r) => s + r.cpuMs, 0) / wallMs) * 100,
      rssMb: after.rssMb,
      interactions: after.interactions,
      parseMismatches: reports.reduce((s, r) => s + r.parseMismatches, 0),
    };
  } finally {
    await Promise.all(clients.map(stop));
    await stop(server);
  }
}

console.error(`live-fanout: ${viewers} viewers, ${commenters} commenters at ${rate} comments/s for ${seconds} s, ${clientProcs} client process(es)`);
// The whole platform's room route by default; `--hub` measures the hub alone on a bare Fastify.
const hub = await run(process.argv.includes('--hub') ? 'hub' : 'platform');
console.error(`hub:  p50 ${hub.p50} ms, p99 ${hub.p99} ms, ${Math.round(hub.perSec)} msg/s, server CPU ${Math.round(hub.cpuPct)}%`);
await sleep(1000);
const bare = await run('bare');
console.error(`bare: p50 ${bare.p50} ms, p99 ${bare.p99} ms, ${Math.round(bare.perSec)} msg/s, server CPU ${Math.round(bare.cpuPct)}%`);
if (hub.parseMismatches + bare.parseMismatches > 0) console.error('warning: the cheap `at` reader disagreed with JSON.parse on sampled frames');

report(
  'live-fanout',
  {
    viewers: hub.viewers,
    viewersRequested: viewers,
    failedConnects: hub.failed,
    commenters,
    seconds,
    clientProcesses: clientProcs,
    commentsSent: hub.sent,
    commentsRefused: hub.refused,
    p50Ms: hub.p50,
    p99Ms: hub.p99,
    maxMs: hub.max,
    meanMs: round(hub.mean, 1),
    sendToReceiveP50Ms: hub.e2eP50,
    sendToReceiveP99Ms: hub.e2eP99,
    deliveredPerSec: Math.round(hub.perSec),
    deliveryRatio: round(hub.deliveryRatio, 4),
    droppedSockets: hub.dropped,
    connectSeconds: round(hub.connectMs / 1000, 1),
    serverCpuPct: Math.round(hub.cpuPct),
    clientsCpuPct: Math.round(hub.clientCpuPct),
    serverRssMb: hub.rssMb,
    interactionsLogged: hub.interactions,
    bareViewers: bare.viewers,
    bareP50Ms: bare.p50,
    bareP99Ms: bare.p99,
    bareMaxMs: bare.max,
    bareSendToReceiveP50Ms: bare.e2eP50,
    bareSendToReceiveP99Ms: bare.e2eP99,
    bareDeliveredPerSec: Math.round(bare.perSec),
    bareDeliveryRatio: round(bare.deliveryRatio, 4),
    bareServerCpuPct: Math.round(bare.cpuPct),
    bareClientsCpuPct: Math.round(bare.clientCpuPct),
    hubVsBareP50: round(hub.p50 / Math.max(1, bare.p50), 2),
    hubVsBareP99: round(hub.p99 / Math.max(1, bare.p99), 2),
    hubVsBareSendToReceiveP99: round(hub.e2eP99 / Math.max(1, bare.e2eP99), 3),
    hubVsBareDeliveredPerSec: round(hub.perSec / bare.perSec, 3),
    hubVsBareServerCpu: round(hub.cpuPct / bare.cpuPct, 2),
  },
  { p99Ms: '<= 200', viewers: '>= 5000' },
);
process.exit(0);
