// Campaigns' pure rules: a campaign's status at a time, when two platform events collide, and
// whether goods and stores may enrol. No database: the service hands in the facts.

export type CampaignKind = 'event' | 'programme';
export type CampaignStatus = 'scheduled' | 'active' | 'ended' | 'cancelled';

export interface CampaignFacts {
  id: string;
  kind: CampaignKind;
  startsAt: Date;
  endsAt: Date;
  /** Eligible categories; empty: every category. */
  categoryIds: readonly string[];
  cancelled: boolean;
}

/** Scheduled before startsAt, active in [startsAt, endsAt), ended after; cancelled whenever called off. */
export function statusAt(c: Pick<CampaignFacts, 'startsAt' | 'endsAt' | 'cancelled'>, at: Date): CampaignStatus {
  if (c.cancelled) return 'cancelled';
  if (at < c.startsAt) return 'scheduled';
  return at < c.endsAt ? 'active' : 'ended';
}

/** Two windows [start, end) share a moment. */
export const windowsOverlap = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** Two category lists share one (empty means every category, so it meets anything). */
export const categoriesMeet = (a: readonly string[], b: readonly string[]): boolean => a.length === 0 || b.length === 0 || a.some((x) => b.includes(x));

/**
 * The platform event `c` collides with: another event, not cancelled, whose dates overlap and
 * whose categories meet. Programmes run beside events and each other (they are long, and about
 * whom they support rather than when).
 */
export function overlapping(c: CampaignFacts, others: readonly CampaignFacts[]): CampaignFacts | undefined {
  if (c.kind !== 'event') return undefined;
  return others.find((o) => o.id !== c.id && o.kind === 'event' && !o.cancelled && windowsOverlap(c, o) && categoriesMeet(c.categoryIds, o.categoryIds));
}

export type StoreRefusal = 'no_score' | 'score_below_minimum';

/** Whether a store may enrol goods: with a minimum set, a store needs a score at or above it. */
export function storeEligibility(minStoreScore: number | null, score: number | null): { eligible: boolean; reasons: StoreRefusal[] } {
  if (minStoreScore === null) return { eligible: true, reasons: [] };
  if (score === null) return { eligible: false, reasons: ['no_score'] };
  return score >= minStoreScore ? { eligible: true, reasons: [] } : { eligible: false, reasons: ['score_below_minimum'] };
}

export type GoodsRefusal = 'category' | 'price_above_rule' | 'not_on_sale';

/**
 * Whether goods fit a campaign's rules: on sale, in one of its categories (the product's category
 * or any ancestor listed), and, with a price rule, a lowest on-sale price no higher than it.
 */
export function goodsRefusal(rules: { categoryIds: readonly string[]; maxPriceFen: number | null }, goods: { onSale: boolean; categoryPath: readonly string[]; minPriceFen: number }): GoodsRefusal | null {
  if (!goods.onSale) return 'not_on_sale';
  if (rules.categoryIds.length > 0 && !goods.categoryPath.some((c) => rules.categoryIds.includes(c))) return 'category';
  if (rules.maxPriceFen !== null && goods.minPriceFen > rules.maxPriceFen) return 'price_above_rule';
  return null;
}

/** The price must not rise during the campaign: above the lowest price at enrolment suspends the goods. */
export const priceRaised = (enrolledPriceFen: number, nowPriceFen: number): boolean => nowPriceFen > enrolledPriceFen;

/**
 * An order's refund shared with the campaign's lines: in proportion to what they paid of the
 * order, never more than what they paid and is not refunded yet.
 */
export function refundShare(refundFen: number, campaignPaidFen: number, orderPayFen: number, alreadyRefundedFen: number): number {
  if (orderPayFen <= 0 || campaignPaidFen <= 0) return 0;
  const share = Math.round((refundFen * campaignPaidFen) / orderPayFen);
  return Math.max(0, Math.min(share, campaignPaidFen - alreadyRefundedFen));
}
