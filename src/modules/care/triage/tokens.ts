// Text → features for the ticket classifier. Pure, no dictionaries: shoppers' messages are short,
// colloquial and full of typos, so Chinese is read as overlapping Han character n-grams (1–3)
// rather than segmented words, and English as lower-cased words (lightly suffix-stripped) and
// word bigrams. Digit runs become '#' so "3天" and "5天" are the same feature.

/** A Han ideograph: CJK unified ideographs, extension A, compatibility ideographs (all in the BMP). */
const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
/** A character of a Latin word after `normalize`: a–z, or '#' for a digit run. */
const isWordChar = (c: number) => (c >= 0x61 && c <= 0x7a) || c === 0x23;
/** Pictographic emoji: kept as one feature each (😭 and 👍 say something about the message). */
const EMOJI = /^\p{Extended_Pictographic}/u;

/** Words too common in every category to say anything on their own (they still join bigrams). */
export const EN_STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from',
  'is', 'are', 'was', 'were', 'be', 'been', 'am', 'it', 'its', 'this', 'that', 'these', 'those',
  'i', 'me', 'my', 'we', 'our', 'you', 'your', 'he', 'she', 'they', 'them', 'his', 'her',
  'do', 'does', 'did', 'have', 'has', 'had', 'so', 'as', 'if', 'then', 'just', 'there', 'lol',
  'pls', 'please', 'hi', 'hello', 'thanks', 'thank', 'can', 'could', 'would', 'will',
]);

/**
 * A deliberately small English suffix stripper (not Porter): plural -s/-es, -ies, -ed, -ing, so
 * "refunds"/"refunded"/"refunding" → "refund" and "shipped"/"shipping" → "ship". Words of four
 * letters or fewer are left alone ("was", "less", "yes").
 */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  let w = word;
  if (w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('es') && /(?:sh|ch|x|ss|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  // shipp → ship, stopp → stop: undo the consonant doubling of -ed/-ing.
  if (w !== word && /([bdgmnprt])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** NFKC (full-width → half-width, ＡＢＣ → ABC, ？ → ?), lower case, apostrophes dropped, digit runs → '#'. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’‘`]/gu, '')
    .replace(/\d+(?:\.\d+)?/gu, '#');
}

/** One token of the message, in order: a Latin word (digits as '#'), a Han run, or an emoji. */
export interface Piece {
  kind: 'word' | 'han' | 'emoji';
  text: string;
}

/** Splits normalized text into Latin words, runs of Han characters and emoji; everything else separates. */
export function pieces(normalized: string): Piece[] {
  const out: Piece[] = [];
  const s = normalized;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    const han = isHan(c);
    if (han || isWordChar(c)) {
      let j = i + 1;
      while (j < s.length && (han ? isHan(s.charCodeAt(j)) : isWordChar(s.charCodeAt(j)))) j++;
      out.push({ kind: han ? 'han' : 'word', text: s.slice(i, j) });
      i = j;
      continue;
    }
    const width = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    if (c > 0x2000 && EMOJI.test(s.slice(i, i + width))) out.push({ kind: 'emoji', text: s.slice(i, i + width) });
    i += width;
  }
  return out;
}

export interface FeatureOptions {
  /** Longest Han n-gram (1–3). Default 3. */
  hanMaxN?: number;
  /** Emit English word bigrams. Default true. */
  wordBigrams?: boolean;
  /** Drop EN_STOPWORDS as unigrams. Default true. */
  dropStopwords?: boolean;
}

/**
 * The features of one message, with repeats (a bag of words). Han n-grams never cross a
 * non-Han character, so "快递 到了" does not yield 递到. English unigrams are 'w:' + stem,
 * bigrams 'b:' + stem + ' ' + stem (stop words included: "not received", "money back").
 * Han n-grams are bare ("退", "退款", "退款了"), emoji 'e:' + the emoji.
 */
export function features(text: string, opts: FeatureOptions = {}): string[] {
  const hanMaxN = opts.hanMaxN ?? 3;
  const wordBigrams = opts.wordBigrams ?? true;
  const dropStopwords = opts.dropStopwords ?? true;
  const out: string[] = [];
  let prevWord: string | null = null;
  for (const piece of pieces(normalize(text))) {
    if (piece.kind === 'word') {
      const w = stem(piece.text);
      if (!dropStopwords || !EN_STOPWORDS.has(piece.text)) out.push(`w:${w}`);
      if (wordBigrams && prevWord !== null) out.push(`b:${prevWord} ${w}`);
      prevWord = w;
      continue;
    }
    prevWord = null;
    if (piece.kind === 'emoji') {
      out.push(`e:${piece.text}`);
      continue;
    }
    // Every Han character here is a single UTF-16 code unit (all three ranges are in the BMP).
    const run = piece.text;
    for (let n = 1; n <= hanMaxN; n++) {
      for (let i = 0; i + n <= run.length; i++) out.push(run.slice(i, i + n));
    }
  }
  return out;
}
