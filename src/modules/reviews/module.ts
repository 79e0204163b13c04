// The reviews module (评价), assembled: its copy of commerce's order lines (from events), the
// review service and its routes.
import type { Db } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { App } from '../../platform/http/server.ts';
import { subscribeLines } from './lines.ts';
import { reviewRoutes, type Upload } from './routes.ts';
import { ReviewService, type ReviewDeps } from './service.ts';

export const REVIEW_TOPICS = { created: 'reviews.review.created', hidden: 'reviews.review.hidden' } as const;

export class Reviews {
  readonly service: ReviewService;

  constructor(db: Db, bus: EventBus, private readonly deps: ReviewDeps & { upload: Upload }) {
    this.service = new ReviewService(db, bus, deps);
  }

  subscribe(bus: EventBus): void {
    subscribeLines(bus);
  }

  routes(app: App): void {
    reviewRoutes(app, this.service, this.deps.upload);
  }
}
