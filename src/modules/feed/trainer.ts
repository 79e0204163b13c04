// Runs one retrain on a worker thread (train-worker.ts) and resolves with the trained parts.
import type { TrainedParts, TrainOptions } from '../../engines/recs/online/trained.ts';
import { tsWorker } from '../../platform/ts-worker.ts';
import type { TrainingSnapshot } from './training.ts';

const WORKER = new URL('./train-worker.ts', import.meta.url);

export function trainInWorker(snapshot: TrainingSnapshot, options: TrainOptions): Promise<TrainedParts> {
  const transfer = [snapshot.viewer, snapshot.item, snapshot.at, snapshot.weight].map((a) => a.buffer as ArrayBuffer);
  return new Promise((resolve, reject) => {
    const worker = tsWorker(WORKER, { workerData: { snapshot, options }, transferList: transfer });
    let done = false;
    worker.once('message', (parts: TrainedParts) => { done = true; resolve(parts); void worker.terminate(); });
    worker.once('error', (err) => { done = true; reject(err); });
    worker.once('exit', (code) => { if (!done) reject(new Error(`training worker exited with code ${code}`)); });
  });
}
