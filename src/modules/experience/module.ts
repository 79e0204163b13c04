// The experience module (NPS), assembled: its copy of order facts and the survey triggers (from
// commerce's, the alliance's and care's events), the surveys, the reports and their routes.
import type { Db } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { App } from '../../platform/http/server.ts';
import { subscribeFacts, type CategoryOf } from './facts.ts';
import { NpsReports, type ReportDeps, type ReportPolicy } from './report.ts';
import { experienceRoutes } from './routes.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import { subscribeScoreFacts } from './score-facts.ts';
import { scoreRoutes } from './score-routes.ts';
import { StoreScores, type ScoreServicePolicy } from './score-service.ts';
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
  /** 商家体验分 and 带货口碑分 (score*.ts, reputation.ts). */
  readonly scores: StoreScores;

  constructor(db: Db, bus: EventBus, private readonly deps: ExperienceDeps, policy: SurveyPolicy & ReportPolicy, scorePolicy: ScoreServicePolicy) {
    this.surveys = new SurveyService(db, bus, deps, policy);
    this.reports = new NpsReports(db, deps, policy);
    this.scores = new StoreScores(db, bus, deps, scorePolicy);
  }

  subscribe(bus: EventBus): void {
    subscribeFacts(bus, this.deps.categoryOf, this.surveys);
    subscribeScoreFacts(bus);
  }

  /** The repeating score recomputation (its first run is enqueued by startJobs). */
  registerJobs(jobs: JobQueue): void {
    this.scores.registerJobs(jobs);
  }

  /** Enqueues the next night's recomputation unless it exists (call once the platform listens). */
  async startJobs(jobs: JobQueue): Promise<void> {
    await this.scores.scheduleNext(jobs);
  }

  routes(app: App): void {
    experienceRoutes(app, this.surveys, this.reports, (storeId, userId) => this.deps.assertStaff(storeId, userId));
    scoreRoutes(app, this.scores, {
      assertStaff: (storeId, userId) => this.deps.assertStaff(storeId, userId),
      storeExists: async (id) => (await this.deps.storeNames([id])).has(id),
      creatorExists: async (id) => (await this.deps.userNames([id])).has(id),
    });
  }
}
