// The retrain's thread: trains the serving model on a training-log snapshot and sends it back as
// its buffers (moved, not copied). Minutes of training on a big log never stall serving.
import { parentPort, workerData } from 'node:worker_threads';
import { trainServing, transferables, type TrainOptions } from '../../engines/recs/online/trained.ts';
import { trainingEvents, type TrainingSnapshot } from './training.ts';

const { snapshot, options } = workerData as { snapshot: TrainingSnapshot; options: TrainOptions };
const parts = trainServing(trainingEvents(snapshot), options);
parentPort!.postMessage(parts, transferables(parts));
