import { describe, expect, it } from 'vitest';
import { commissionOn, creditFor, guardFlag, keptBase, serviceFee } from './attribution.ts';

const HOUR = 3_600_000;
const at = new Date('2026-05-01T12:00:00Z');
const video = { creatorId: 'usr_c', productIds: ['prd_a', 'prd_b'] };

describe('creditFor', () => {
  it('credits the creator of a video or live room that carries the goods, within the window', () => {
    expect(creditFor({ type: 'feed_video', id: 'vid_1' }, 'prd_a', video, new Date(at.getTime() - HOUR), at, 24 * HOUR)).toEqual({ creatorId: 'usr_c', contentType: 'feed_video', contentId: 'vid_1' });
    expect(creditFor({ type: 'live_room', id: 'liv_1' }, 'prd_b', video, at, at, HOUR)).toEqual({ creatorId: 'usr_c', contentType: 'live_room', contentId: 'liv_1' });
    expect(creditFor({ type: 'showcase', id: 'usr_c' }, 'prd_b', video, at, at, HOUR)?.contentType).toBe('showcase');
  });

  it('credits nobody for a touch older than the window, goods the content does not carry, or non-creator sources', () => {
    expect(creditFor({ type: 'feed_video', id: 'vid_1' }, 'prd_a', video, new Date(at.getTime() - 25 * HOUR), at, 24 * HOUR)).toBeNull();
    expect(creditFor({ type: 'feed_video', id: 'vid_1' }, 'prd_a', video, new Date(at.getTime() - 24 * HOUR), at, 24 * HOUR)).not.toBeNull();
    expect(creditFor({ type: 'feed_video', id: 'vid_1' }, 'prd_z', video, at, at, HOUR)).toBeNull();
    expect(creditFor({ type: 'search', id: 'x' }, 'prd_a', video, at, at, HOUR)).toBeNull();
    expect(creditFor({ type: 'store_page', id: 'sto_1' }, 'prd_a', video, at, at, HOUR)).toBeNull();
    expect(creditFor({ type: 'feed_video' }, 'prd_a', video, at, at, HOUR)).toBeNull();
    expect(creditFor(null, 'prd_a', video, at, at, HOUR)).toBeNull();
    expect(creditFor({ type: 'feed_video', id: 'vid_gone' }, 'prd_a', null, at, at, HOUR)).toBeNull();
  });
});

describe('guardFlag', () => {
  it('flags the creator buying from themself, then a parcel going where theirs go', () => {
    expect(guardFlag('usr_c', 'usr_c', { shipTo: 'p1', device: null }, new Set())).toBe('self_purchase');
    expect(guardFlag('usr_b', 'usr_c', { shipTo: 'p1', device: 'd9' }, new Set(['p0', 'p1']))).toBe('shared_address');
    expect(guardFlag('usr_b', 'usr_c', { shipTo: 'p2', device: 'd1' }, new Set(['p0', 'd1']))).toBe('shared_device');
    expect(guardFlag('usr_b', 'usr_c', { shipTo: 'p2', device: null }, new Set(['p0', 'p1']))).toBeNull();
    expect(guardFlag('usr_b', 'usr_c', { shipTo: 'p2', device: 'd2' }, new Set(['p0', 'd1']))).toBeNull();
  });
});

describe('commission arithmetic', () => {
  it('keeps the base pro rata to what was not refunded, never rounding in the creator’s favour', () => {
    expect(keptBase(10_000, 10_000, 0)).toBe(10_000);
    expect(keptBase(10_000, 10_000, 2_500)).toBe(7_500);
    expect(keptBase(6_000, 10_000, 5_000)).toBe(3_000); // a two-line order: each line loses half
    expect(keptBase(4_000, 10_000, 5_000)).toBe(2_000);
    expect(keptBase(333, 1_000, 1)).toBe(332); // 0.333 fen refunded share rounds up to 1
    expect(keptBase(10_000, 10_000, 10_000)).toBe(0);
    expect(keptBase(10_000, 10_000, 12_000)).toBe(0);
  });

  it('takes the rate in whole fen, adds the flat fee while anything is kept, and the fee rounds down', () => {
    expect(commissionOn(9_999, 2_000, 0)).toBe(1_999);
    expect(commissionOn(10_000, 2_000, 300)).toBe(2_300);
    expect(commissionOn(0, 2_000, 300)).toBe(0);
    expect(serviceFee(1_999, 1_000)).toBe(199);
    expect(serviceFee(0, 1_000)).toBe(0);
  });

  it('a line’s commission after refunds never exceeds the untouched commission scaled by what was kept', () => {
    for (let paid = 1; paid < 3_000; paid += 97) {
      for (let refunded = 0; refunded <= paid; refunded += 131) {
        const kept = keptBase(paid, paid, refunded);
        const c = commissionOn(kept, 1_234, 0);
        expect(c * paid).toBeLessThanOrEqual(commissionOn(paid, 1_234, 0) * (paid - refunded) + paid);
        expect(c).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
