// A title with its matched parts in <mark>. Spans are UTF-16 offsets (end exclusive), the same
// units as JavaScript string indices, so slicing is exact; they are sorted and merged first because
// the server may send overlapping parts (a word and its pinyin reading).
import type { SearchSpan } from '../typesSearch';

export function mergeSpans(spans: readonly SearchSpan[], length: number): SearchSpan[] {
  const sorted = spans
    .map((s) => ({ start: Math.max(0, Math.min(length, s.start)), end: Math.max(0, Math.min(length, s.end)) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: SearchSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

export function Highlighted({ text, spans }: { text: string; spans: readonly SearchSpan[] }) {
  const parts: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const s of mergeSpans(spans, text.length)) {
    if (s.start > at) parts.push({ text: text.slice(at, s.start), hit: false });
    parts.push({ text: text.slice(s.start, s.end), hit: true });
    at = s.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return <>{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

/** Where the typed text sits in a suggestion (case-folded), for marking it; null when it came by pinyin. */
export function typedSpan(text: string, typed: string): SearchSpan[] {
  const q = typed.trim().toLowerCase();
  if (!q) return [];
  const i = text.toLowerCase().indexOf(q);
  return i < 0 ? [] : [{ start: i, end: i + q.length }];
}
