// Runs one retrain on a worker thread (train-worker.ts) and resolves with the trained parts.
// The worker is started from a line of JavaScript that registers tsx's loader: the server runs its
// TypeScript sources directly, and a worker thread does not inherit the main thread's loader.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrainedParts, TrainOptions } from '../../engines/recs/online/trained.ts';
import type { TrainingSnapshot } from './training.ts';

const WORKER = new URL('./train-worker.ts', import.meta.url).href;
/**
 * tsx's ESM API, resolved here so the worker finds it whatever the current directory (a require
 * resolution would give its CommonJS build, which cannot be imported from an ESM worker).
 */
const TSX = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

export function trainInWorker(snapshot: TrainingSnapshot, options: TrainOptions): Promise<TrainedParts> {
  const entry = `import(${JSON.stringify(TSX)}).then((tsx) => tsx.tsImport(${JSON.stringify(WORKER)}, ${JSON.stringify(import.meta.url)}))`;
  const transfer = [snapshot.viewer, snapshot.item, snapshot.at, snapshot.weight].map((a) => a.buffer as ArrayBuffer);
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { eval: true, workerData: { snapshot, options }, transferList: transfer });
    let done = false;
    worker.once('message', (parts: TrainedParts) => { done = true; resolve(parts); void worker.terminate(); });
    worker.once('error', (err) => { done = true; reject(err); });
    worker.once('exit', (code) => { if (!done) reject(new Error(`training worker exited with code ${code}`)); });
  });
}
