// The request a piece of work comes from, carried across async calls (AsyncLocalStorage) and
// across processes: events and jobs record the request id they were made under, and their
// handlers run under it again, so one id follows a checkout from the api process through the
// worker's consumers and jobs (and what they publish in turn) in every log line.
import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<{ requestId: string }>();

/** The request id of the work running now, if it came from a request. */
export const currentRequestId = (): string | null => store.getStore()?.requestId ?? null;

/** Runs `fn` as part of the request `requestId` (null: no request; `fn` runs as it is). */
export function withRequestId<T>(requestId: string | null, fn: () => T): T {
  return requestId ? store.run({ requestId }, fn) : fn();
}
