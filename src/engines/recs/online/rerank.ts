// Re-ranking a scored candidate list into a page: exploration slots for content still in a traffic
// pool, no author or store twice within `authorGap` places, a cap per category in every ten, a cap
// on campaign items and at most two live rooms. The spacing rules bend rather than starve the
// page (when nothing fits, the best remaining item is taken anyway); the caps never do.
import type { ItemState } from './engine.ts';
import type { EngineSettings } from './types.ts';

export interface Ranked {
  st: ItemState;
  score: number;
}

export function rerank<T extends Ranked>(main: T[], fresh: T[], limit: number, s: EngineSettings): T[] {
  const page: T[] = [];
  const used = new Set<ItemState>();
  const exploreAt = new Set<number>();
  const slots = Math.min(s.pools.slotsPerPage, fresh.length);
  // Spread the exploration slots through the page, never first (the first item sets the mood).
  for (let k = 0; k < slots; k++) {
    const at = Math.max(1, Math.floor(((k + 1) * limit) / (slots + 1)));
    if (at < limit) exploreAt.add(at);
  }
  const campaignMax = Math.floor(limit * s.campaignShare);
  let campaigns = 0;
  let lives = 0;
  const capped = (c: T): boolean => used.has(c.st) || (Boolean(c.st.item.campaignId) && campaigns >= campaignMax) || (c.st.item.kind === 'live' && lives >= 2);
  const fits = (c: T): boolean => {
    if (capped(c)) return false;
    const { author, store, cat } = c.st;
    for (let k = Math.max(0, page.length - s.authorGap + 1); k < page.length; k++) {
      const p = page[k]!.st;
      if (p.author === author || (store >= 0 && p.store === store)) return false;
    }
    if (cat >= 0) {
      let same = 0;
      for (let k = Math.max(0, page.length - 9); k < page.length; k++) if (page[k]!.st.cat === cat) same++;
      if (same >= s.categoryPerTen) return false;
    }
    return true;
  };
  const take = (list: T[]): boolean => {
    let pick = list.findIndex(fits);
    if (pick < 0) pick = list.findIndex((c) => !capped(c));
    if (pick < 0) return false;
    const [c] = list.splice(pick, 1);
    used.add(c!.st);
    if (c!.st.item.campaignId) campaigns++;
    if (c!.st.item.kind === 'live') lives++;
    page.push(c!);
    return true;
  };
  while (page.length < limit) {
    if (exploreAt.has(page.length) && take(fresh)) continue;
    if (!take(main) && !take(fresh)) break;
  }
  return page;
}
