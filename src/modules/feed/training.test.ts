import { describe, expect, it } from 'vitest';
import { TrainingLog, trainingEvents } from './training.ts';

describe('training log', () => {
  it('keeps positive signals oldest first, drops the oldest beyond its capacity, and counts what is new', () => {
    const log = new TrainingLog(3000);
    log.add('u', 'skip', 1, 0);
    for (let k = 0; k < 5000; k++) log.add(`u${k % 7}`, `i${k}`, k, 0.5);
    expect(log.length).toBe(3000);
    expect(log.fresh).toBe(5000);
    const events = trainingEvents(log.snapshot());
    expect(events).toHaveLength(3000);
    expect(events[0]).toEqual({ viewer: `u${2000 % 7}`, itemId: 'i2000', at: 2000, weight: 0.5 });
    expect(events[2999]!.itemId).toBe('i4999');
    expect(events.every((e, k) => k === 0 || e.at > events[k - 1]!.at)).toBe(true);
    expect(log.fresh).toBe(0);
  });
});
