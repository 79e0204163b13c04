// Automatic classification of service-desk tickets: category (logistics, quality, refund, wrong
// item, fraud/false claim, other) and urgency, from the shopper's message and what we know of the
// order. Two naive Bayes models (model.ts) trained in-process on the labelled zh/en set beside
// this file decide by default; the rules of rules.ts overrule them where the order's state or
// unmistakable words leave no doubt. No external service, no ML library.
import { readFileSync } from 'node:fs';
import { concepts, featureWeight, triageFeatures } from './lexicon.ts';
import { train, type Prediction, type TextModel, type TrainOptions } from './model.ts';
import { atLeast, CATEGORY_RULES, URGENCY_RULES, type RuleInput } from './rules.ts';

export const TICKET_CATEGORIES = ['logistics', 'quality', 'refund', 'wrong_item', 'fraud', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export const URGENCIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** What the service desk knows of the ticket's order (null when the ticket has no order). */
export interface OrderFacts {
  status: 'created' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled';
  /** Hours since payment, shipment, delivery (null when that has not happened). */
  paidHoursAgo: number | null;
  shippedHoursAgo: number | null;
  deliveredHoursAgo: number | null;
  /** The order is past its promised ship-by or deliver-by time. */
  late: boolean;
  /** An after-sales case (return/refund) is open on the order. */
  openAfterSale: boolean;
}

export interface Triage {
  category: TicketCategory;
  urgency: Urgency;
  confidence: number;
  /** 'rules' when a rule decided, else 'model' */
  by: 'rules' | 'model';
  /** short machine-readable reasons, e.g. 'rule:late_order', 'model:0.93' */
  reasons: string[];
}

/** One message of the labelled set (labelled.json). */
export interface LabelledMessage {
  id: string;
  lang: 'zh' | 'en';
  text: string;
  category: TicketCategory;
  urgency: Urgency;
}

/**
 * The models' settings: additive smoothing 0.3, binarized counts, n-grams + weighted concepts.
 * The temperatures calibrate the reported confidence (lowest log-loss in 4-fold cross-validation
 * of the labelled set: 3 for the category, 4 for the urgency); they do not change any answer.
 */
export const MODEL_OPTIONS = { alpha: 0.3, binary: true, featurize: (text: string) => triageFeatures(text), weight: featureWeight } as const;
export const CATEGORY_TEMPERATURE = 3;
export const URGENCY_TEMPERATURE = 4;

const round2 = (x: number) => Math.round(x * 100) / 100;

export class Triager {
  readonly categoryModel: TextModel<TicketCategory>;
  readonly urgencyModel: TextModel<Urgency>;

  constructor(examples: LabelledMessage[] = loadLabelled()) {
    // Both models read the same features: extract them once per training message.
    const featureCache = new Map<string, readonly string[]>();
    const opts = <L extends string>(labels: readonly L[], temperature: number): TrainOptions<L> => ({ ...MODEL_OPTIONS, featureCache, labels, temperature });
    this.categoryModel = train(examples.map((m) => ({ text: m.text, label: m.category })), opts(TICKET_CATEGORIES, CATEGORY_TEMPERATURE));
    this.urgencyModel = train(examples.map((m) => ({ text: m.text, label: m.urgency })), opts(URGENCIES, URGENCY_TEMPERATURE));
    featureCache.clear();
  }

  /** The models alone, without rules or order facts. */
  classify(text: string): { category: Prediction<TicketCategory>; urgency: Prediction<Urgency> } {
    return { category: this.categoryModel.predict(text), urgency: this.urgencyModel.predict(text) };
  }

  triage(text: string, facts: OrderFacts | null): Triage {
    const { category: model, urgency: urgencyModel } = this.classify(text);
    const input: RuleInput = { text, concepts: new Set(concepts(text)), facts, model };
    const reasons: string[] = [];

    let category = model.label;
    let confidence = model.confidence;
    let by: Triage['by'] = 'model';
    const rule = CATEGORY_RULES.find((r) => r.when(input));
    const decided = rule?.then(input);
    if (rule && decided && (decided === model.label || model.confidence <= rule.yieldsAbove)) {
      category = decided;
      confidence = decided === model.label ? Math.max(rule.confidence, model.confidence) : rule.confidence;
      by = 'rules';
      reasons.push(`rule:${rule.id}`, `model:${model.label}:${round2(model.confidence)}`);
    } else {
      if (rule) reasons.push(`rule:${rule.id}:overruled`);
      reasons.push(`model:${round2(model.confidence)}`);
    }

    let urgency = urgencyModel.label;
    reasons.push(`urgency:model:${urgency}:${round2(urgencyModel.confidence)}`);
    for (const r of URGENCY_RULES) {
      if (!r.when({ ...input, category })) continue;
      reasons.push(`rule:${r.id}`);
      urgency = atLeast(urgency, r.atLeast);
    }
    return { category, urgency, confidence: round2(confidence), by, reasons };
  }
}

let cached: Triager | null = null;

/** A Triager trained once on the whole labelled set (lazily, then cached for the process). */
export function defaultTriager(): Triager {
  return (cached ??= new Triager(loadLabelled()));
}

const isCategory = (v: unknown): v is TicketCategory => (TICKET_CATEGORIES as readonly unknown[]).includes(v);
const isUrgency = (v: unknown): v is Urgency => (URGENCIES as readonly unknown[]).includes(v);

/** The labelled set beside this file, checked message by message. */
export function loadLabelled(): LabelledMessage[] {
  const raw: unknown = JSON.parse(readFileSync(new URL('./labelled.json', import.meta.url), 'utf8'));
  if (!Array.isArray(raw)) throw new Error('labelled.json: expected an array');
  const seen = new Set<string>();
  return raw.map((row: unknown, i): LabelledMessage => {
    const r = (typeof row === 'object' && row !== null ? row : {}) as Record<string, unknown>;
    const { id, lang, text, category, urgency } = r;
    if (typeof id !== 'string' || seen.has(id)) throw new Error(`labelled.json[${i}]: missing or repeated id`);
    if (lang !== 'zh' && lang !== 'en') throw new Error(`labelled.json ${id}: lang must be zh or en`);
    if (typeof text !== 'string' || text.trim() === '') throw new Error(`labelled.json ${id}: empty text`);
    if (!isCategory(category)) throw new Error(`labelled.json ${id}: unknown category ${String(category)}`);
    if (!isUrgency(urgency)) throw new Error(`labelled.json ${id}: unknown urgency ${String(urgency)}`);
    seen.add(id);
    return { id, lang, text, category, urgency };
  });
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Held-out split, deterministic and stratified: within each category the messages are ordered
 * by a hash of their id (ties by id) and the first quarter (rounded) is the test part. Adding
 * messages moves only a few others between the parts.
 */
export function heldOutSplit(all: LabelledMessage[]): { train: LabelledMessage[]; test: LabelledMessage[] } {
  const test = new Set<string>();
  for (const c of TICKET_CATEGORIES) {
    const ordered = all.filter((m) => m.category === c).sort((a, b) => fnv1a(a.id) - fnv1a(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const m of ordered.slice(0, Math.round(ordered.length * 0.25))) test.add(m.id);
  }
  return { train: all.filter((m) => !test.has(m.id)), test: all.filter((m) => test.has(m.id)) };
}
