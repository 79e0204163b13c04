// Campaign goods in distribution and search: which products are in an active campaign and with
// what reach boost. Kept in memory from campaigns' `campaigns.boost.changed` (each change carries a
// product's state after it: its campaign now, or none), loaded at start through the campaigns
// service (main.ts), and pushed into both engines through the host (goods, and the videos and
// live rooms carrying them). Search multiplies the product's quality by the same boost
// (`onChange` has it re-read the products, in the event's transaction).
import type { Tx } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';

/** One product's campaign state: in `campaignId` with `boost`, or in none (campaignId null, boost 1). */
export interface CampaignBoost {
  productId: string;
  campaignId: string | null;
  boost: number;
}

/** `campaigns.boost.changed` */
export interface BoostChangedEvent {
  changes: CampaignBoost[];
}

export interface CampaignEngines {
  setCampaignGoods(productId: string, campaignId: string | null, boost: number): void;
  setCampaignCap(cap: number): void;
}

export class CampaignReach {
  private readonly boosts = new Map<string, { campaignId: string; boost: number }>();

  constructor(
    private readonly engines: CampaignEngines,
    /** Campaigns: every product in an active campaign now. */
    private readonly source: () => Promise<CampaignBoost[]>,
    /** No boost is ever above this (CAMPAIGN_MAX_BOOST). */
    private readonly cap: number,
    /** Called in the event's transaction with the products whose boost changed (search re-reads them). */
    private readonly onChange: (tx: Tx, productIds: string[]) => Promise<void> = async () => {},
  ) {
    engines.setCampaignCap(cap);
  }

  /** The product's reach boost now (1: in no active campaign), never above the cap. */
  boost(productId: string): number {
    return Math.max(1, Math.min(this.cap, this.boosts.get(productId)?.boost ?? 1));
  }

  /** The active campaign of a product, if any. */
  campaignOf(productId: string): string | null {
    return this.boosts.get(productId)?.campaignId ?? null;
  }

  async load(): Promise<void> {
    for (const b of await this.source()) this.apply(b);
  }

  subscribe(bus: EventBus): void {
    // The boosts live in every api process's engines; the search index is told once.
    bus.subscribeEach<BoostChangedEvent>('feed.campaign_boosts.engine', 'campaigns.boost.changed', async (e) => {
      for (const c of e.payload.changes) this.apply(c);
    });
    bus.subscribe<BoostChangedEvent>('feed.campaign_boosts', 'campaigns.boost.changed', (e, tx) => this.onChange(tx, e.payload.changes.map((c) => c.productId)));
  }

  private apply(c: CampaignBoost): void {
    if (c.campaignId) this.boosts.set(c.productId, { campaignId: c.campaignId, boost: c.boost });
    else this.boosts.delete(c.productId);
    this.engines.setCampaignGoods(c.productId, c.campaignId, c.campaignId ? this.boost(c.productId) : 1);
  }
}
