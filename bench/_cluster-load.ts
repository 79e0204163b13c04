// The load generator and CPU accounting of `npm run bench -- cluster`: a closed loop of C
// clients on keep-alive HTTP/1.1 connections for a fixed time, and user+system CPU of groups of
// processes (the api processes, the worker, nginx, PostgreSQL, this process) read from /proc.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';

export interface Req {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoopResult {
  /** Answered requests (any status); `ok` of them 2xx. */
  requests: number;
  ok: number;
  statuses: Record<string, number>;
  seconds: number;
  /** Milliseconds from send to the last byte of the answer, every answered request, sorted. */
  latencies: number[];
}

/** One request on the agent's pooled connections; status 0 when the connection failed. */
export function send(agent: http.Agent, base: URL, r: Req, keepBody: boolean): Promise<{ status: number; body: Buffer | null }> {
  return new Promise((resolve) => {
    const headers = r.body === undefined ? r.headers : { ...r.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(r.body)) };
    const req = http.request({ host: base.hostname, port: base.port, path: r.path, method: r.method, agent, headers }, (res) => {
      const status = res.statusCode ?? 0;
      if (!keepBody) {
        res.on('end', () => resolve({ status, body: null }));
        res.on('error', () => resolve({ status: 0, body: null }));
        res.resume();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status, body: Buffer.concat(chunks) }));
      res.on('error', () => resolve({ status: 0, body: null }));
    });
    req.on('error', () => resolve({ status: 0, body: null }));
    req.end(r.body);
  });
}

/**
 * `concurrency` clients, each sending its next request as soon as it has the answer to the last,
 * until `seconds` have passed (requests in flight then are waited for and counted). `inspect`
 * sees the body of every `sampleEvery`-th answer.
 */
export async function closedLoop(opts: {
  agent: http.Agent;
  base: string;
  concurrency: number;
  seconds: number;
  make: (n: number, client: number) => Req;
  sampleEvery?: number;
  inspect?: (status: number, body: Buffer) => void;
}): Promise<LoopResult> {
  const base = new URL(opts.base);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let n = 0;
  const t0 = performance.now();
  const until = t0 + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async (_, client) => {
      while (performance.now() < until) {
        const i = n++;
        const sampled = !!opts.inspect && i % (opts.sampleEvery ?? 50) === 0;
        const s = performance.now();
        const res = await send(opts.agent, base, opts.make(i, client), sampled);
        latencies.push(performance.now() - s);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 200 && res.status < 300) ok++;
        if (sampled && res.body) opts.inspect!(res.status, res.body);
        // A dead upstream answers at once: do not spin.
        if (res.status === 0) await new Promise((r) => setTimeout(r, 10));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, ok, statuses, seconds, latencies };
}

/** The p-th quantile of sorted values (as the other benches take it). */
export const pct = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN);

// ---- CPU from /proc ----

const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime, in ticks. */
  own: number;
  /** cutime + cstime: children it has reaped. */
  reaped: number;
}

function readStat(pid: number | 'self'): ProcStat | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = s.indexOf('(');
    const close = s.lastIndexOf(')');
    const f = s.slice(close + 2).split(' ');
    // After "(comm) ": [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime.
    return { pid: Number(s.slice(0, open).trim()), comm: s.slice(open + 1, close), ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) };
  } catch {
    return null; // gone
  }
}

function allStats(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const st = readStat(Number(d));
    if (st) out.push(st);
  }
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

/** Busy and total ticks of the whole machine (all cores), from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = v;
  return { busy: user + nice + system + irq + softirq + steal, total: user + nice + system + idle + iowait + irq + softirq + steal };
}

/**
 * A group of processes to account: fixed pids, with the children they reaped (and, if
 * `children`, their live children, as nginx's workers); or the live processes of a command name
 * whose command line passes `cmdline` (PostgreSQL: its background processes and the backends of
 * one database; the postmaster's reaped backends are left out, they may be anyone's).
 */
export type Group = { name: string; pids: number[]; children?: boolean } | { name: string; comm: string; cmdline?: (cmd: string) => boolean };

export interface CpuSnapshot {
  at: number;
  groups: Record<string, number>;
  machine: { busy: number; total: number };
  /** Every other process (pid → command, ticks): what else used the cores. */
  rest: Map<number, { comm: string; ticks: number }>;
}

export function cpuSnapshot(groups: Group[]): CpuSnapshot {
  const stats = allStats();
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  const out: Record<string, number> = {};
  const counted = new Set<number>();
  for (const g of groups) {
    let ticks = 0;
    if ('comm' in g) {
      for (const s of stats) {
        if (s.comm !== g.comm || (g.cmdline && !g.cmdline(cmdline(s.pid)))) continue;
        ticks += s.own;
        counted.add(s.pid);
      }
    } else {
      const pids = new Set(g.pids);
      if (g.children) for (const s of stats) if (pids.has(s.ppid)) pids.add(s.pid);
      for (const pid of pids) {
        const st = pid === process.pid ? readStat('self') : byPid.get(pid);
        ticks += st ? st.own + st.reaped : 0;
        counted.add(pid);
      }
    }
    out[g.name] = ticks;
  }
  const rest = new Map(stats.filter((s) => !counted.has(s.pid)).map((s) => [s.pid, { comm: s.comm, ticks: s.own }]));
  return { at: performance.now(), groups: out, machine: machineTicks(), rest };
}

export interface CpuUse {
  wallSeconds: number;
  /** CPU seconds (user + system) per group during the interval. */
  seconds: Record<string, number>;
  /** CPU seconds / wall seconds × 100 (up to 100 × cores). */
  percent: Record<string, number>;
  /** The whole machine, and what the groups do not explain (other processes, interrupts). */
  machineSeconds: number;
  machinePercent: number;
  otherPercent: number;
  /** The other processes that used the most CPU in the interval (by command name), % as above. */
  topOther: Array<{ comm: string; percent: number }>;
}

export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot, cores: number): CpuUse {
  const wall = (b.at - a.at) / 1000;
  const seconds: Record<string, number> = {};
  const percent: Record<string, number> = {};
  let sum = 0;
  for (const name of Object.keys(b.groups)) {
    const s = Math.max(0, (b.groups[name]! - (a.groups[name] ?? 0)) / CLK_TCK);
    seconds[name] = s;
    percent[name] = (100 * s) / wall;
    sum += s;
  }
  const byComm = new Map<string, number>();
  for (const [pid, s] of b.rest) {
    const d = s.ticks - (a.rest.get(pid)?.ticks ?? 0);
    if (d > 0) byComm.set(s.comm, (byComm.get(s.comm) ?? 0) + d);
  }
  const topOther = [...byComm].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([comm, t]) => ({ comm, percent: (100 * t) / CLK_TCK / wall }));
  const total = b.machine.total - a.machine.total;
  const machineSeconds = total > 0 ? ((b.machine.busy - a.machine.busy) / total) * cores * wall : 0;
  return { wallSeconds: wall, seconds, percent, machineSeconds, machinePercent: (100 * machineSeconds) / wall, otherPercent: Math.max(0, (100 * (machineSeconds - sum)) / wall), topOther };
}
