import { beforeAll, describe, expect, it } from 'vitest';
import { defaultTriager, heldOutSplit, loadLabelled, TICKET_CATEGORIES, Triager, URGENCIES, type LabelledMessage, type OrderFacts } from './triage.ts';

const all = loadLabelled();

const facts = (over: Partial<OrderFacts> = {}): OrderFacts => ({
  status: 'delivered', paidHoursAgo: 100, shippedHoursAgo: 80, deliveredHoursAgo: 20, late: false, openAfterSale: false, ...over,
});

describe('defaultTriager', () => {
  // First in the file: the first call trains both models on the whole labelled set.
  // Timing is printed, not asserted (timings belong in benchmarks): it shows what a start-up pays.
  it('trains once and is cached', () => {
    const t0 = performance.now();
    const t = defaultTriager();
    console.log(`triage: defaultTriager trained on ${all.length} messages in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(defaultTriager()).toBe(t);
  });
});

describe('the labelled set', () => {
  it('is large enough, in both languages, with every category and urgency', () => {
    expect(all.length).toBeGreaterThanOrEqual(200);
    const count = (pred: (m: LabelledMessage) => boolean) => all.filter(pred).length;
    expect(count((m) => m.lang === 'zh')).toBeGreaterThanOrEqual(80);
    expect(count((m) => m.lang === 'en')).toBeGreaterThanOrEqual(80);
    for (const c of TICKET_CATEGORIES) expect(count((m) => m.category === c), c).toBeGreaterThanOrEqual(40);
    for (const u of URGENCIES) expect(count((m) => m.urgency === u), u).toBeGreaterThan(0);
    expect(new Set(all.map((m) => m.text.trim().toLowerCase())).size).toBe(all.length);
  });
});

describe('heldOutSplit', () => {
  const { train, test } = heldOutSplit(all);

  it('is deterministic, disjoint and complete', () => {
    const again = heldOutSplit([...all].reverse());
    expect(new Set(again.test.map((m) => m.id))).toEqual(new Set(test.map((m) => m.id)));
    expect(train.length + test.length).toBe(all.length);
    const trainIds = new Set(train.map((m) => m.id));
    expect(test.some((m) => trainIds.has(m.id))).toBe(false);
    // No test message appears (even re-cased) in the training part.
    const trainTexts = new Set(train.map((m) => m.text.trim().toLowerCase()));
    expect(test.filter((m) => trainTexts.has(m.text.trim().toLowerCase()))).toEqual([]);
  });

  it('holds out about a quarter of every category', () => {
    for (const c of TICKET_CATEGORIES) {
      const n = all.filter((m) => m.category === c).length;
      expect(test.filter((m) => m.category === c).length).toBe(Math.round(n * 0.25));
    }
  });
});

describe('held-out accuracy', () => {
  const { train, test } = heldOutSplit(all);
  /** Trained on the training part only; every number below is measured on messages it never saw. */
  let triager: Triager;
  beforeAll(() => {
    triager = new Triager(train);
  });
  const share = (pred: (m: LabelledMessage) => boolean, of: LabelledMessage[] = test) => {
    const correct = of.filter(pred).length;
    return { value: correct / of.length, text: `${(correct / of.length).toFixed(2)} (${correct}/${of.length})` };
  };
  const modelCategory = () => share((m) => triager.classify(m.text).category.label === m.category);
  const rulesCategory = () => share((m) => triager.triage(m.text, null).category === m.category);
  const modelUrgency = () => share((m) => triager.classify(m.text).urgency.label === m.urgency);
  const rulesUrgency = () => share((m) => triager.triage(m.text, null).urgency === m.urgency);
  const byLang = (lang: 'zh' | 'en') => share((m) => triager.triage(m.text, null).category === m.category, test.filter((m) => m.lang === lang));

  it('category ≥ 0.85, model alone and with rules (no order facts)', () => {
    const [model, rules, zh, en] = [modelCategory(), rulesCategory(), byLang('zh'), byLang('en')];
    console.log(`triage held-out (train ${train.length}, test ${test.length}): category model ${model.text}, model+rules ${rules.text}; zh ${zh.text}, en ${en.text}`);
    expect(model.value).toBeGreaterThanOrEqual(0.85);
    expect(rules.value).toBeGreaterThanOrEqual(0.85);
    expect(zh.value).toBeGreaterThanOrEqual(0.8);
    expect(en.value).toBeGreaterThanOrEqual(0.8);
  });

  it('urgency ≥ 0.75, model alone and with rules (no order facts)', () => {
    const [model, rules] = [modelUrgency(), rulesUrgency()];
    console.log(`triage held-out: urgency model ${model.text}, model+rules ${rules.text}`);
    expect(model.value).toBeGreaterThanOrEqual(0.75);
    expect(rules.value).toBeGreaterThanOrEqual(0.75);
  });

  it('is deterministic: two triagers trained on the same messages answer alike', () => {
    const other = new Triager(train);
    for (const m of test.slice(0, 40)) expect(other.triage(m.text, facts())).toEqual(triager.triage(m.text, facts()));
  });
});

describe('rules', () => {
  let t: Triager;
  beforeAll(() => {
    t = defaultTriager();
  });

  it('a late order asked about → logistics, at least normal; very late → high', () => {
    const late = t.triage('我的快递到哪了', facts({ status: 'shipped', deliveredHoursAgo: null, shippedHoursAgo: 60, late: true }));
    expect(late).toMatchObject({ category: 'logistics', by: 'rules' });
    expect(late.reasons).toContain('rule:late_order');
    expect(['normal', 'high', 'urgent']).toContain(late.urgency);
    const veryLate = t.triage('still not shipped??', facts({ status: 'paid', shippedHoursAgo: null, deliveredHoursAgo: null, paidHoursAgo: 150, late: true }));
    expect(veryLate).toMatchObject({ category: 'logistics', urgency: 'high', by: 'rules' });
    expect(veryLate.reasons).toContain('rule:very_late_order');
  });

  it('a late order whose shopper wants the money back is a refund, not logistics', () => {
    const r = t.triage('等了一周还不发货 不要了 我要退款', facts({ status: 'paid', shippedHoursAgo: null, deliveredHoursAgo: null, late: true }));
    expect(r.category).toBe('refund');
    expect(r.reasons).not.toContain('rule:late_order');
  });

  it('money asked about while an after-sales case is open → refund', () => {
    const r = t.triage('东西已经寄回去了 钱呢', facts({ openAfterSale: true }));
    expect(r).toMatchObject({ category: 'refund', by: 'rules' });
    expect(r.reasons).toContain('rule:after_sale_money');
  });

  it('injury, allergy, fire and threats to go to 12315 or a lawyer → urgent', () => {
    for (const text of ['The kettle exploded and burned my hand', '用了这个面霜脸过敏肿了', '充电器起火了', '再不处理我就打12315', 'My lawyer will hear about this']) {
      const r = t.triage(text, null);
      expect(r.urgency, text).toBe('urgent');
      expect(r.reasons.some((x) => x === 'rule:safety' || x === 'rule:escalation'), text).toBe(true);
    }
  });

  it('fraud is at least high', () => {
    for (const text of ['直播间说是纯金的 结果是假的', 'The host said real leather, it is plastic. False advertising']) {
      const r = t.triage(text, null);
      expect(r.category, text).toBe('fraud');
      expect(['high', 'urgent'], text).toContain(r.urgency);
    }
  });

  it('an unpaid order → a question or a cancellation', () => {
    const unpaid = facts({ status: 'created', paidHoursAgo: null, shippedHoursAgo: null, deliveredHoursAgo: null });
    expect(t.triage('when will you ship it?', unpaid)).toMatchObject({ category: 'other', by: 'rules' });
    expect(t.triage('拍错了 不要了', unpaid).category).toBe('refund');
  });

  it('a message about a cancelled order’s money → refund', () => {
    expect(t.triage('钱什么时候到账', facts({ status: 'cancelled', shippedHoursAgo: null, deliveredHoursAgo: null }))).toMatchObject({ category: 'refund', by: 'rules' });
  });

  it('the model keeps its answer when it is surer than a rule allows', () => {
    const r = t.triage('The host said the parcel ships today, fake claims, counterfeit goods', facts({ status: 'shipped', deliveredHoursAgo: null, late: true }));
    expect(r).toMatchObject({ category: 'fraud', by: 'model' });
    expect(r.reasons).toContain('rule:late_order:overruled');
  });

  it('without order facts the model decides and says how sure it is', () => {
    const r = t.triage('发票怎么开', null);
    expect(r).toMatchObject({ category: 'other', urgency: 'low', by: 'model' });
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.reasons.some((x) => /^model:\d/.test(x))).toBe(true);
  });
});
