// Trained models shared between processes (a cluster): the worker that retrains writes each
// engine's trained parts to the shared storage (DATA_DIR/models/feed, one file per version,
// written whole then renamed, so a reader never sees half a file) and announces it; every api
// process reads the file and swaps the model in between two requests. A process that starts
// later takes the newest file of each engine.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { TrainedParts } from '../../engines/recs/online/trained.ts';

export type EngineName = 'content' | 'goods';
export const MODEL_TOPIC = 'feed.model.published';
export interface ModelPublished {
  engine: EngineName;
  version: number;
  trainedAt: number;
  file: string;
}

const FILE = /^(content|goods)-(\d{13})-(\d+)\.model$/;
const KEEP = 3;

export class ModelStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'models', 'feed');
  }

  /** Writes the parts (typed arrays and all, v8's structured serialisation); returns the file name. */
  async save(engine: EngineName, parts: TrainedParts): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const name = `${engine}-${String(Math.round(parts.trainedAt)).padStart(13, '0')}-${parts.version}.model`;
    const tmp = join(this.dir, `.${name}.${process.pid}.tmp`);
    await writeFile(tmp, serialize(parts));
    await rename(tmp, join(this.dir, name));
    await this.prune(engine);
    return name;
  }

  async load(file: string): Promise<TrainedParts> {
    if (!FILE.test(file)) throw new Error(`not a model file name: ${file}`);
    return deserialize(await readFile(join(this.dir, file))) as TrainedParts;
  }

  /** The newest model file of an engine, if any. */
  async latest(engine: EngineName): Promise<string | null> {
    const files = (await readdir(this.dir).catch(() => [] as string[])).filter((f) => FILE.exec(f)?.[1] === engine).sort();
    return files.at(-1) ?? null;
  }

  private async prune(engine: EngineName): Promise<void> {
    const files = (await readdir(this.dir)).filter((f) => FILE.exec(f)?.[1] === engine).sort();
    // Older ones go, but not at once: a process may be reading the previous file right now.
    for (const f of files.slice(0, Math.max(0, files.length - KEEP))) await rm(join(this.dir, f), { force: true });
  }
}
