// Text → terms. Chinese is cut by jieba (search mode when indexing, so 保温杯 also yields 保温
// and a query for either finds it); Latin words are split at digit boundaries and Porter-stemmed;
// titles also get Han unigrams and bigrams, the fallback that lets a query word
// jieba doesn't know (温杯, a new brand) still find the titles that contain it.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { BI, Script, UNI, cjkRuns, fold, isAllLetters, isCjk, isStopword, scriptOf, splitAlnum, stem } from './text.ts';

const instances = new Map<string, Jieba>();
/**
 * One jieba per distinct word list per process: the dictionary takes ~0.2 s and ~30 MB to load.
 * Extra words (synonym entries, brands) are added so both documents and queries keep them whole
 * — jieba alone cuts 充电宝 into 充电 / 宝, and a synonym can only stand for a whole word.
 */
function jiebaWith(extra: string): Jieba {
  let j = instances.get(extra);
  if (!j) {
    j = Jieba.withDict(dict);
    if (extra) j.loadDict(Buffer.from(extra));
    instances.set(extra, j);
  }
  return j;
}

export interface QueryToken {
  /** Lower-cased surface text. */
  text: string;
  script: Script;
  /** Offset in the query; tokens of one Latin word split at digits share nothing but adjacency. */
  start: number;
}

/** A term of a field with how often it occurs there. */
export type TermSink = (term: string, surface: string | null) => void;

export class Analyzer {
  private readonly jieba: Jieba;

  /** `words`: extra whole words; `userDict`: raw jieba dictionary lines ("word freq tag"). */
  constructor(words: readonly string[] = [], userDict = '') {
    const lines = words.filter((w) => /[\u4e00-\u9fff]/.test(w) && !/\s/.test(w)).map((w) => `${w} 2000 n`);
    this.jieba = jiebaWith([...new Set(lines)].sort().join('\n') + (userDict ? '\n' + userDict : ''));
  }

  /**
   * Emits every index term of a field (repeats included, the caller counts), `surface` being the
   * unstemmed Latin word where there is one (for typo tolerance and suggestions). Returns the
   * field's length in words, the BM25 length.
   */
  indexField(text: string, grams: boolean, sink: TermSink): number {
    if (!text) return 0;
    const kept = fold(text, true);
    const lower = fold(text);
    let words = 0;
    let mixed: Set<string> | null = null;
    for (const tok of this.jieba.cutForSearch(kept, true)) {
      const t = fold(tok);
      const script = scriptOf(t);
      if (script === Script.Cjk || script === Script.Mixed) {
        if (script === Script.Mixed) (mixed ??= new Set()).add(t);
        if (!isStopword(t)) { sink(t, null); words++; }
      } else if (script === Script.Latin || t.length > 1) {
        for (const part of latinParts(t, script)) {
          if (isAllLetters(part)) {
            if (isStopword(part)) continue;
            sink(stem(part), part);
            words++;
          } else {
            sink(part, null);
            words++;
          }
        }
      }
    }
    // "t恤" written lower-case is not in jieba's dictionary (it cuts t / 恤); glue a lone letter to
    // the Han character after it, as the dictionary's own "T恤" / "A字裙" read.
    for (let i = 0; i + 1 < lower.length; i++) {
      const c = lower.charCodeAt(i);
      if (c >= 97 && c <= 122 && isCjk(lower.charCodeAt(i + 1)) && !isLetterOrDigitAt(lower, i - 1)) {
        const glued = lower.slice(i, i + 2);
        if (!mixed?.has(glued)) sink(glued, null);
      }
    }
    if (grams) {
      for (const run of cjkRuns(lower)) {
        const s = run.text;
        for (let i = 0; i < s.length; i++) {
          sink(UNI + s[i], null);
          if (i + 1 < s.length) sink(BI + s.slice(i, i + 2), null);
        }
      }
    }
    return Math.min(words, 65535);
  }

  /** The query's words in order (precise-mode cut, so 保温杯 stays one word). */
  queryTokens(q: string): QueryToken[] {
    const kept = fold(q, true);
    const out: QueryToken[] = [];
    let at = 0;
    for (const tok of this.jieba.cut(kept, true)) {
      const start = at;
      at += tok.length;
      const t = fold(tok);
      const script = scriptOf(t);
      if (script === Script.Latin || script === Script.Other) {
        const runs = script === Script.Latin ? [{ text: t, index: 0 }] : [...t.matchAll(/[a-z0-9]+/g)].map((m) => ({ text: m[0], index: m.index }));
        for (const run of runs) {
          let off = start + run.index;
          for (const part of splitAlnum(run.text)) {
            out.push({ text: part, script: Script.Latin, start: off });
            off += part.length;
          }
        }
      } else {
        out.push({ text: t, script, start });
      }
    }
    return out;
  }

  /** Precise-mode cut with offsets, for highlighting. */
  cutWithOffsets(text: string): Array<{ text: string; start: number }> {
    const kept = fold(text, true);
    const out: Array<{ text: string; start: number }> = [];
    let at = 0;
    for (const tok of this.jieba.cut(kept, true)) {
      out.push({ text: fold(tok), start: at });
      at += tok.length;
    }
    return out;
  }
}

/** Latin parts of a token: a Latin word split at digits, or the letter/digit runs of "22.5w". */
function latinParts(t: string, script: Script): string[] {
  if (script === Script.Latin) return splitAlnum(t);
  return [...t.matchAll(/[a-z0-9]+/g)].flatMap((m) => splitAlnum(m[0]));
}

function isLetterOrDigitAt(s: string, i: number): boolean {
  if (i < 0) return false;
  const c = s.charCodeAt(i);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}
