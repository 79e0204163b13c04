// One engine replica of `npm run bench -- feed`: builds the generated world, then answers page
// requests and applies broadcast signal batches, in the order they arrive (as an api process
// would with pages from its clients and signals from the event stream).
import { parentPort, workerData } from 'node:worker_threads';
import type { Signal } from '../src/engines/recs/online/types.ts';
import { buildWorld, type WorldSize } from './_feed-world.ts';

export type ToWorker = { kind: 'page'; id: number; viewer: string; at: number } | { kind: 'signals'; signals: Signal[] };
export type FromWorker =
  | { kind: 'ready'; itemsMs: number; ingestMs: number; heapMb: number; rssMb: number; now: number }
  | { kind: 'page'; id: number; items: string[]; serviceMs: number }
  | { kind: 'signals'; count: number; ms: number };

const port = parentPort!;
const world = buildWorld(workerData as WorldSize, (n) => process.stderr.write(`replica: ingested ${n}\n`));
global.gc?.();
const mem = process.memoryUsage();
port.postMessage({ kind: 'ready', itemsMs: world.itemsMs, ingestMs: world.ingestMs, heapMb: mem.heapUsed / 1048576, rssMb: mem.rss / 1048576, now: world.now } satisfies FromWorker);

port.on('message', (m: ToWorker) => {
  const t = performance.now();
  if (m.kind === 'page' && m.at < 0) port.postMessage({ kind: 'page', id: m.id, items: [], serviceMs: -1 } satisfies FromWorker);
  else if (m.kind === 'page') {
    const items = world.engine.page(m.viewer, 20, m.at).map((s) => s.item.id);
    port.postMessage({ kind: 'page', id: m.id, items, serviceMs: performance.now() - t } satisfies FromWorker);
  } else {
    for (const s of m.signals) world.engine.ingest(s);
    port.postMessage({ kind: 'signals', count: m.signals.length, ms: performance.now() - t } satisfies FromWorker);
  }
});
