// Re-ranking a scored candidate list into a page: exploration slots for content still in a traffic
// pool, no author or store twice within `authorGap` places, a cap per category in every ten, a cap
// on campaign items and at most two live rooms. The spacing rules bend rather than starve the
// page (when nothing fits, the best remaining item is taken anyway); the caps never do.
import type { EngineSettings, Served } from './types.ts';

export function rerank(main: Served[], fresh: Served[], limit: number, s: EngineSettings): Served[] {
  const page: Served[] = [];
  const used = new Set<string>();
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
  const capped = (c: Served): boolean => used.has(c.item.id) || (Boolean(c.item.campaignId) && campaigns >= campaignMax) || (c.item.kind === 'live' && lives >= 2);
  const fits = (c: Served): boolean => {
    if (capped(c)) return false;
    const from = Math.max(0, page.length - s.authorGap + 1);
    for (let k = from; k < page.length; k++) {
      const p = page[k]!.item;
      if (p.authorId === c.item.authorId || (c.item.storeId && p.storeId === c.item.storeId)) return false;
    }
    if (c.item.categoryId) {
      let same = 0;
      for (let k = Math.max(0, page.length - 9); k < page.length; k++) if (page[k]!.item.categoryId === c.item.categoryId) same++;
      if (same >= s.categoryPerTen) return false;
    }
    return true;
  };
  const take = (list: Served[]): boolean => {
    let pick = list.findIndex(fits);
    if (pick < 0) pick = list.findIndex((c) => !capped(c));
    if (pick < 0) return false;
    const [c] = list.splice(pick, 1);
    used.add(c!.item.id);
    if (c!.item.campaignId) campaigns++;
    if (c!.item.kind === 'live') lives++;
    page.push(c!);
    return true;
  };
  while (page.length < limit) {
    if (exploreAt.has(page.length) && take(fresh)) continue;
    if (!take(main) && !take(fresh)) break;
  }
  return page;
}
