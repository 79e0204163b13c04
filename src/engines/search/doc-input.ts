// Document validation and its analysis into per-field term counts. Bounded like queries: long
// descriptions are indexed up to a cap, so one odd document can't stall an update.
import type { Analyzer } from './analyzer.ts';
import { FILTER, UNI, BI, isCjk } from './text.ts';
import { DOC_TYPES, type DocError, type SearchDoc } from './types.ts';

const MAX = { id: 128, title: 300, attributes: 64, attribute: 200, description: 4000 } as const;

const bad = (field: string, message: string): DocError => ({ ok: false, code: 'invalid_doc', field, message });
const optNum = (v: unknown) => v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v));

export function validateDoc(input: unknown): SearchDoc | DocError {
  if (typeof input !== 'object' || input === null) return bad('', 'doc must be an object');
  const d = input as Record<string, unknown>;
  if (typeof d.id !== 'string' || d.id.length === 0 || d.id.length > MAX.id || /[\u0000-\u001f]/.test(d.id)) return bad('id', `id must be 1..${MAX.id} printable characters`);
  if (typeof d.type !== 'string' || !(DOC_TYPES as readonly string[]).includes(d.type)) return bad('type', `type must be one of ${DOC_TYPES.join(', ')}`);
  if (typeof d.title !== 'string' || d.title.length > MAX.title) return bad('title', `title must be a string of at most ${MAX.title} characters`);
  if (d.attributes !== undefined && (!Array.isArray(d.attributes) || d.attributes.length > MAX.attributes || !d.attributes.every((a) => typeof a === 'string'))) {
    return bad('attributes', `attributes must be at most ${MAX.attributes} strings`);
  }
  if (d.description !== undefined && typeof d.description !== 'string') return bad('description', 'description must be a string');
  for (const k of ['categoryId', 'storeId'] as const) {
    const v = d[k];
    if (v !== undefined && v !== null && (typeof v !== 'string' || v.length === 0 || v.length > MAX.id)) return bad(k, `${k} must be a non-empty string or null`);
  }
  for (const k of ['priceFen', 'shipsWithinHours', 'sales', 'quality', 'createdAt'] as const) if (!optNum(d[k])) return bad(k, `${k} must be a finite number`);
  for (const k of ['flagship', 'inStock'] as const) if (d[k] !== undefined && typeof d[k] !== 'boolean') return bad(k, `${k} must be a boolean`);
  return input as SearchDoc;
}

export interface AnalyzedDoc {
  /** term → packed per-field counts (title bits 0–7, attributes 8–15, description 16–23). */
  terms: Map<string, number>;
  lengths: [number, number, number];
  /** Unstemmed Latin words, for typo tolerance. */
  surfaces: Set<string>;
  /** Words of the title worth suggesting. */
  titleWords: Set<string>;
}

export function analyzeDoc(analyzer: Analyzer, doc: SearchDoc): AnalyzedDoc {
  const terms = new Map<string, number>();
  const surfaces = new Set<string>();
  const titleWords = new Set<string>();
  const field = (f: number) => (term: string, surface: string | null) => {
    const shift = 8 * f;
    const v = terms.get(term) ?? 0;
    if (((v >>> shift) & 255) < 255) terms.set(term, v + (1 << shift));
    if (surface) {
      surfaces.add(surface);
      if (f === 0 && surface.length >= 3) titleWords.add(surface);
    } else if (f === 0 && term.length >= 2 && term[0] !== UNI && term[0] !== BI && isCjk(term.charCodeAt(0))) {
      titleWords.add(term);
    }
  };
  const title = analyzer.indexField(doc.title, true, field(0));
  // Han grams for titles only: attributes are short words already, and grams are a third of postings.
  const attrs = analyzer.indexField((doc.attributes ?? []).map((a) => a.slice(0, MAX.attribute)).join(' \n '), false, field(1));
  const desc = analyzer.indexField((doc.description ?? '').slice(0, MAX.description), false, field(2));
  // Filter keys for browsing without a query (tf 0: they match but never score).
  if (doc.categoryId) terms.set(FILTER + 'c' + doc.categoryId, 0);
  if (doc.storeId) terms.set(FILTER + 's' + doc.storeId, 0);
  return { terms, lengths: [title, attrs, desc], surfaces, titleWords };
}

/** Title words only (for taking a removed doc's words back out of suggestions). */
export function titleWordsOf(analyzer: Analyzer, title: string): Set<string> {
  return analyzeDoc(analyzer, { id: '_', type: 'product', title }).titleWords;
}
