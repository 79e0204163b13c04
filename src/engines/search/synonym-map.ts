// Synonym groups → a map from each word's index key to the keys of the words it stands for.
// Entries are analysed exactly like a query, so "T恤" and "Phones" land on the keys the index uses.
import type { Analyzer } from './analyzer.ts';
import { keyOf } from './plan.ts';

export function buildSynonyms(analyzer: Analyzer, groups: ReadonlyArray<readonly string[]>): Map<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const group of groups) {
    const keys: string[] = [];
    for (const entry of group) {
      const toks = analyzer.queryTokens(entry);
      // Multi-word entries would need phrase matching; they are skipped (see synonyms.ts).
      if (toks.length === 1) keys.push(keyOf(toks[0]!));
    }
    for (const k of keys) {
      const others = out.get(k) ?? [];
      for (const o of keys) if (o !== k && !others.includes(o)) others.push(o);
      out.set(k, others);
    }
  }
  return out;
}
