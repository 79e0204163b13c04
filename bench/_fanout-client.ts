// The load side of bench/live-fanout.ts, in its own process (spawned with an IPC channel and a
// JSON config as argv[2]): holds `viewers` anonymous viewer sockets in one room and, if asked,
// `commenters` signed-in sockets that send `rate` comments per second in total, round-robin.
// Viewers record delivery latency = receive time − the comment's `at` (same machine clock) in a
// 1 ms histogram, and end-to-end latency = receive time − the commenter's send time (which the
// commenter writes into the text as `@<epoch ms>`). Kept light: no JSON.parse per message; the
// type is read from the frame's bytes (`{"t":"comment"` — the server puts `t` first), `at` from
// the digits after the last `"at":`, the send time from the digits after the last `@`.
// Protocol with the parent:  → {ready}  ← {cmd:'start'}  ← {cmd:'stop'}  ← {cmd:'count'} → {count}
//                            ← {cmd:'report'} → {report}
import { WebSocket } from 'ws';

export interface ClientConfig {
  url: string;
  viewers: number;
  commenters: number;
  /** Comments per second, all commenters together. */
  rate: number;
  /** Commenter user ids are `c${offset + i}`. */
  offset: number;
  /** Platform mode: commenter i signs in with bearer token i (the URL carries no user). */
  tokens?: string[];
}

export interface ClientReady {
  ready: true;
  connected: number;
  failed: number;
  connectMs: number;
}

export interface ClientReport {
  report: true;
  receipts: number;
  /** [latency ms, count] pairs: receive − `at`. */
  hist: Array<[number, number]>;
  /** [latency ms, count] pairs: receive − the commenter's send time. */
  e2e: Array<[number, number]>;
  sent: number;
  refused: number;
  /** Sockets (viewers or commenters) that closed while the bench ran. */
  dropped: number;
  /** Sampled full parses whose `at` disagreed with the cheap reader (must be 0). */
  parseMismatches: number;
  /** CPU time of this process from `start` to `report`. */
  cpuMs: number;
}

const cfg = JSON.parse(process.argv[2] ?? '{}') as ClientConfig;
const send = (msg: ClientReady | ClientReport | { count: number }) => {
  if (process.connected) process.send?.(msg);
};

const MAX_MS = 60_000;
const hist = new Uint32Array(MAX_MS + 1);
const e2e = new Uint32Array(MAX_MS + 1);
let receipts = 0;
let sent = 0;
let refused = 0;
let dropped = 0;
let running = false;
let parseMismatches = 0;

const C = 0x63; // 'c'
const O = 0x6f; // 'o'
const E = 0x65; // 'e'
const R = 0x72; // 'r'
const AT = Buffer.from('"at":');
const SENT = 0x40; // '@'

/** The number whose digits start at `i`. */
function digitsAt(buf: Buffer, i: number): number {
  let n = 0;
  for (let c = buf[i]; c !== undefined && c >= 0x30 && c <= 0x39; c = buf[++i]) n = n * 10 + (c - 0x30);
  return n;
}

function onViewerMessage(data: Buffer): void {
  // {"t":"comment", … : byte 6 is the first letter of the type.
  if (data[6] !== C || data[7] !== O) return;
  const now = Date.now();
  const at = digitsAt(data, data.lastIndexOf(AT) + AT.length);
  const sentAt = digitsAt(data, data.lastIndexOf(SENT) + 1);
  hist[Math.max(0, Math.min(MAX_MS, now - at))]!++;
  e2e[Math.max(0, Math.min(MAX_MS, now - sentAt))]!++;
  receipts++;
  if ((receipts & 4095) === 0) {
    const full = JSON.parse(data.toString('utf8')) as { at?: number };
    if (full.at !== at) parseMismatches++;
  }
}

function connect(url: string, onMessage: ((data: Buffer) => void) | null, headers: Record<string, string> = {}): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true, headers });
    let opened = false;
    ws.on('open', () => {
      opened = true;
      resolve(ws);
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary && onMessage) onMessage(data);
    });
    ws.on('error', () => {
      if (!opened) resolve(null);
    });
    ws.on('close', () => {
      if (!opened) resolve(null);
      else if (running) dropped++;
    });
  });
}

/** Connects `n` sockets, `parallel` at a time. */
async function connectMany(n: number, url: (i: number) => string, onMessage: ((data: Buffer) => void) | null, parallel = 100, headers: (i: number) => Record<string, string> = () => ({})): Promise<WebSocket[]> {
  const out: WebSocket[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, n) }, async () => {
      while (next < n) {
        const i = next++;
        const ws = await connect(url(i), onMessage, headers(i));
        if (ws) out.push(ws);
      }
    }),
  );
  return out;
}

const t0 = Date.now();
const viewers = await connectMany(cfg.viewers, () => cfg.url, onViewerMessage);
const commenters = await connectMany(
  cfg.commenters,
  (i) => (cfg.tokens ? cfg.url : `${cfg.url}?user=c${cfg.offset + i}`),
  (data) => {
    if (data[6] === E && data[7] === R) refused++;
  },
  100,
  (i): Record<string, string> => (cfg.tokens ? { authorization: `Bearer ${cfg.tokens[i]}` } : {}),
);
send({ ready: true, connected: viewers.length, failed: cfg.viewers - viewers.length + (cfg.commenters - commenters.length), connectMs: Date.now() - t0 });

let ticker: NodeJS.Timeout | null = null;
const texts = ['这个颜色有现货吗？', '主播能再讲一下尺码吗', '已下单，期待发货 🚚', 'How long is shipping to Hangzhou?', '好物推荐 👍👍', '<b>not bold</b> just text'];

let cpuAtStart = 0;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function start(): void {
  running = true;
  cpuAtStart = cpuMs();
  if (commenters.length === 0 || cfg.rate <= 0) return;
  const began = Date.now();
  let k = 0;
  // Drift-free: every 10 ms, send as many as should have gone out by now.
  ticker = setInterval(() => {
    const due = Math.floor(((Date.now() - began) * cfg.rate) / 1000);
    while (sent < due) {
      const ws = commenters[k++ % commenters.length]!;
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ t: 'comment', text: `${texts[sent % texts.length]} #${sent} @${Date.now()}` }));
      sent++;
    }
  }, 10);
}

process.on('message', (m: { cmd?: string }) => {
  if (m.cmd === 'start') start();
  else if (m.cmd === 'count') send({ count: receipts });
  else if (m.cmd === 'stop') {
    if (ticker) clearInterval(ticker);
  } else if (m.cmd === 'report') {
    running = false;
    const pairs = (h: Uint32Array) => {
      const out: Array<[number, number]> = [];
      for (let ms = 0; ms <= MAX_MS; ms++) if (h[ms]! > 0) out.push([ms, h[ms]!]);
      return out;
    };
    send({ report: true, receipts, hist: pairs(hist), e2e: pairs(e2e), sent, refused, dropped, parseMismatches, cpuMs: cpuMs() - cpuAtStart });
  }
});
process.on('disconnect', () => {
  for (const ws of [...viewers, ...commenters]) ws.terminate();
  process.exit(0);
});
