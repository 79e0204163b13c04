// Campaign routes: operators create, edit, end and list campaigns and read their results; store
// staff see the open campaigns with their eligibility, enrol and withdraw goods; anyone reads the
// active campaigns, a campaign's page and the badges of a list of goods.
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import type { CampaignService } from './campaigns.ts';
import type { Enrolments } from './enrolments.ts';
import type { CampaignResults } from './results.ts';
import {
  BadgeQuery, BadgesSchema, CampaignIdParams, CampaignPage, CampaignPageSchema, CampaignSchema, CreateCampaignBody, EditCampaignBody, EnrolBody, EnrolmentSchema,
  MerchantCampaignsSchema, OpsListQuery, ResultsSchema, StoreEnrolmentsSchema,
} from './schemas.ts';
import { Type } from '@sinclair/typebox';

const tags = ['campaigns'];

export function campaignRoutes(app: App, campaigns: CampaignService, enrolments: Enrolments, results: CampaignResults): void {
  app.post(
    '/api/v1/ops/campaigns',
    { config: { access: ['operator'] }, schema: { tags, summary: 'Create a platform event or a support programme (events may not overlap in dates and categories: 409 campaign_overlap; boost above CAMPAIGN_MAX_BOOST: 400)', body: CreateCampaignBody, response: { 201: CampaignSchema } } },
    async (req, reply) => reply.status(201).send(await campaigns.create(requirePrincipal(req).userId, req.body)),
  );
  app.get(
    '/api/v1/ops/campaigns',
    { config: { access: ['operator'] }, schema: { tags, summary: 'Campaigns, latest start first, optionally by status', querystring: OpsListQuery, response: { 200: CampaignPage } } },
    async (req) => campaigns.list(req.query),
  );
  app.patch(
    '/api/v1/ops/campaigns/:campaignId',
    { config: { access: ['operator'] }, schema: { tags, summary: 'Change a campaign’s terms before it starts (409 after)', params: CampaignIdParams, body: EditCampaignBody, response: { 200: CampaignSchema } } },
    async (req) => campaigns.edit(requirePrincipal(req).userId, req.params.campaignId, req.body),
  );
  app.post(
    '/api/v1/ops/campaigns/:campaignId/end',
    { config: { access: ['operator'] }, schema: { tags, summary: 'End an active campaign now, or call off one that has not started; its goods lose the boost', params: CampaignIdParams, response: { 200: CampaignSchema } } },
    async (req) => campaigns.end(requirePrincipal(req).userId, req.params.campaignId),
  );
  app.get(
    '/api/v1/ops/campaigns/:campaignId/results',
    { config: { access: ['operator'] }, schema: { tags, summary: 'A campaign’s results: paid GMV, orders, buyers, units and refunds of enrolled goods bought while it was active, in all and per store', params: CampaignIdParams, response: { 200: ResultsSchema } } },
    async (req) => results.results(req.params.campaignId),
  );

  app.get(
    '/api/v1/merchant/stores/:storeId/campaigns',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'Campaigns open to enrolment, each with whether my store may enrol (its experience score against the minimum)', params: Strict({ storeId: Id() }), response: { 200: MerchantCampaignsSchema } } },
    async (req) => enrolments.openForStore(requirePrincipal(req).userId, req.params.storeId),
  );
  app.get(
    '/api/v1/merchant/stores/:storeId/campaign-enrolments',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'My store’s goods in campaigns, with their status (enrolled, suspended for a raised price, withdrawn)', params: Strict({ storeId: Id() }), response: { 200: StoreEnrolmentsSchema } } },
    async (req) => enrolments.ofStore(requirePrincipal(req).userId, req.params.storeId),
  );
  app.post(
    '/api/v1/merchant/stores/:storeId/campaigns/:campaignId/enrolments',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'Enrol goods of my store in a campaign (before or during it): the category, price and store-score rules apply; the lowest price now must not rise during it', params: Strict({ storeId: Id(), campaignId: Id() }), body: EnrolBody, response: { 201: EnrolmentSchema } } },
    async (req, reply) => reply.status(201).send(await enrolments.enrol(requirePrincipal(req).userId, req.params.storeId, req.params.campaignId, req.body.productId)),
  );
  app.post(
    '/api/v1/merchant/stores/:storeId/campaigns/:campaignId/enrolments/:productId/withdraw',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'Take goods of my store out of a campaign (they lose the boost at once)', params: Strict({ storeId: Id(), campaignId: Id(), productId: Id() }), response: { 200: EnrolmentSchema } } },
    async (req) => enrolments.withdraw(requirePrincipal(req).userId, req.params.storeId, req.params.campaignId, req.params.productId),
  );

  app.get(
    '/api/v1/campaigns',
    { config: { access: 'public' }, schema: { tags, summary: 'Campaigns active now, soonest to end first', querystring: Strict({}), response: { 200: Type.Object({ items: Type.Array(CampaignSchema) }) } } },
    async () => ({ items: await campaigns.active() }),
  );
  app.get(
    '/api/v1/campaigns/badges',
    { config: { access: 'public' }, schema: { tags, summary: 'Campaign badges of goods: of these products, those in a campaign in effect now', querystring: BadgeQuery, response: { 200: BadgesSchema } } },
    async (req) => campaigns.badges([...new Set(req.query.productIds.split(','))]),
  );
  app.get(
    '/api/v1/campaigns/:campaignId',
    { config: { access: 'public' }, schema: { tags, summary: 'A campaign’s page: the campaign and its enrolled goods on sale', params: CampaignIdParams, querystring: Strict({}), response: { 200: CampaignPageSchema } } },
    async (req) => campaigns.page(req.params.campaignId),
  );
}
