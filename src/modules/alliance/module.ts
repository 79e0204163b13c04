// The alliance module (精选联盟), assembled: plans, showcase and applications, the market and its
// copy of catalog facts; commissions attributed from commerce's events, settled after the return
// window, and withdrawn through the payout provider; free samples.
import type { Db } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { App } from '../../platform/http/server.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { LedgerService } from '../ledger/service.ts';
import { Commissions, type CommissionPolicy } from './commissions.ts';
import { earningsRoutes } from './earnings-routes.ts';
import { EarningsService, type PayoutGateway } from './earnings.ts';
import { Market } from './market.ts';
import { Offers } from './offers.ts';
import { PlanService } from './plans.ts';
import { allianceRoutes } from './routes.ts';
import { Settlement } from './settlement.ts';
import { sampleRoutes } from './sample-routes.ts';
import { SampleService, type SamplePolicy } from './samples.ts';
import { ShowcaseService } from './showcase.ts';
import type { AllianceDeps, AlliancePolicy } from './store.ts';

export interface AllianceParts {
  ledger: LedgerService;
  jobs: JobQueue;
  /** The payout provider; null: withdrawals answer 503. */
  payouts: PayoutGateway | null;
  /** The payout provider's event topics (paid, failed). */
  payoutTopics: { paid: string; failed: string };
}

export class Alliance {
  readonly plans: PlanService;
  readonly showcase: ShowcaseService;
  readonly market: Market;
  readonly settlement: Settlement;
  readonly earnings: EarningsService;
  readonly samples: SampleService;
  private readonly offers: Offers;
  private readonly commissions: Commissions;

  constructor(db: Db, bus: EventBus, deps: AllianceDeps, policy: AlliancePolicy & CommissionPolicy & SamplePolicy, private readonly parts: AllianceParts) {
    this.offers = new Offers(deps);
    this.plans = new PlanService(db, bus, deps, this.offers, policy);
    this.showcase = new ShowcaseService(db, bus, deps);
    this.market = new Market(db, deps);
    this.commissions = new Commissions(bus, parts.jobs, parts.ledger, deps, policy);
    this.settlement = new Settlement(db, bus, parts.ledger, policy, deps.now);
    this.earnings = new EarningsService(db, bus, parts.ledger, deps, parts.payouts);
    this.samples = new SampleService(db, bus, deps, policy);
  }

  subscribe(bus: EventBus): void {
    this.offers.subscribe(bus);
    this.commissions.subscribe(bus);
    this.samples.subscribe(bus);
    this.earnings.subscribe(bus, this.parts.payoutTopics);
    this.settlement.register(this.parts.jobs);
  }

  routes(app: App): void {
    allianceRoutes(app, this.plans, this.showcase, this.market);
    earningsRoutes(app, this.earnings, this.settlement);
    sampleRoutes(app, this.samples);
  }
}
