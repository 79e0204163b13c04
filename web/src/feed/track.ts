// Behaviour events, batched: `track` queues an event and a flush sends the queue about every two
// seconds, and at once (with keepalive, so it outlives the page) when the page is hidden or left.
// Failed sends are retried once with the next flush; a refused batch (4xx) is dropped.
import type { FeedEvent } from '../types';
import { deviceId, randomId } from './device';

const FLUSH_MS = 2000;
const MAX_BATCH = 100;

type Pending = FeedEvent & { retried?: boolean };

let queue: Pending[] = [];
let timer: number | null = null;
let listening = false;

/** An event as the app reports it; the id and time are added here. */
export type TrackInput = Omit<FeedEvent, 'id' | 'at'>;

export function track(e: TrackInput): void {
  const ev: Pending = { id: `e${randomId(23)}`, at: new Date().toISOString(), ...e };
  if (ev.watchMs !== undefined) ev.watchMs = Math.max(0, Math.round(ev.watchMs));
  if (ev.durationMs !== undefined) ev.durationMs = Math.max(1, Math.round(ev.durationMs));
  queue.push(ev);
  listen();
  if (timer === null) timer = window.setTimeout(() => void flush(), FLUSH_MS);
}

/** Sends what is queued now (keepalive: when the page is going away). */
export async function flush(keepalive = false): Promise<void> {
  if (timer !== null) window.clearTimeout(timer);
  timer = null;
  while (queue.length > 0) {
    const batch = queue.slice(0, MAX_BATCH);
    queue = queue.slice(MAX_BATCH);
    const body = JSON.stringify({ deviceId: deviceId(), events: batch.map(({ retried: _r, ...e }) => e) });
    try {
      const res = await fetch('/api/v1/events', { method: 'POST', keepalive, credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, body });
      if (res.status >= 500 || res.status === 429) throw new Error(`HTTP ${res.status}`);
    } catch {
      // network trouble or the server busy: once more with the next flush
      const again = batch.filter((e) => !e.retried).map((e) => ({ ...e, retried: true }));
      if (again.length > 0 && !keepalive) {
        queue = [...again, ...queue];
        timer = window.setTimeout(() => void flush(), FLUSH_MS * 2);
        return;
      }
    }
  }
}

function listen(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('pagehide', () => void flush(true));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flush(true);
  });
}
