// The governance module (治理), assembled: reports, the operators' queue, penalties and appeals,
// the stores' latest experience scores (from experience's events) and the alliance gate.
import type { Db } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { App } from '../../platform/http/server.ts';
import { governanceRoutes } from './routes.ts';
import { GovernanceService, type GovernanceDeps, type GovernanceSettings, type StoreScoreEvent } from './service.ts';

export const GOVERNANCE_TOPICS = {
  reportCreated: 'governance.report.created',
  reportDecided: 'governance.report.decided',
  penaltyCreated: 'governance.penalty.created',
  penaltyAppealed: 'governance.penalty.appealed',
  appealDecided: 'governance.penalty.appeal_decided',
  reachChanged: 'governance.reach.changed',
} as const;

export class Governance {
  readonly service: GovernanceService;

  constructor(db: Db, bus: EventBus, deps: GovernanceDeps, settings: GovernanceSettings) {
    this.service = new GovernanceService(db, bus, deps, settings);
  }

  subscribe(bus: EventBus): void {
    bus.subscribe<StoreScoreEvent>('governance.store_scores', 'experience.store_score.updated', (e, tx) => this.service.recordScore(tx, e.payload));
  }

  routes(app: App): void {
    governanceRoutes(app, this.service);
  }
}
