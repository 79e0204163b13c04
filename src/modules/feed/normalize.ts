// The rules a batch of client events passes before it is stored, with no I/O: fields a type
// needs (a missing one fails the batch, like any malformed shape), values clamped into what can
// be true (never refused: one bad player must not cost the good events around it), and repeats
// of an event id within the batch.
import { invalid } from '../../platform/errors.ts';
import type { ClientEvent } from './schemas.ts';

export interface Limits {
  /** Client clocks further off than this are replaced by the server's time. */
  maxSkewMs: number;
  maxWatchMs: number;
  maxDurationMs: number;
  /** A looping player may report several loops: watch time up to this many durations. */
  maxWatchLoops: number;
}

export interface Normalized {
  index: number;
  event: ClientEvent;
  watchMs: number | null;
  durationMs: number | null;
  at: Date;
}

export interface NormalizedBatch {
  events: Normalized[];
  clamped: Array<{ index: number; field: string }>;
  /** Events repeating an id seen earlier in the same batch. */
  duplicates: number;
}

/** Throws a 400 naming the first event that lacks a field its type needs. */
export function assertComplete(events: readonly ClientEvent[]): void {
  events.forEach((e, i) => {
    if (e.type !== 'play') return;
    if (e.watchMs === undefined) throw invalid(`events.${i}.watchMs`, 'A play needs watchMs');
    // A live stream has no length; a video (or a product's video) has.
    if (e.durationMs === undefined && e.itemType !== 'live') throw invalid(`events.${i}.durationMs`, 'A play of a video needs durationMs');
  });
}

export function normalize(events: readonly ClientEvent[], now: number, limits: Limits): NormalizedBatch {
  const out: Normalized[] = [];
  const clamped: Array<{ index: number; field: string }> = [];
  const seen = new Set<string>();
  let duplicates = 0;
  events.forEach((event, index) => {
    if (seen.has(event.id)) {
      duplicates++;
      return;
    }
    seen.add(event.id);
    let durationMs = event.durationMs ?? null;
    // Zero or less says nothing about the length: unknown.
    if (durationMs !== null && (durationMs < 1 || durationMs > limits.maxDurationMs)) {
      durationMs = durationMs < 1 ? null : limits.maxDurationMs;
      clamped.push({ index, field: 'durationMs' });
    }
    let watchMs = event.watchMs ?? null;
    if (watchMs !== null) {
      const cap = durationMs === null ? limits.maxWatchMs : Math.min(limits.maxWatchMs, durationMs * limits.maxWatchLoops);
      const fixed = Math.min(Math.max(watchMs, 0), cap);
      if (fixed !== watchMs) clamped.push({ index, field: 'watchMs' });
      watchMs = fixed;
    }
    let at = Date.parse(event.at);
    if (!Number.isFinite(at) || Math.abs(at - now) > limits.maxSkewMs) {
      at = now;
      clamped.push({ index, field: 'at' });
    }
    out.push({ index, event, watchMs, durationMs, at: new Date(at) });
  });
  return { events: out, clamped, duplicates };
}
