// Character-level text handling shared by indexing, querying and highlighting. Every transform
// here keeps the string's length (one UTF-16 unit in, one out), so an offset into the folded
// text is an offset into the original: highlights can point into the title the caller stored.
import { stemmer } from 'stemmer';

/** Han ideographs (basic block + extension A + compatibility), the characters jieba segments. */
export function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}
const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Full-width ASCII to ASCII, the ideographic space and every control or format character to a
 * plain space, Latin letters lower-cased when that keeps the length. Case is kept when
 * `keepCase`: jieba's dictionary knows "T恤" but not "t恤", so we cut the case-kept text and
 * lower-case its tokens afterwards.
 */
export function fold(s: string, keepCase = false): string {
  // Fast path (almost every title): nothing to map but case, and lower-casing keeps the length.
  let i = 0;
  for (; i < s.length; i++) if (needsMap(s.charCodeAt(i))) break;
  if (i === s.length) {
    if (keepCase) return s;
    const lower = s.toLowerCase();
    if (lower.length === s.length) return lower;
  }
  const out = new Array<string>(s.length);
  for (let j = 0; j < s.length; j++) {
    let c = s.charCodeAt(j);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (isControl(c)) { out[j] = ' '; continue; }
    const ch = String.fromCharCode(c);
    if (keepCase) { out[j] = ch; continue; }
    const lower = ch.toLowerCase();
    out[j] = lower.length === 1 ? lower : ch;
  }
  return out.join('');
}

const isControl = (c: number) => c < 32 || (c >= 0x7f && c <= 0x9f) || c === 0x3000 || (c >= 0x200b && c <= 0x200f) || c === 0xfeff || c === 0x2028 || c === 0x2029;
const needsMap = (c: number) => isControl(c) || (c >= 0xff01 && c <= 0xff5e);

export const Script = { Other: 0, Latin: 1, Cjk: 2, Mixed: 3 } as const;
export type Script = (typeof Script)[keyof typeof Script];

/** What a (lower-cased) jieba token is made of: letters/digits only, Han only, both, or neither. */
export function scriptOf(tok: string): Script {
  let latin = false;
  let cjk = false;
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (isLower(c) || isDigit(c) || (c >= 0xc0 && c <= 0x24f)) latin = true;
    else if (isCjk(c)) cjk = true;
    else return Script.Other;
  }
  return latin && cjk ? Script.Mixed : latin ? Script.Latin : cjk ? Script.Cjk : Script.Other;
}

/**
 * Splits a Latin token at letter/digit boundaries ("iphone15" → iphone, 15; "256gb" → 256, gb),
 * so "iPhone 15" and "iphone15" meet on the same terms.
 */
export function splitAlnum(tok: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= tok.length; i++) {
    if (i === tok.length || isDigit(tok.charCodeAt(i)) !== isDigit(tok.charCodeAt(i - 1))) {
      parts.push(tok.slice(start, i));
      start = i;
    }
  }
  return parts;
}

export const isAllDigits = (s: string) => { for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false; return s.length > 0; };
export const isAllLetters = (s: string) => { for (let i = 0; i < s.length; i++) if (!isLower(s.charCodeAt(i))) return false; return s.length > 0; };

const EN_STOP = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'of', 'on', 'or', 'the', 'to', 'with']);
const ZH_STOP = new Set(['的', '了', '和', '与', '及', '或', '是', '在', '之']);
export const isStopword = (term: string) => EN_STOP.has(term) || ZH_STOP.has(term);

const stemCache = new Map<string, string>();
/** Porter stem of a lower-case letter word (the `stemmer` package), memoised: catalogs repeat words. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = word.length <= 3 ? word : stemmer(word);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Internal key spaces that can never collide with a word: a control character can't survive fold(). */
export const UNI = '\u0001';
export const BI = '\u0002';
export const FILTER = '\u0003';

/** Runs of consecutive Han characters in folded text, with their start offsets. */
export function cjkRuns(s: string): Array<{ start: number; text: string }> {
  const runs: Array<{ start: number; text: string }> = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const cjk = i < s.length && isCjk(s.charCodeAt(i));
    if (cjk && start < 0) start = i;
    else if (!cjk && start >= 0) { runs.push({ start, text: s.slice(start, i) }); start = -1; }
  }
  return runs;
}
