// The experience module (NPS), assembled: its copy of order facts and the survey triggers (from
// commerce's, the alliance's and care's events), the surveys, the reports and their routes.
import type { Db } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { App } from '../../platform/http/server.ts';
import { subscribeFacts, type CategoryOf } from './facts.ts';
import { NpsReports, type ReportDeps, type ReportPolicy } from './report.ts';
import { experienceRoutes } from './routes.ts';
import { SurveyService, type SurveyDeps, type SurveyPolicy } from './surveys.ts';

export type ExperienceDeps = SurveyDeps &
  ReportDeps & {
    categoryOf: CategoryOf;
    /** Catalog: 404 (storeId) when the store does not exist, 403 when the user is not its staff. */
    assertStaff(storeId: string, userId: string): Promise<void>;
  };

export class Experience {
  readonly surveys: SurveyService;
  readonly reports: NpsReports;

  constructor(db: Db, bus: EventBus, private readonly deps: ExperienceDeps, policy: SurveyPolicy & ReportPolicy) {
    this.surveys = new SurveyService(db, bus, deps, policy);
    this.reports = new NpsReports(db, deps, policy);
  }

  subscribe(bus: EventBus): void {
    subscribeFacts(bus, this.deps.categoryOf, this.surveys);
  }

  routes(app: App): void {
    experienceRoutes(app, this.surveys, this.reports, (storeId, userId) => this.deps.assertStaff(storeId, userId));
  }
}
