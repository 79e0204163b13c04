// The studio's video form: what the creator types, checked the way the server checks it
// (src/modules/content/schemas.ts), and turned into the API body.
import type { Translate } from '../i18n';
import type { ProductCard, Video, VideoInput } from '../types';

/** The server's default VIDEO_MAX_PRODUCTS; a lower configured limit comes back as a field error. */
export const MAX_PRODUCTS = 6;
export const MAX_TAGS = 10;

export interface VideoForm {
  title: string;
  description: string;
  tagsText: string;
  topic: string;
  products: ProductCard[];
}

export type Errors = Record<string, string>;

export const emptyForm: VideoForm = { title: '', description: '', tagsText: '', topic: '', products: [] };

export function formOf(v: Video): VideoForm {
  return { title: v.title, description: v.description, tagsText: v.tags.map((x) => `#${x}`).join(' '), topic: v.topic ?? '', products: v.products };
}

/** "#开箱 好物, 测评" → ["开箱", "好物", "测评"]: # marks, spaces and commas separate. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,，#]+/).filter(Boolean))];
}

export function validate(f: VideoForm, t: Translate): Errors {
  const e: Errors = {};
  if (!f.title.trim()) e.title = t('studio.err.title');
  else if (f.title.trim().length > 100) e.title = t('studio.err.tooLong', { n: 100 });
  if (f.description.length > 1000) e.description = t('studio.err.tooLong', { n: 1000 });
  const tags = parseTags(f.tagsText);
  if (tags.length > MAX_TAGS) e.tags = t('studio.err.tooManyTags', { n: MAX_TAGS });
  else if (tags.some((x) => x.length > 20)) e.tags = t('studio.err.tagTooLong');
  if (f.topic.trim().length > 30) e.topic = t('studio.err.tooLong', { n: 30 });
  if (f.products.length > MAX_PRODUCTS) e.productIds = t('studio.err.tooManyProducts', { n: MAX_PRODUCTS });
  return e;
}

export function toInput(f: VideoForm): Required<Omit<VideoInput, 'topic'>> & { topic: string | null } {
  return { title: f.title.trim(), description: f.description.trim(), tags: parseTags(f.tagsText), topic: f.topic.trim() || null, productIds: f.products.map((p) => p.id) };
}

/** Server field errors ("tags.2", "productIds.0") folded onto the form's fields. */
export function foldFieldErrors(fields: Record<string, string>): Errors {
  const out: Errors = {};
  for (const [k, v] of Object.entries(fields)) {
    const key = k.split('.')[0] ?? k;
    if (!(key in out)) out[key] = v;
  }
  return out;
}
