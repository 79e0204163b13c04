// Governance routes: users report and see their reports; operators work the queue, decide
// reports and appeals; stores see their penalties and standing and appeal once.
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import { AppealBody, AppealDecisionBody, CreateReportBody, DecideBody, PenaltySchema, QueueQuery, ReportPage, ReportSchema, StoreStanding } from './schemas.ts';
import type { GovernanceService } from './service.ts';

const tags = ['governance'];

export function governanceRoutes(app: App, g: GovernanceService): void {
  app.post(
    '/api/v1/reports',
    { config: { access: 'user' }, schema: { tags, summary: 'Report goods, a video, a live room or a store (not as shown, false claim, counterfeit); at most a few an hour and one per target a day (429)', body: CreateReportBody, response: { 201: ReportSchema } } },
    async (req, reply) => reply.status(201).send(await g.report(requirePrincipal(req).userId, req.body)),
  );
  app.get(
    '/api/v1/me/reports',
    { config: { access: 'user' }, schema: { tags, summary: 'My reports, newest first, with their outcome', querystring: Strict(PageQuery), response: { 200: ReportPage } } },
    async (req) => g.myReports(requirePrincipal(req).userId, req.query),
  );
  app.get(
    '/api/v1/ops/governance/reports',
    { config: { access: ['operator'] }, schema: { tags, summary: 'The report queue (default open), oldest first, each with the open reports on its target', querystring: QueueQuery, response: { 200: ReportPage } } },
    async (req) => g.queue(req.query),
  );
  app.post(
    '/api/v1/ops/governance/reports/:reportId/decide',
    { config: { access: ['operator'] }, schema: { tags, summary: 'Uphold or dismiss a report, with a note and optionally a penalty on the store (audited)', params: Strict({ reportId: Id() }), body: DecideBody, response: { 200: ReportSchema } } },
    async (req) => g.decide(requirePrincipal(req).userId, req.params.reportId, req.body),
  );
  app.post(
    '/api/v1/ops/governance/penalties/:penaltyId/appeal',
    { config: { access: ['operator'] }, schema: { tags, summary: 'Decide a store’s appeal: accepted revokes the penalty and undoes its effect (audited)', params: Strict({ penaltyId: Id() }), body: AppealDecisionBody, response: { 200: PenaltySchema } } },
    async (req) => g.decideAppeal(requirePrincipal(req).userId, req.params.penaltyId, req.body.accept, req.body.note),
  );
  app.get(
    '/api/v1/ops/governance/stores/:storeId',
    { config: { access: ['operator'] }, schema: { tags, summary: 'A store’s standing: points, reach, alliance gate, penalties', params: Strict({ storeId: Id() }), querystring: Strict({}), response: { 200: StoreStanding } } },
    async (req) => g.opsStanding(req.params.storeId),
  );
  app.get(
    '/api/v1/merchant/stores/:storeId/penalties',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'My store’s standing: penalties, points, reach and the alliance gate', params: Strict({ storeId: Id() }), querystring: Strict({}), response: { 200: StoreStanding } } },
    async (req) => g.storePenalties(requirePrincipal(req).userId, req.params.storeId),
  );
  app.post(
    '/api/v1/merchant/stores/:storeId/penalties/:penaltyId/appeal',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'Appeal a penalty of my store, once', params: Strict({ storeId: Id(), penaltyId: Id() }), body: AppealBody, response: { 200: PenaltySchema } } },
    async (req) => g.appeal(requirePrincipal(req).userId, req.params.storeId, req.params.penaltyId, req.body.text),
  );
}
