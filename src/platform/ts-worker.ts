// Worker threads running this codebase's TypeScript. Node 20 refuses a .ts worker file before
// any loader runs, and a worker does not inherit the main thread's tsx loader, so the worker
// starts from a line of JavaScript that imports tsx's ESM API (resolved here, so it is found
// whatever the current directory; a require resolution would give its CommonJS build, which an
// ESM worker cannot import) and then the module.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const TSX = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

/** Starts `module` (a .ts file URL) on a worker thread. */
export function tsWorker(module: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const entry = `import(${JSON.stringify(TSX)}).then((tsx) => tsx.tsImport(${JSON.stringify(module.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(entry, { ...options, eval: true });
}
