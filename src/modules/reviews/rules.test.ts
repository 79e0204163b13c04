import { describe, expect, it } from 'vitest';
import { advance, mayFollowUp, mayReview, shownName, summarize } from './rules.ts';

describe('order progress', () => {
  it('only moves forward, and a cancellation does not undo a delivery', () => {
    expect(advance(null, 'delivered')).toBe('delivered');
    expect(advance('open', 'delivered')).toBe('delivered');
    expect(advance('delivered', 'open')).toBe('delivered');
    expect(advance('completed', 'delivered')).toBe('completed');
    expect(advance('delivered', 'cancelled')).toBe('delivered');
    expect(advance('open', 'cancelled')).toBe('cancelled');
  });
});

describe('who may review', () => {
  const line = { buyerId: 'u1', progress: 'delivered' as const };
  it('the buyer of a delivered or completed line, once', () => {
    expect(mayReview(line, 'u1', false)).toBeNull();
    expect(mayReview({ ...line, progress: 'completed' }, 'u1', false)).toBeNull();
    expect(mayReview(line, 'u1', true)?.code).toBe('conflict');
  });
  it('someone else, or a line that does not exist, is not found', () => {
    expect(mayReview(line, 'u2', false)?.code).toBe('not_found');
    expect(mayReview(null, 'u1', false)?.code).toBe('not_found');
  });
  it('not before delivery, nor a cancelled order', () => {
    expect(mayReview({ ...line, progress: 'open' }, 'u1', false)?.code).toBe('invalid_state');
    expect(mayReview({ ...line, progress: 'cancelled' }, 'u1', false)?.code).toBe('invalid_state');
  });
  it('a follow-up: own review, once, not when hidden', () => {
    const r = { userId: 'u1', hasFollowUp: false, hidden: false };
    expect(mayFollowUp(r, 'u1')).toBeNull();
    expect(mayFollowUp(r, 'u2')?.code).toBe('not_found');
    expect(mayFollowUp({ ...r, hasFollowUp: true }, 'u1')?.code).toBe('conflict');
    expect(mayFollowUp({ ...r, hidden: true }, 'u1')?.code).toBe('invalid_state');
  });
});

describe('names and summaries', () => {
  it('masks names, or shows 匿名用户', () => {
    expect(shownName('张三丰', false)).toBe('张**');
    expect(shownName('张三', true)).toBe('匿名用户');
    expect(shownName(undefined, false)).toBe('匿名用户');
  });
  it('counts, averages to one decimal, and counts 1–2 stars as negative', () => {
    const s = summarize(new Map([[5, 2], [4, 1], [1, 1]]), 2, 1);
    expect(s).toEqual({ count: 4, average: 3.8, distribution: [1, 0, 0, 1, 2], withPhotos: 2, negative: 1, followUps: 1 });
    expect(summarize(new Map([[5, 1], [4, 3]]), 0, 0).average).toBe(4.3); // 4.25 rounds up
    expect(summarize(new Map(), 0, 0)).toMatchObject({ count: 0, average: 0, negative: 0 });
  });
});
