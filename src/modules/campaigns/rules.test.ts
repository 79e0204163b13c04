import { describe, expect, it } from 'vitest';
import { categoriesMeet, goodsRefusal, overlapping, priceRaised, refundShare, statusAt, storeEligibility, type CampaignFacts } from './rules.ts';

const d = (s: string) => new Date(`2026-11-${s}T00:00:00Z`);
const ev = (id: string, from: string, to: string, categoryIds: string[] = [], over: Partial<CampaignFacts> = {}): CampaignFacts => ({ id, kind: 'event', startsAt: d(from), endsAt: d(to), categoryIds, cancelled: false, ...over });

describe('campaign rules', () => {
  it('status follows the clock: scheduled, active from the start, ended at the end; cancelled always', () => {
    const c = ev('a', '10', '12');
    expect(statusAt(c, d('09'))).toBe('scheduled');
    expect(statusAt(c, d('10'))).toBe('active');
    expect(statusAt(c, d('11'))).toBe('active');
    expect(statusAt(c, d('12'))).toBe('ended');
    expect(statusAt({ ...c, cancelled: true }, d('11'))).toBe('cancelled');
  });

  it('events collide when dates overlap and categories meet (empty = all); touching windows, other categories, programmes and cancelled ones do not', () => {
    const c = ev('new', '10', '12', ['food']);
    expect(overlapping(c, [ev('x', '11', '13', ['food', 'toys'])])?.id).toBe('x');
    expect(overlapping(c, [ev('all', '01', '30')])?.id).toBe('all');
    expect(overlapping(c, [ev('y', '12', '14', ['food'])])).toBeUndefined();
    expect(overlapping(c, [ev('z', '11', '13', ['toys'])])).toBeUndefined();
    expect(overlapping(c, [ev('p', '11', '13', ['food'], { kind: 'programme' })])).toBeUndefined();
    expect(overlapping(c, [ev('c', '11', '13', ['food'], { cancelled: true })])).toBeUndefined();
    expect(overlapping({ ...c, kind: 'programme' }, [ev('x', '11', '13', ['food'])])).toBeUndefined();
    expect(overlapping(c, [c])).toBeUndefined();
    expect(categoriesMeet([], ['a'])).toBe(true);
    expect(categoriesMeet(['b'], ['a'])).toBe(false);
  });

  it('a store with no score is refused when a minimum is set; below the minimum too', () => {
    expect(storeEligibility(null, null)).toEqual({ eligible: true, reasons: [] });
    expect(storeEligibility(80, null)).toEqual({ eligible: false, reasons: ['no_score'] });
    expect(storeEligibility(80, 79.9)).toEqual({ eligible: false, reasons: ['score_below_minimum'] });
    expect(storeEligibility(80, 80)).toEqual({ eligible: true, reasons: [] });
  });

  it('goods: on sale, in a listed category or under a listed parent, priced at most the rule', () => {
    const rules = { categoryIds: ['food'], maxPriceFen: 5000 };
    expect(goodsRefusal(rules, { onSale: true, categoryPath: ['snacks', 'food'], minPriceFen: 5000 })).toBeNull();
    expect(goodsRefusal(rules, { onSale: true, categoryPath: ['toys'], minPriceFen: 100 })).toBe('category');
    expect(goodsRefusal(rules, { onSale: true, categoryPath: ['food'], minPriceFen: 5001 })).toBe('price_above_rule');
    expect(goodsRefusal(rules, { onSale: false, categoryPath: ['food'], minPriceFen: 1 })).toBe('not_on_sale');
    expect(goodsRefusal({ categoryIds: [], maxPriceFen: null }, { onSale: true, categoryPath: ['toys'], minPriceFen: 10 ** 9 })).toBeNull();
    expect(priceRaised(1990, 1990)).toBe(false);
    expect(priceRaised(1990, 1991)).toBe(true);
  });

  it('a refund is shared by what the campaign’s lines paid, never above what is left', () => {
    expect(refundShare(1000, 3000, 4000, 0)).toBe(750);
    expect(refundShare(4000, 3000, 4000, 0)).toBe(3000);
    expect(refundShare(4000, 3000, 4000, 2500)).toBe(500);
    expect(refundShare(1000, 0, 4000, 0)).toBe(0);
  });
});
