// The alliance module (精选联盟), assembled: plans, showcase and applications, the market, and the
// market's copy of catalog facts kept current from catalog's events. Attribution of orders and
// commission through the ledger build on this (they will read plans through PlanFacts/effectiveRate).
import type { Db } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { App } from '../../platform/http/server.ts';
import { Market } from './market.ts';
import { Offers } from './offers.ts';
import { PlanService } from './plans.ts';
import { allianceRoutes } from './routes.ts';
import { ShowcaseService } from './showcase.ts';
import type { AllianceDeps, AlliancePolicy } from './store.ts';

export class Alliance {
  readonly plans: PlanService;
  readonly showcase: ShowcaseService;
  readonly market: Market;
  private readonly offers: Offers;

  constructor(db: Db, bus: EventBus, deps: AllianceDeps, policy: AlliancePolicy) {
    this.offers = new Offers(deps);
    this.plans = new PlanService(db, bus, deps, this.offers, policy);
    this.showcase = new ShowcaseService(db, bus, deps);
    this.market = new Market(db, deps);
  }

  subscribe(bus: EventBus): void {
    this.offers.subscribe(bus);
  }

  routes(app: App): void {
    allianceRoutes(app, this.plans, this.showcase, this.market);
  }
}
