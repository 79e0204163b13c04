// Query text → a plan: an ordered list of groups, every group to be matched (AND), each group a
// few alternative terms (OR) with a weight: the word itself, its synonyms, a pinyin reading,
// typo corrections, or — for a Chinese word the index doesn't know — its character bigrams.
// The number of groups and of alternatives is capped, so the work a query can cause is bounded.
import type { Analyzer, QueryToken } from './analyzer.ts';
import type { PinyinIndex, PinyinPiece } from './pinyin.ts';
import type { Postings } from './postings.ts';
import { BI, Script, UNI, isAllLetters, isStopword, stem } from './text.ts';
import type { TypoIndex } from './typo.ts';

export const MAX_GROUPS = 8;
const MAX_ALTS = 12;
const W = { exact: 1, synonym: 0.85, pinyin: 0.9, initials: 0.7, typo1: 0.7, typo2: 0.5, bigram: 0.8, unigram: 0.6 } as const;

export interface Alt { term: number; weight: number }
export interface Group { label: string; alts: Alt[]; est: number }
export interface Plan {
  groups: Group[];
  corrections: Array<{ from: string; to: string }>;
  dropped: number;
  /** Strings to mark in titles: Han words/grams (as substrings) and Latin stems or numbers (as words). */
  marks: { han: Set<string>; latin: Set<string> };
}

export interface Lexicon {
  analyzer: Analyzer;
  postings: Postings;
  pinyin: PinyinIndex;
  typos: TypoIndex;
  /** Index key → the other keys of its synonym groups. */
  synonyms: Map<string, readonly string[]>;
}

/** The index key of a query token (stemmed when it is a Latin word). */
export function keyOf(tok: QueryToken): string {
  return tok.script === Script.Latin && isAllLetters(tok.text) ? stem(tok.text) : tok.text;
}

export function buildPlan(lex: Lexicon, q: string): Plan {
  const plan: Plan = { groups: [], corrections: [], dropped: 0, marks: { han: new Set(), latin: new Set() } };
  let tokens = glue(lex.analyzer.queryTokens(q));
  const content = tokens.filter((t) => !isStopword(keyOf(t)));
  if (content.length > 0) tokens = content;
  const groups: Group[] = [];
  for (let i = 0; i < tokens.length; ) {
    const tok = tokens[i]!;
    if (tok.script !== Script.Latin) {
      groups.push(...hanGroups(lex, tok));
      i++;
      continue;
    }
    let j = i;
    while (j < tokens.length && tokens[j]!.script === Script.Latin) j++;
    groups.push(...latinRun(lex, tokens.slice(i, j), plan));
    i = j;
  }
  if (groups.length > MAX_GROUPS) plan.dropped = groups.length - MAX_GROUPS;
  plan.groups = groups.slice(0, MAX_GROUPS);
  for (const g of plan.groups) {
    g.alts.sort((a, b) => b.weight - a.weight || lex.postings.df(b.term) - lex.postings.df(a.term));
    g.alts.length = Math.min(g.alts.length, MAX_ALTS);
    g.est = g.alts.reduce((s, a) => s + lex.postings.df(a.term), 0);
    for (const a of g.alts) mark(plan, lex.postings.terms[a.term]!);
  }
  return plan;
}

function mark(plan: Plan, key: string): void {
  if (key[0] === UNI || key[0] === BI) plan.marks.han.add(key.slice(1));
  else if (/^[\x20-\x7e]+$/.test(key)) plan.marks.latin.add(key);
  else plan.marks.han.add(key);
}

/** A lone Latin letter written against a Han character ("t恤") is one word, as the index has it. */
function glue(tokens: QueryToken[]): QueryToken[] {
  const out: QueryToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.script === Script.Latin && t.text.length === 1 && isAllLetters(t.text) && next && next.script === Script.Cjk && next.start === t.start + 1) {
      out.push({ text: t.text + next.text[0], script: Script.Mixed, start: t.start });
      if (next.text.length === 1) i++;
      else tokens[i + 1] = { text: next.text.slice(1), script: Script.Cjk, start: next.start + 1 };
      continue;
    }
    out.push(t);
  }
  return out;
}

/** Exact term and its synonyms, those the index has. */
function wordAlts(lex: Lexicon, key: string): Alt[] {
  const alts: Alt[] = [];
  const t = lex.postings.id(key);
  if (t !== undefined && lex.postings.df(t) > 0) alts.push({ term: t, weight: W.exact });
  for (const syn of lex.synonyms.get(key) ?? []) {
    const s = lex.postings.id(syn);
    if (s !== undefined && lex.postings.df(s) > 0) alts.push({ term: s, weight: W.synonym });
  }
  return alts;
}

function hanGroups(lex: Lexicon, tok: QueryToken): Group[] {
  const alts = wordAlts(lex, tok.text);
  if (alts.some((a) => a.weight === W.exact) || tok.script === Script.Mixed) return [{ label: tok.text, alts, est: 0 }];
  // Not an indexed word (an HMM guess, a new brand): match its characters in order instead.
  const s = tok.text;
  if (s.length === 1) {
    const u = lex.postings.id(UNI + s);
    if (u !== undefined) alts.push({ term: u, weight: W.unigram });
    return [{ label: s, alts, est: 0 }];
  }
  const groups: Group[] = [];
  for (let i = 0; i + 1 < s.length; i++) {
    const b = lex.postings.id(BI + s.slice(i, i + 2));
    groups.push({ label: s.slice(i, i + 2), alts: b === undefined ? [] : [{ term: b, weight: W.bigram }], est: 0 });
  }
  // A synonym of the whole word can stand in for its first bigram's group.
  if (alts.length && groups[0]) groups[0].alts.push(...alts);
  return groups;
}

/**
 * A run of Latin tokens: English words, or pinyin ("pingguo", "ping guo", "pg"). A run in which
 * some word is not an indexed English word is first read as pinyin as a whole; a single word is
 * both at once (an OR), so "apple" finds Apple and 苹果 alike.
 */
function latinRun(lex: Lexicon, run: QueryToken[], plan: Plan): Group[] {
  const english = run.map((t) => wordAlts(lex, keyOf(t)));
  const isKnown = (alts: Alt[]) => alts.some((a) => a.weight === W.exact);
  const pieceGroup = (p: PinyinPiece): Group => ({ label: p.key, alts: pinyinAlts(lex, p.terms, p.initials), est: 0 });
  if (run.length > 1 && run.every((t) => isAllLetters(t.text)) && !english.every(isKnown)) {
    const pieces = lex.pinyin.segment(run.map((t) => t.text).join(''));
    if (pieces) return pieces.map(pieceGroup);
  }
  const groups: Group[] = [];
  run.forEach((tok, i) => {
    const alts = english[i]!;
    const known = isKnown(alts);
    const word = isAllLetters(tok.text);
    if (word && !(known && run.length > 1)) {
      const pieces = lex.pinyin.segment(tok.text);
      if (pieces?.length === 1) alts.push(...pinyinAlts(lex, pieces[0]!.terms, pieces[0]!.initials));
      else if (pieces && !known) { groups.push(...pieces.map(pieceGroup)); return; }
    }
    if (word && alts.length === 0) alts.push(...typoAlts(lex, tok.text, plan));
    groups.push({ label: tok.text, alts, est: 0 });
  });
  return groups;
}

function pinyinAlts(lex: Lexicon, terms: readonly number[], initials: boolean): Alt[] {
  // Initials are ambiguous (sj: 手机, 时间, 设计…): keep the most frequent readings only.
  const live = terms.filter((t) => lex.postings.df(t) > 0);
  const ranked = live.length > MAX_ALTS ? [...live].sort((a, b) => lex.postings.df(b) - lex.postings.df(a)).slice(0, MAX_ALTS) : live;
  const weight: number = initials ? W.initials : W.pinyin;
  const alts = ranked.map((term) => ({ term, weight }));
  // kouhong reads as 口红; its synonym 唇膏 should come along as for the typed word.
  if (ranked.length <= 2) for (const t of ranked) for (const a of wordAlts(lex, lex.postings.terms[t]!)) if (a.weight < W.exact) alts.push({ term: a.term, weight: weight * a.weight });
  return alts;
}

function typoAlts(lex: Lexicon, word: string, plan: Plan): Alt[] {
  const alts: Alt[] = [];
  let best: string | null = null;
  for (const c of lex.typos.candidates(word)) {
    const t = lex.postings.id(stem(c.word));
    if (t === undefined || lex.postings.df(t) === 0 || alts.some((a) => a.term === t)) continue;
    alts.push({ term: t, weight: c.edits === 1 ? W.typo1 : W.typo2 });
    best ??= c.word;
  }
  if (best) plan.corrections.push({ from: word, to: best });
  return alts;
}
