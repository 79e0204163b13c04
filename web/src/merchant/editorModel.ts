// Form state of the product editor and its conversion to API bodies.
import type { Translate } from '../i18n';
import { fenToInput, yuanToFen } from '../money';
import type { Attribute, Image, OptionValues, Product, ProductPatch, SkuInput } from '../types';

export interface BasicForm {
  title: string;
  description: string;
  categoryId: string;
  attributes: Attribute[];
  images: Image[];
  noReasonReturn: boolean;
  status: 'draft' | 'active';
}

export interface OptionDraft {
  name: string;
  valuesText: string;
}

export interface SkuDraft {
  code: string;
  price: string;
  listPrice: string;
  stock: string;
}

export type Errors = Record<string, string>;

export const MAX_OPTIONS = 3;
export const EMPTY_SKU: SkuDraft = { code: '', price: '', listPrice: '', stock: '' };

export function emptyBasic(): BasicForm {
  return { title: '', description: '', categoryId: '', attributes: [], images: [], noReasonReturn: true, status: 'active' };
}

export function basicFromProduct(p: Product): BasicForm {
  return {
    title: p.title,
    description: p.description,
    categoryId: p.categoryId,
    attributes: p.attributes.map((a) => ({ ...a })),
    images: p.images,
    noReasonReturn: p.noReasonReturn,
    status: p.status === 'draft' ? 'draft' : 'active',
  };
}

/** "红色, 蓝色，绿色" → ["红色","蓝色","绿色"]: commas (both widths), 、 and new lines separate; duplicates drop. */
export function parseValues(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of text.split(/[,，、;；\n]/)) {
    const v = raw.trim();
    if (v) seen.add(v);
  }
  return [...seen];
}

/** Options that count: a name and at least one value. */
export function usableOptions(drafts: OptionDraft[]): { name: string; values: string[] }[] {
  return drafts.map((d) => ({ name: d.name.trim(), values: parseValues(d.valuesText) })).filter((o) => o.name && o.values.length > 0);
}

/** Every combination of option values, in option order; one empty combination when there are no options. */
export function combinations(options: { name: string; values: string[] }[]): OptionValues[] {
  let out: OptionValues[] = [{}];
  for (const o of options) out = out.flatMap((combo) => o.values.map((v) => ({ ...combo, [o.name]: v })));
  return out;
}

export function comboKey(combo: OptionValues): string {
  return JSON.stringify(Object.entries(combo));
}

export function comboLabel(combo: OptionValues, none: string): string {
  const vals = Object.values(combo);
  return vals.length ? vals.join(' / ') : none;
}

export function checkBasic(form: BasicForm, t: Translate): Errors {
  const e: Errors = {};
  if (!form.title.trim()) e.title = t('editor.err.title');
  if (!form.categoryId) e.categoryId = t('editor.err.category');
  form.attributes.forEach((a, i) => {
    if (!a.name.trim() && a.value.trim()) e[`attributes.${i}.name`] = t('editor.err.required');
    if (a.name.trim() && !a.value.trim()) e[`attributes.${i}.value`] = t('editor.err.required');
  });
  return e;
}

/** Validates a SKU row and builds its API body; errors are keyed `skus.<index>.<field>`. */
export function skuBody(draft: SkuDraft, optionValues: OptionValues, index: number, t: Translate, errors: Errors): SkuInput | null {
  const priceFen = yuanToFen(draft.price);
  const listPriceFen = draft.listPrice.trim() ? yuanToFen(draft.listPrice) : undefined;
  const stock = /^\d{1,8}$/.test(draft.stock.trim()) ? Number(draft.stock.trim()) : null;
  let ok = true;
  if (priceFen === null) {
    errors[`skus.${index}.priceFen`] = t('editor.err.price');
    ok = false;
  }
  if (listPriceFen === null) {
    errors[`skus.${index}.listPriceFen`] = t('editor.err.price');
    ok = false;
  }
  if (stock === null) {
    errors[`skus.${index}.stock`] = t('editor.err.stock');
    ok = false;
  }
  if (!ok || priceFen === null || stock === null || listPriceFen === null) return null;
  const body: SkuInput = { optionValues, priceFen, stock };
  if (draft.code.trim()) body.code = draft.code.trim();
  if (listPriceFen !== undefined) body.listPriceFen = listPriceFen;
  return body;
}

export function patchBody(form: BasicForm): ProductPatch {
  return {
    title: form.title.trim(),
    description: form.description,
    categoryId: form.categoryId,
    attributes: form.attributes.map((a) => ({ name: a.name.trim(), value: a.value.trim() })).filter((a) => a.name && a.value),
    imageIds: form.images.map((i) => i.id),
    noReasonReturn: form.noReasonReturn,
    status: form.status,
  };
}

export function skuDraftFrom(s: { code: string; priceFen: number; listPriceFen: number | null; stock: number }): SkuDraft {
  return { code: s.code, price: fenToInput(s.priceFen), listPrice: fenToInput(s.listPriceFen), stock: String(s.stock) };
}
