// Which items events may name: videos that are published (not hidden, not deleted), live rooms,
// goods on sale. The modules that own them answer (`exists`, wired in main.ts); what they confirm
// is remembered for a short while, since a feed page's items come back in every event about it.
// Only positive answers are kept: an id that does not exist yet may exist in a moment.
import type { ItemType } from './schemas.ts';

/** The ids among `ids` that name an item events may be about. */
export type ItemLookup = (itemType: ItemType, ids: string[]) => Promise<Set<string>>;

const MAX_ENTRIES = 200_000;

export class KnownItems {
  private readonly known = new Map<string, number>();

  constructor(
    private readonly lookup: ItemLookup,
    private readonly ttlMs: number,
  ) {}

  /** The `${itemType}:${itemId}` keys of these items that exist. */
  async existing(items: Iterable<{ itemType: ItemType; itemId: string }>, now = Date.now()): Promise<Set<string>> {
    const found = new Set<string>();
    const ask = new Map<ItemType, Set<string>>();
    for (const { itemType, itemId } of items) {
      const key = `${itemType}:${itemId}`;
      if (found.has(key)) continue;
      const until = this.known.get(key);
      if (until !== undefined && until > now) found.add(key);
      else {
        let ids = ask.get(itemType);
        if (!ids) ask.set(itemType, (ids = new Set()));
        ids.add(itemId);
      }
    }
    await Promise.all(
      [...ask].map(async ([itemType, ids]) => {
        for (const id of await this.lookup(itemType, [...ids])) {
          const key = `${itemType}:${id}`;
          found.add(key);
          if (this.ttlMs > 0) this.known.set(key, now + this.ttlMs);
        }
      }),
    );
    if (this.known.size > MAX_ENTRIES) this.sweep(now);
    return found;
  }

  private sweep(now: number): void {
    for (const [k, until] of this.known) if (until <= now) this.known.delete(k);
    // Still too many live entries (a huge catalogue browsed at once): start afresh.
    if (this.known.size > MAX_ENTRIES) this.known.clear();
  }
}
