// Experience routes: shoppers answer their surveys; operators read the platform's NPS (and any
// store's, creator's or category's), stores their own, creators their own.
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import type { NpsReports } from './report.ts';
import { AnswerBody, MySurveysQuery, OpsReportQuery, OwnReportQuery, ReportSchema, SurveyList, SurveySchema } from './schemas.ts';
import type { SurveyService } from './surveys.ts';

const tags = ['experience'];

export function experienceRoutes(app: App, surveys: SurveyService, reports: NpsReports, assertStaff: (storeId: string, userId: string) => Promise<void>): void {
  app.get(
    '/api/v1/me/surveys',
    { config: { access: 'user' }, schema: { tags, summary: 'My surveys waiting for an answer (not expired), newest first; optionally the one about an order', querystring: MySurveysQuery, response: { 200: SurveyList } } },
    async (req) => ({ items: await surveys.pending(requirePrincipal(req).userId, req.query.orderId) }),
  );
  app.post(
    '/api/v1/surveys/:surveyId/answer',
    { config: { access: 'user' }, schema: { tags, summary: 'Answer my survey, once, before it expires: 0–10 and an optional comment', params: Strict({ surveyId: Id() }), body: AnswerBody, response: { 200: SurveySchema } } },
    async (req) => surveys.answer(requirePrincipal(req).userId, req.params.surveyId, req.body),
  );
  app.get(
    '/api/v1/ops/nps',
    { config: { access: ['operator'] }, schema: { tags, summary: 'NPS (% promoters − % detractors) of the platform, a store, a creator or a category: trend, categories, best and worst stores, latest comments', querystring: OpsReportQuery, response: { 200: ReportSchema } } },
    async (req) => reports.report(req.query),
  );
  app.get(
    '/api/v1/merchant/stores/:storeId/nps',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'My store’s NPS with its trend', params: Strict({ storeId: Id() }), querystring: OwnReportQuery, response: { 200: ReportSchema } } },
    async (req) => {
      await assertStaff(req.params.storeId, requirePrincipal(req).userId);
      return reports.report({ ...req.query, scope: 'store', id: req.params.storeId });
    },
  );
  app.get(
    '/api/v1/me/creator/nps',
    { config: { access: ['creator'] }, schema: { tags, summary: 'The NPS of orders my content sold, with its trend', querystring: OwnReportQuery, response: { 200: ReportSchema } } },
    async (req) => reports.report({ ...req.query, scope: 'creator', id: requirePrincipal(req).userId }),
  );
}
