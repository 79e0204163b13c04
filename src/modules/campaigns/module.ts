// The campaigns module (平台活动 and 扶持计划), assembled: campaigns and their clock, goods enrolled
// in them (suspended by catalog's price changes), the results learnt from commerce's events, and
// their routes. Distribution and search learn the boosts from `campaigns.boost.changed`
// (feed/campaign-reach.ts); other modules ask `service.campaignOf`.
import type { Db } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { App } from '../../platform/http/server.ts';
import type { Log } from '../../platform/log.ts';
import { CAMPAIGN_TOPICS, CampaignService, type CampaignDeps, type CampaignSettings } from './campaigns.ts';
import { Enrolments } from './enrolments.ts';
import { CampaignResults } from './results.ts';
import { campaignRoutes } from './routes.ts';

export { CAMPAIGN_TOPICS };

export class Campaigns {
  readonly service: CampaignService;
  readonly enrolments: Enrolments;
  readonly results: CampaignResults;
  private timer: NodeJS.Timeout | null = null;

  constructor(db: Db, bus: EventBus, deps: CampaignDeps, private readonly settings: CampaignSettings & { sweepSeconds: number }, private readonly log: Log) {
    this.service = new CampaignService(db, bus, deps, settings);
    this.enrolments = new Enrolments(db, bus, this.service);
    this.results = new CampaignResults(db, this.service);
  }

  subscribe(bus: EventBus): void {
    this.results.subscribe(bus);
    bus.subscribe<{ productId?: string }>('campaigns.prices', 'catalog.product.updated', async (e, tx) => {
      if (e.payload.productId) await this.enrolments.productChanged(tx, e.payload.productId);
    });
  }

  routes(app: App): void {
    campaignRoutes(app, this.service, this.enrolments, this.results);
  }

  /** Starts and ends campaigns by the clock: once now (what changed while the server was down), then every sweepSeconds. */
  async start(): Promise<void> {
    await this.service.sweep();
    this.timer ??= setInterval(() => void this.service.sweep().catch((err: unknown) => this.log.error({ err }, 'campaign sweep failed')), this.settings.sweepSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
