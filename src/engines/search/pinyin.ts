// Pinyin over the vocabulary, not over documents: each Chinese word of the index is converted
// once (pinyin-pro, in context, so 银行 reads yinhang), and a Latin query that is not an English
// word is read back as pinyin by splitting it into known pinyin keys. Postings stay Chinese-only.
import { pinyin } from 'pinyin-pro';
import { isCjk } from './text.ts';

/** Latin query text longer than this is not tried as initials (pgsj is fine, a sentence of initials isn't). */
const MAX_INITIALS = 6;
const MAX_PIECE = 36;

export interface PinyinKeys { full: string[]; initials: string }

/** Full pinyin (every reading for a single character) and initials of a Han-only word; null otherwise. */
export function pinyinKeys(word: string): PinyinKeys | null {
  for (let i = 0; i < word.length; i++) if (!isCjk(word.charCodeAt(i))) return null;
  if (word.length === 1) {
    const all = pinyin(word, { toneType: 'none', type: 'array', multiple: true, v: true });
    return { full: [...new Set(all)], initials: '' };
  }
  const syl = pinyin(word, { toneType: 'none', type: 'array', v: true });
  return { full: [syl.join('')], initials: word.length >= 2 ? syl.map((s) => s[0] ?? '').join('') : '' };
}

/** Pinyin of any text (Han converted, the rest kept, spaces dropped), for suggestions. */
export function textPinyin(text: string): { full: string; initials: string } {
  const syl = pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' });
  let full = '';
  let initials = '';
  for (const s of syl) {
    const t = s.replace(/\s+/g, '').toLowerCase();
    full += t;
    initials += t[0] ?? '';
  }
  return { full, initials };
}

export interface PinyinPiece { key: string; initials: boolean; terms: readonly number[] }

export class PinyinIndex {
  private readonly full = new Map<string, number[]>();
  private readonly init = new Map<string, number[]>();
  /** Per term id, for snapshots: "full1,full2|initials" or absent. */
  readonly keysOf = new Map<number, string>();

  add(termId: number, word: string): void {
    const keys = pinyinKeys(word);
    if (!keys) return;
    this.put(termId, keys.full, keys.initials);
  }

  put(termId: number, full: readonly string[], initials: string): void {
    for (const f of full) if (f) push(this.full, f, termId);
    if (initials.length >= 2) push(this.init, initials, termId);
    this.keysOf.set(termId, `${full.join(',')}|${initials}`);
  }

  restore(termId: number, packed: string): void {
    const [full = '', initials = ''] = packed.split('|');
    this.put(termId, full ? full.split(',') : [], initials);
  }

  lookupFull(key: string): readonly number[] | undefined { return this.full.get(key); }

  /**
   * Reads a run of Latin letters (spaces already removed) as consecutive pinyin words: fewest
   * pieces wins, full pinyin preferred to initials. Null when it doesn't read as pinyin.
   */
  segment(s: string): PinyinPiece[] | null {
    const n = s.length;
    if (n === 0 || n > 100) return null;
    const allowInitials = n <= MAX_INITIALS;
    // cost[i]: best cost to read s[0..i); a full piece costs 2, an initials piece 3.
    const cost = new Float64Array(n + 1).fill(Infinity);
    const from = new Int32Array(n + 1).fill(-1);
    const viaInit = new Uint8Array(n + 1);
    cost[0] = 0;
    for (let i = 0; i < n; i++) {
      const c0 = cost[i]!;
      if (c0 === Infinity) continue;
      for (let j = i + 1; j <= Math.min(n, i + MAX_PIECE); j++) {
        const piece = s.slice(i, j);
        if (this.full.has(piece) && c0 + 2 < cost[j]!) { cost[j] = c0 + 2; from[j] = i; viaInit[j] = 0; }
        if (allowInitials && j - i >= 2 && this.init.has(piece) && c0 + 3 < cost[j]!) { cost[j] = c0 + 3; from[j] = i; viaInit[j] = 1; }
      }
    }
    if (cost[n] === Infinity) return null;
    const pieces: PinyinPiece[] = [];
    for (let j = n; j > 0; j = from[j]!) {
      const i = from[j]!;
      const key = s.slice(i, j);
      const init = viaInit[j] === 1;
      pieces.push({ key, initials: init, terms: (init ? this.init.get(key) : this.full.get(key)) ?? [] });
    }
    return pieces.reverse();
  }
}

function push(m: Map<string, number[]>, k: string, v: number): void {
  const a = m.get(k);
  // Each term is added once, so no duplicate check (initials keys like "sj" gather thousands).
  if (a) a.push(v); else m.set(k, [v]);
}
