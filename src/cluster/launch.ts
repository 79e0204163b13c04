// A local cluster on this machine: api, worker and ingest processes of one codebase (each a
// `flywheel start` with FLYWHEEL_ROLES) on one PostgreSQL, optionally Redis and NATS, behind
// nginx. The tests of issue 10 and `flywheel cluster` use it; a multi-machine deployment runs the
// same processes with the same environment (README, "Deployment").
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../platform/config.ts';
import { startNginx, type Nginx } from './nginx.ts';

const BIN = fileURLToPath(new URL('../../bin/flywheel.mjs', import.meta.url));
/**
 * What `npm start` gives node (package.json): a 64 MB young generation. The feed engine allocates
 * ~100–200 KB of short-lived objects per page beside a heap of millions of long-lived ones, and
 * there a scavenge cost ~25 ms however little survived; at 64 MB they come about a third as often
 * (1M-item bench: 96 → 28 scavenges and 2.4 → 0.5 s of pauses over 8,000 pages).
 */
const NODE_FLAGS = ['--max-semi-space-size=64'];

export interface ClusterSpec {
  databaseUrl: string;
  redisUrl?: string | null;
  natsUrl?: string | null;
  /** Shared by every process (media, live HLS, keys): the "shared media storage". */
  dataDir: string;
  /** Logs, nginx's prefix. */
  workDir: string;
  apis: number;
  workers: number;
  ingests: number;
  /** The load balancer's port (0: a free one). */
  port?: number;
  /** More environment for every process (e.g. DEMO_ON_EMPTY, timings). */
  env?: Record<string, string>;
}

export interface ClusterProcess {
  name: string;
  role: Role;
  port: number;
  /** An ingest process's RTMP port. */
  rtmpPort?: number;
  url: string;
  child: ChildProcess | null;
  log: string;
}

/** A free TCP port on the loopback (bound and released at once). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function waitReady(url: string, timeoutMs = 180_000, child?: ChildProcess | null): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited (code ${child.exitCode}) before it was ready`);
    const ok = await fetch(`${url}/api/health/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > until) throw new Error(`${url} was not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export class LocalCluster {
  readonly processes: ClusterProcess[] = [];
  url = '';
  /** The personal-data key every process shares (base64; tests seal test addresses with it). */
  readonly dataKey = randomBytes(32).toString('base64');
  private nginx: Nginx | null = null;
  private readonly env: Record<string, string>;

  private constructor(private readonly spec: ClusterSpec) {
    // One key and one set of webhook secrets for all: any process may read what another sealed.
    this.env = {
      DATABASE_URL: spec.databaseUrl,
      DATA_DIR: spec.dataDir,
      DATA_KEY: this.dataKey,
      HOST: '127.0.0.1',
      TRUST_PROXY: 'loopback',
      SERVE_WEB: 'false',
      DEMO_ON_EMPTY: 'false',
      LOG_LEVEL: 'warn',
      ...(spec.redisUrl ? { REDIS_URL: spec.redisUrl } : {}),
      ...(spec.natsUrl ? { NATS_URL: spec.natsUrl } : {}),
      ...spec.env,
    };
  }

  /** Starts the worker first (it migrates and owns the jobs), then the others, then nginx. */
  static async start(spec: ClusterSpec): Promise<LocalCluster> {
    const c = new LocalCluster(spec);
    mkdirSync(spec.workDir, { recursive: true });
    mkdirSync(spec.dataDir, { recursive: true });
    const lbPort = spec.port || (await freePort());
    c.url = `http://127.0.0.1:${lbPort}`;
    c.env.PUBLIC_URL = c.url;
    const plan: Array<[Role, number]> = [['worker', spec.workers], ['api', spec.apis], ['ingest', spec.ingests]];
    try {
      for (const [role, n] of plan) {
        for (let i = 1; i <= n; i++) c.processes.push({ name: `${role}-${i}`, role, port: await freePort(), ...(role === 'ingest' ? { rtmpPort: await freePort() } : {}), url: '', child: null, log: join(spec.workDir, `${role}-${i}.log`) });
      }
      // Hosts are told to push to the (first) ingest process; a real deployment names its RTMP balancer here.
      const ingest = c.processes.find((p) => p.role === 'ingest');
      if (ingest && !c.env.LIVE_PUBLIC_RTMP_URL) c.env.LIVE_PUBLIC_RTMP_URL = `rtmp://127.0.0.1:${ingest.rtmpPort}/live`;
      for (const p of c.processes) p.url = `http://127.0.0.1:${p.port}`;
      const [first, ...rest] = c.processes;
      if (first) await c.launch(first);
      await Promise.all(rest.map((p) => c.launch(p)));
      c.nginx = startNginx(join(spec.workDir, 'nginx'), lbPort, c.processes.filter((p) => p.role === 'api').map((p) => p.port));
      await waitReady(c.url, 30_000, c.nginx.child);
    } catch (err) {
      await c.stop();
      throw err;
    }
    return c;
  }

  process(name: string): ClusterProcess {
    const p = this.processes.find((x) => x.name === name);
    if (!p) throw new Error(`no process ${name}`);
    return p;
  }

  /** Starts (or restarts) one process and waits until it is ready. */
  async launch(p: ClusterProcess): Promise<void> {
    const extra: Record<string, string> = { FLYWHEEL_ROLES: p.role, PORT: String(p.port), INSTANCE_ID: p.name };
    // Only ingest processes take RTMP; each needs its own port on one machine.
    if (p.role === 'ingest') extra.LIVE_RTMP_PORT = String(p.rtmpPort);
    else extra.LIVE_INGEST = 'false';
    const out = createWriteStream(p.log, { flags: 'a' });
    const child = spawn(process.execPath, [...NODE_FLAGS, BIN, 'start'], { env: { ...process.env, ...this.env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(out);
    child.stderr!.pipe(out);
    p.child = child;
    await waitReady(p.url, 180_000, child);
  }

  /** Sends a signal (SIGKILL: the process dies mid-work) and waits for it to exit. */
  async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.process(name).child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    await exited;
  }

  async stop(): Promise<void> {
    await this.nginx?.stop();
    this.nginx = null;
    // SIGTERM: each process drains (readiness off, requests finished, jobs handed back).
    await Promise.all(this.processes.map(async (p) => {
      const child = p.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }));
  }
}
