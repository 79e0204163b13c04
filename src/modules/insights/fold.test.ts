import { describe, expect, it } from 'vitest';
import { fold, type TrafficEvent } from './fold.ts';

const at = new Date('2026-11-25T15:30:00Z'); // 23:30 in Beijing on the 25th
const late = new Date('2026-11-25T16:30:00Z'); // 00:30 on the 26th
const ev = (type: string, itemType: TrafficEvent['itemType'], itemId: string, actorId = 'u1', extra: Partial<TrafficEvent> = {}): TrafficEvent => ({ actorKind: 'user', actorId, type, itemType, itemId, watchMs: null, source: 'feed', at, ...extra });
const owners = new Map([
  ['video:v1', { storeId: 's1', creatorId: 'c1' }],
  ['product:p1', { storeId: 's1', creatorId: null }],
  ['live:r1', { storeId: 's1', creatorId: 'c1' }],
]);

describe('fold', () => {
  it('counts each event type into its item and China day, with watch time from plays', () => {
    const f = fold([ev('impression', 'video', 'v1'), ev('play', 'video', 'v1', 'u1', { watchMs: 4000 }), ev('play', 'video', 'v1', 'u2', { watchMs: 6000, at: late }), ev('finish', 'video', 'v1'), ev('quick_swipe', 'video', 'v1'), ev('order', 'product', 'p1')], owners);
    const d25 = f.items.get('video:v1:2026-11-25')!;
    expect(d25.n).toMatchObject({ impressions: 1, views: 1, finishes: 1, watch_ms: 4000, negatives: 1 });
    expect(f.items.get('video:v1:2026-11-26')!.n).toMatchObject({ views: 1, watch_ms: 6000 });
    expect(f.counted).toBe(5);
  });
  it('splits store traffic by field and counts a visitor once per store and day', () => {
    const f = fold([ev('product_tap', 'product', 'p1', 'u1', { source: 'search' }), ev('add_to_cart', 'product', 'p1', 'u1', { source: 'search' }), ev('product_tap', 'product', 'p1', 'd9', { actorKind: 'device', source: 'feed' }), ev('impression', 'video', 'v1')], owners);
    expect(f.stores.get('s1:2026-11-25:centre')!.n).toMatchObject({ product_taps: 1, add_to_carts: 1 });
    expect(f.stores.get('s1:2026-11-25:content')!.n).toMatchObject({ product_taps: 1, impressions: 1 });
    expect([...f.visitors].sort()).toEqual(['s1 2026-11-25 device:d9', 's1 2026-11-25 u1']);
  });
  it('keeps video impressions per creator and live viewers per minute', () => {
    const f = fold([ev('impression', 'video', 'v1'), ev('impression', 'video', 'v1', 'u2'), ev('impression', 'video', 'v2'), ev('play', 'live', 'r1'), ev('like', 'live', 'r1'), ev('play', 'live', 'r1', 'u2')], owners);
    expect(f.exposure.get('2026-11-25')!.get('c1')).toBe(2);
    expect(f.exposure.get('2026-11-25')!.get(null)).toBe(1);
    expect(f.presence.size).toBe(2);
  });
});
