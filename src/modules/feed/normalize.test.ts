import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { assertComplete, normalize, type Limits } from './normalize.ts';
import type { ClientEvent } from './schemas.ts';

const LIMITS: Limits = { maxSkewMs: 86_400_000, maxWatchMs: 4 * 3_600_000, maxDurationMs: 6 * 3_600_000, maxWatchLoops: 10 };
const NOW = Date.parse('2026-11-11T12:00:00Z');
let n = 0;
const ev = (more: Partial<ClientEvent> = {}): ClientEvent => ({ id: `event-${++n}-abc`, type: 'play', itemType: 'video', itemId: 'vid_0000000000aaaaaaaaaa', watchMs: 1000, durationMs: 10_000, at: '2026-11-11T11:59:00Z', ...more });

describe('normalize', () => {
  it('keeps plausible values as they are', () => {
    const b = normalize([ev()], NOW, LIMITS);
    expect(b.clamped).toEqual([]);
    expect(b.events[0]).toMatchObject({ index: 0, watchMs: 1000, durationMs: 10_000, at: new Date('2026-11-11T11:59:00Z') });
  });

  it('clamps watch time to the loops a player can report and to the hard cap', () => {
    const b = normalize([ev({ watchMs: 1_000_000 }), ev({ watchMs: -1 }), ev({ watchMs: 99 * 3_600_000, durationMs: undefined, itemType: 'live' }), ev({ watchMs: 100_000 })], NOW, LIMITS);
    expect(b.events.map((e) => e.watchMs)).toEqual([100_000, 0, 4 * 3_600_000, 100_000]);
    expect(b.clamped).toEqual([
      { index: 0, field: 'watchMs' },
      { index: 1, field: 'watchMs' },
      { index: 2, field: 'watchMs' },
    ]);
  });

  it('makes a duration of zero or less unknown, and caps a huge one', () => {
    const b = normalize([ev({ durationMs: 0, watchMs: 5000 }), ev({ durationMs: 1e12 })], NOW, LIMITS);
    expect(b.events.map((e) => [e.durationMs, e.watchMs])).toEqual([
      [null, 5000],
      [6 * 3_600_000, 1000],
    ]);
    expect(b.clamped.map((c) => c.field)).toEqual(['durationMs', 'durationMs']);
  });

  it('replaces a client time more than the allowed skew away with the server’s', () => {
    const b = normalize([ev({ at: '2026-11-13T12:00:01Z' }), ev({ at: '2026-11-10T11:59:59Z' }), ev({ at: '2026-11-12T11:00:00Z' })], NOW, LIMITS);
    expect(b.events.map((e) => e.at.getTime())).toEqual([NOW, NOW, Date.parse('2026-11-12T11:00:00Z')]);
    expect(b.clamped).toEqual([
      { index: 0, field: 'at' },
      { index: 1, field: 'at' },
    ]);
  });

  it('counts repeats of an id within the batch and keeps the first', () => {
    const a = ev();
    const b = normalize([a, ev(), { ...a, watchMs: 5 }], NOW, LIMITS);
    expect(b.duplicates).toBe(1);
    expect(b.events.map((e) => [e.index, e.watchMs])).toEqual([
      [0, 1000],
      [1, 1000],
    ]);
  });
});

describe('assertComplete', () => {
  const fieldOf = (events: ClientEvent[]) => {
    try {
      assertComplete(events);
      return null;
    } catch (e) {
      return (e as AppError).field;
    }
  };
  it('needs watch time for every play, and the duration unless it is a live stream', () => {
    expect(fieldOf([ev(), ev({ watchMs: undefined })])).toBe('events.1.watchMs');
    expect(fieldOf([ev({ durationMs: undefined })])).toBe('events.0.durationMs');
    expect(fieldOf([ev({ durationMs: undefined, itemType: 'live' })])).toBeNull();
    expect(fieldOf([ev({ type: 'impression', watchMs: undefined, durationMs: undefined })])).toBeNull();
  });
});
