import { describe, expect, it } from 'vitest';
import { channelOf, eventField, gpm, lineField, ratio } from './attribution.ts';

describe('fields', () => {
  it('puts feed videos and live rooms in the content field, search/mall/store/showcase in the centre', () => {
    expect(lineField('feed_video')).toBe('content');
    expect(lineField('live_room')).toBe('content');
    for (const t of ['search', 'store_page', 'mall', 'showcase', 'product_page', 'campaign']) expect(lineField(t)).toBe('centre');
    expect(lineField('cart')).toBe('other');
    expect(lineField(null)).toBe('other');
    expect(eventField('feed')).toBe('content');
    expect(eventField('search')).toBe('centre');
    expect(eventField('profile')).toBe('other');
    expect(eventField(undefined)).toBe('other');
  });
});

describe('FACT channel', () => {
  const creator = (storeStaff: boolean, followers: number) => ({ creatorId: 'u', storeStaff, followers });
  it('gives the store’s own accounts F, big creators T, the rest of the creators A', () => {
    expect(channelOf(creator(true, 1_000_000), 'cmp', 10_000)).toBe('F');
    expect(channelOf(creator(false, 10_000), null, 10_000)).toBe('T');
    expect(channelOf(creator(false, 9_999), 'cmp', 10_000)).toBe('A');
  });
  it('gives campaign goods bought outside content C, and the rest N', () => {
    expect(channelOf(null, 'cmp', 10_000)).toBe('C');
    expect(channelOf(null, null, 10_000)).toBe('N');
  });
});

describe('rates', () => {
  it('computes GPM in fen per 1,000 views and ratios with a null for nothing', () => {
    expect(gpm(12_345, 2_000)).toBe(6_173);
    expect(gpm(100, 0)).toBeNull();
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(1, 0)).toBeNull();
  });
});
