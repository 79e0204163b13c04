// The reference logs of ../shared/data (see its README) as one sequence per user: the user id,
// then their items oldest first. Shared by recs-quality and feed-quality.
import { readFileSync } from 'node:fs';

const DATA = new URL('../../shared/data/', import.meta.url);

/** Amazon Toys and Games: one line per user, already in order. */
export function toysSequences(): string[][] {
  return readFileSync(new URL('toys/Toys_and_Games.txt', DATA), 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/));
}

/** RecBole's .inter: user, item, rating, timestamp; each user's items by time (ties: file order). */
export function ml100kSequences(): string[][] {
  const rows = readFileSync(new URL('ml-100k/ml-100k.inter', DATA), 'utf8').trim().split('\n').slice(1).map((l, n) => { const [u, i, , t] = l.split('\t'); return { u: u!, i: i!, t: Number(t), n }; });
  const by = new Map<string, typeof rows>();
  for (const r of rows) (by.get(r.u) ?? by.set(r.u, []).get(r.u)!).push(r);
  return [...by.entries()].map(([u, rs]) => [u, ...rs.sort((a, b) => a.t - b.t || a.n - b.n).map((r) => r.i)]);
}
