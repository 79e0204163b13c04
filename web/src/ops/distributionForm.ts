// The distribution settings as a form: every number as typed (strings), parsed back on save; the
// ranges are the server's to check (its problem+json names the field, shown under it).
import type { Translate } from '../i18n';
import type { DistributionSettings } from '../types';

export const FIELDS = [
  'objective.finish',
  'objective.engage',
  'objective.tap',
  'objective.purchase',
  'pools.sizes',
  'pools.promoteRatio',
  'pools.maxNegativeRate',
  'pools.slotsPerPage',
  'authorGap',
  'categoryPerTen',
  'campaignShare',
  'seenTtlHours',
] as const;

export type Field = (typeof FIELDS)[number];
export type Form = Record<Field, string>;
export type Errors = Partial<Record<Field, string>>;

export function formOf(s: DistributionSettings): Form {
  return {
    'objective.finish': String(s.objective.finish),
    'objective.engage': String(s.objective.engage),
    'objective.tap': String(s.objective.tap),
    'objective.purchase': String(s.objective.purchase),
    'pools.sizes': s.pools.sizes.join(', '),
    'pools.promoteRatio': String(s.pools.promoteRatio),
    'pools.maxNegativeRate': String(s.pools.maxNegativeRate),
    'pools.slotsPerPage': String(s.pools.slotsPerPage),
    authorGap: String(s.authorGap),
    categoryPerTen: String(s.categoryPerTen),
    campaignShare: String(s.campaignShare),
    seenTtlHours: String(s.seenTtlHours),
  };
}

/** The settings to send, or the fields that are not numbers at all. */
export function parse(form: Form, t: Translate): { settings: DistributionSettings | null; errors: Errors } {
  const errors: Errors = {};
  const num = (f: Field): number => {
    const raw = form[f].trim();
    const v = raw === '' ? NaN : Number(raw);
    if (!Number.isFinite(v)) errors[f] = t('ops.err.number');
    return v;
  };
  const parts = form['pools.sizes'].split(/[,，\s]+/).filter(Boolean);
  const sizes = parts.map(Number);
  if (parts.length === 0 || parts.length > 8 || sizes.some((n) => !Number.isInteger(n) || n < 1)) errors['pools.sizes'] = t('ops.err.sizes');
  const settings: DistributionSettings = {
    objective: { finish: num('objective.finish'), engage: num('objective.engage'), tap: num('objective.tap'), purchase: num('objective.purchase') },
    pools: { sizes, promoteRatio: num('pools.promoteRatio'), maxNegativeRate: num('pools.maxNegativeRate'), slotsPerPage: num('pools.slotsPerPage') },
    authorGap: num('authorGap'),
    categoryPerTen: num('categoryPerTen'),
    campaignShare: num('campaignShare'),
    seenTtlHours: num('seenTtlHours'),
  };
  return { settings: Object.keys(errors).length > 0 ? null : settings, errors };
}

/** The server's field errors (`pools.sizes.1`, `objective.tap`) on the form's fields. */
export function foldErrors(byField: Record<string, string>): Errors {
  const out: Errors = {};
  for (const [key, message] of Object.entries(byField)) {
    const field = FIELDS.find((f) => key === f || key.startsWith(`${f}.`));
    if (field && !out[field]) out[field] = message;
  }
  return out;
}
