// Lookups by key that arrive in one event-loop turn, answered by one statement. When many
// requests come in at once (a flash sale's first second, everyone's first request after a
// restart), each would otherwise cost its own database round trip; here the keys asked for while
// the current turn's I/O callbacks run are collected and loaded together on `setImmediate`,
// and two requests asking for the same key share one answer. Nothing is remembered after the
// answer: caching, if any, is the caller's business (the answer is as fresh as a lookup of its own).

/** Loads many keys at once; keys missing from the returned map have no value (`null`). */
export type LoadMany<K, V> = (keys: K[]) => Promise<Map<K, V>>;

interface Waiter<V> {
  resolve: (v: V | null) => void;
  reject: (e: unknown) => void;
}

export class BatchLoader<K, V> {
  private waiting = new Map<K, Waiter<V>[]>();

  /** `maxBatch`: a turn with more keys than this is loaded in several statements (bounded parameters). */
  constructor(
    private readonly loadMany: LoadMany<K, V>,
    private readonly maxBatch = 500,
  ) {}

  load(key: K): Promise<V | null> {
    return new Promise<V | null>((resolve, reject) => {
      const had = this.waiting.get(key);
      if (had) {
        had.push({ resolve, reject });
        return;
      }
      if (this.waiting.size === 0) setImmediate(() => this.flush());
      this.waiting.set(key, [{ resolve, reject }]);
    });
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = new Map();
    const keys = [...batch.keys()];
    for (let i = 0; i < keys.length; i += this.maxBatch) {
      const part = keys.slice(i, i + this.maxBatch);
      // Through a promise, so a loader that throws at once fails its waiters, not the process.
      Promise.resolve(part).then((keys) => this.loadMany(keys)).then(
        (found) => {
          for (const k of part) for (const w of batch.get(k)!) w.resolve(found.get(k) ?? null);
        },
        (err: unknown) => {
          for (const k of part) for (const w of batch.get(k)!) w.reject(err);
        },
      );
    }
  }
}
