// The search engine's public surface: import from here, not from the files behind it.
export { SearchEngine } from './engine.ts';
export { DEFAULT_SYNONYMS } from './synonyms.ts';
export { LIMITS } from './validate.ts';
export { SNAPSHOT_VERSION, type RestoreResult } from './snapshot.ts';
export * from './types.ts';
