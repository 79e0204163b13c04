import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, canTransition, type ActorType, type OrderStatus } from './state.ts';

const ACTORS: ActorType[] = ['buyer', 'merchant', 'system', 'operator', 'carrier'];
// The legal moves, written out by hand: the table in state.ts must agree with this list exactly.
const LEGAL = new Set([
  'created>paid:system',
  'paid>shipped:merchant',
  'shipped>delivered:carrier',
  'shipped>delivered:system',
  'delivered>completed:buyer',
  'delivered>completed:system',
  'created>cancelled:buyer',
  'created>cancelled:system',
  'created>cancelled:operator',
  'paid>cancelled:system',
  'paid>cancelled:operator',
]);

describe('order state machine', () => {
  const all: Array<[OrderStatus, OrderStatus, ActorType]> = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.flatMap((to) => ACTORS.map((a) => [from, to, a] as [OrderStatus, OrderStatus, ActorType])));
  it.each(all)('%s → %s by %s', (from, to, actor) => {
    expect(canTransition(from, to, actor)).toBe(LEGAL.has(`${from}>${to}:${actor}`));
  });
  it('never leaves a final state', () => {
    for (const to of ORDER_STATUSES) for (const a of ACTORS) {
      expect(canTransition('completed', to, a)).toBe(false);
      expect(canTransition('cancelled', to, a)).toBe(false);
    }
  });
});
