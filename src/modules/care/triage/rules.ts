// The triage rules: what the order's state and a few unmistakable words say, in two readable
// tables. Category rules are tried in order and the first that applies decides — unless the model
// is surer of a different answer than the rule allows (`yieldsAbove`). Urgency rules only raise
// the urgency (each sets a floor); they never lower what the model said.
import type { ConceptName } from './lexicon.ts';
import type { OrderFacts, TicketCategory, Urgency } from './triage.ts';

export interface RuleInput {
  text: string;
  /** The concepts the message mentions (lexicon.ts). */
  concepts: ReadonlySet<ConceptName>;
  facts: OrderFacts | null;
  /** The category model's answer and its posterior per category. */
  model: { label: TicketCategory; confidence: number; scores: Record<TicketCategory, number> };
}

export interface CategoryRule {
  id: string;
  /** What the rule is for, for people reading the table. */
  why: string;
  when: (x: RuleInput) => boolean;
  then: (x: RuleInput) => TicketCategory;
  /** The confidence reported when the rule decides. */
  confidence: number;
  /** The model keeps its own answer when its confidence in it is above this (1 = the rule always wins). */
  yieldsAbove: number;
}

export interface UrgencyRule {
  id: string;
  why: string;
  when: (x: RuleInput & { category: TicketCategory }) => boolean;
  atLeast: Urgency;
}

/** Order states in which the shopper is still waiting for the goods. */
const AWAITED: ReadonlySet<OrderFacts['status']> = new Set(['paid', 'shipped']);

/** "Very late": unshipped five days after payment, or a week in transit. */
export const VERY_LATE = { unshippedHours: 120, inTransitHours: 168 } as const;

const has = (x: RuleInput, ...names: ConceptName[]) => names.some((n) => x.concepts.has(n));
const asksWhereOrWhen = (x: RuleInput) => has(x, 'where', 'ship', 'parcel', 'slow');
const asksMoneyBack = (x: RuleInput) => has(x, 'money', 'return', 'cancel');

export function isVeryLate(f: OrderFacts): boolean {
  if (!f.late) return false;
  if (f.status === 'paid') return (f.paidHoursAgo ?? 0) >= VERY_LATE.unshippedHours;
  if (f.status === 'shipped') return (f.shippedHoursAgo ?? 0) >= VERY_LATE.inTransitHours;
  return false;
}

export const CATEGORY_RULES: readonly CategoryRule[] = [
  {
    id: 'unpaid_order',
    why: 'nothing was paid or sent: it can only be a question or a cancellation',
    when: (x) => x.facts?.status === 'created' && x.model.label !== 'other' && x.model.label !== 'refund',
    then: (x) => (asksMoneyBack(x) ? 'refund' : 'other'),
    confidence: 0.9,
    yieldsAbove: 1,
  },
  {
    id: 'after_sale_money',
    why: 'an after-sales case is open and the shopper asks about money back or the return',
    when: (x) => x.facts?.openAfterSale === true && asksMoneyBack(x) && !has(x, 'fake', 'safety'),
    then: () => 'refund',
    confidence: 0.9,
    yieldsAbove: 0.9,
  },
  {
    id: 'cancelled_money',
    why: 'the order was cancelled and the shopper asks about money',
    when: (x) => x.facts?.status === 'cancelled' && has(x, 'money', 'cancel'),
    then: () => 'refund',
    confidence: 0.9,
    yieldsAbove: 0.9,
  },
  {
    id: 'late_order',
    why: 'the order is past its ship-by or deliver-by time and the shopper asks where or when (not for their money back)',
    when: (x) => x.facts?.late === true && AWAITED.has(x.facts.status) && asksWhereOrWhen(x) && !asksMoneyBack(x),
    then: () => 'logistics',
    confidence: 0.95,
    yieldsAbove: 0.9,
  },
  {
    id: 'not_received_where',
    why: 'the goods have not reached the shopper, who asks where or when: not a broken or wrong item yet',
    when: (x) => x.facts !== null && AWAITED.has(x.facts.status) && (x.model.label === 'quality' || x.model.label === 'wrong_item') && asksWhereOrWhen(x),
    then: () => 'logistics',
    confidence: 0.8,
    yieldsAbove: 0.95,
  },
];

export const URGENCY_RULES: readonly UrgencyRule[] = [
  { id: 'safety', why: 'injury, allergy, fire, poisoning: a person may be hurt', when: (x) => has(x, 'safety'), atLeast: 'urgent' },
  { id: 'escalation', why: 'threatens 12315, the media, a lawyer or the police', when: (x) => has(x, 'escalation'), atLeast: 'urgent' },
  { id: 'fraud', why: 'a fraud or false-claim complaint is always looked at soon', when: (x) => x.category === 'fraud', atLeast: 'high' },
  { id: 'large_loss', why: 'the shopper stands to lose a lot of money', when: (x) => has(x, 'loss') && has(x, 'hurry', 'repeat'), atLeast: 'high' },
  { id: 'very_late_order', why: 'unshipped five days after payment or a week in transit', when: (x) => x.facts !== null && isVeryLate(x.facts) && x.category === 'logistics', atLeast: 'high' },
  { id: 'late_order', why: 'past the promised time', when: (x) => x.facts?.late === true && x.category === 'logistics', atLeast: 'normal' },
  { id: 'open_after_sale', why: 'money is held in an open after-sales case', when: (x) => x.facts?.openAfterSale === true && x.category === 'refund', atLeast: 'normal' },
];

const RANK: Record<Urgency, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
export const atLeast = (u: Urgency, floor: Urgency): Urgency => (RANK[floor] > RANK[u] ? floor : u);
