// Live comments are plain text. The hub cleans them as text (it never escapes or interprets
// HTML: that is the renderer's job, and the web client renders comments as text nodes).

/** Line breaks, tabs and the Unicode line/paragraph separators become one space each. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/**
 * Dropped: the other control characters (C0, DEL, C1), lone surrogates, and the bidirectional
 * embedding/override/isolate controls (they let a comment reorder the text around it).
 * Kept: everything else, including CJK, emoji and the zero-width joiner emoji sequences use.
 */
const DROPPED = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/gu;

export type CommentTextResult = { ok: true; text: string } | { ok: false; code: 'empty' | 'too_long' };

/** Number of Unicode code points in `s` (an emoji is 1, a ZWJ family is several). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Cleans a comment: breaks → spaces, control characters dropped, trimmed, then length-checked. */
export function cleanCommentText(raw: string, maxChars: number): CommentTextResult {
  const text = raw.replace(BREAKS, ' ').replace(DROPPED, '').trim();
  if (text.length === 0) return { ok: false, code: 'empty' };
  if (codePointLength(text) > maxChars) return { ok: false, code: 'too_long' };
  return { ok: true, text };
}
