// Highlight spans in a title: offsets, not markup, so the caller escapes the text and chooses the
// tag. Han words and grams are found as substrings of the folded title (folding keeps offsets);
// Latin words are matched word by word on their stems, so "phones" marks "Phone".
import type { Plan } from './plan.ts';
import { fold, isAllLetters, splitAlnum, stem } from './text.ts';
import type { Span } from './types.ts';

export function highlight(title: string, marks: Plan['marks']): Span[] {
  if (!title || (marks.han.size === 0 && marks.latin.size === 0)) return [];
  const lower = fold(title);
  const spans: Span[] = [];
  for (const key of marks.han) {
    for (let at = lower.indexOf(key); at >= 0; at = lower.indexOf(key, at + 1)) spans.push({ start: at, end: at + key.length });
  }
  if (marks.latin.size > 0) {
    const word = /[a-z0-9]+/g;
    for (let m = word.exec(lower); m; m = word.exec(lower)) {
      let off = m.index;
      for (const part of splitAlnum(m[0])) {
        const key = isAllLetters(part) ? stem(part) : part;
        if (marks.latin.has(key)) spans.push({ start: off, end: off + part.length });
        off += part.length;
      }
    }
  }
  return mergeSpans(spans);
}

/** Sorted, overlapping or touching spans joined. */
export function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
