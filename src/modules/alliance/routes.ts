// Alliance routes: stores' staff run commission plans and decide applications; creators browse
// the market (选品广场), apply to gated plans and keep their showcase (橱窗).
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, Page, PageQuery, Strict } from '../../platform/http/schemas.ts';
import { ProductCardSchema } from '../catalog/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import type { Market } from './market.ts';
import type { PlanService } from './plans.ts';
import {
  ApplicationListQuery, ApplicationPage, ApplicationSchema, ApplyBody, CreatePlanBody, DecideBody, MarketPage, MarketQuery, PlanListQuery, PlanPage, PlanSchema, ShowcaseItemSchema, ShowcasePage, UpdatePlanBody,
} from './schemas.ts';
import type { ShowcaseService } from './showcase.ts';

const merchant = { access: ['merchant'] as const };
const creator = { access: ['creator'] as const };
const tags = ['alliance'];
const StoreParams = Strict({ storeId: Id() });
const PlanParams = Strict({ storeId: Id(), planId: Id() });

export function allianceRoutes(app: App, plans: PlanService, showcase: ShowcaseService, market: Market): void {
  const base = '/api/v1/merchant/stores/:storeId/alliance';
  app.post(
    `${base}/plans`,
    { config: merchant, schema: { tags, summary: 'Offer a commission plan on one of my store’s goods (open, targeted to a creator, or exclusive)', params: StoreParams, body: CreatePlanBody, response: { 201: PlanSchema } } },
    async (req, reply) => reply.status(201).send(await plans.create(requirePrincipal(req).userId, req.params.storeId, req.body)),
  );
  app.get(
    `${base}/plans`,
    { config: merchant, schema: { tags, summary: 'My store’s commission plans, newest first', params: StoreParams, querystring: PlanListQuery, response: { 200: PlanPage } } },
    async (req) => plans.list(requirePrincipal(req).userId, req.params.storeId, req.query),
  );
  app.patch(
    `${base}/plans/:planId`,
    {
      config: merchant,
      schema: { tags, summary: 'Change a plan: a higher rate applies at once, a lower one after the notice and lock periods (see pendingRate)', params: PlanParams, body: UpdatePlanBody, response: { 200: PlanSchema } },
    },
    async (req) => plans.update(requirePrincipal(req).userId, req.params.storeId, req.params.planId, req.body),
  );
  app.post(
    `${base}/plans/:planId/end`,
    { config: merchant, schema: { tags, summary: 'End a plan at once: it leaves the market and stops earning', params: PlanParams, response: { 200: PlanSchema } } },
    async (req) => plans.end(requirePrincipal(req).userId, req.params.storeId, req.params.planId),
  );
  app.get(
    `${base}/applications`,
    { config: merchant, schema: { tags, summary: 'Creators’ applications to my store’s gated open plans, newest first', params: StoreParams, querystring: ApplicationListQuery, response: { 200: ApplicationPage } } },
    async (req) => showcase.applications(requirePrincipal(req).userId, req.params.storeId, req.query),
  );
  app.post(
    `${base}/applications/:applicationId/decision`,
    {
      config: merchant,
      schema: { tags, summary: 'Approve or reject (with a reason) a pending application', params: Strict({ storeId: Id(), applicationId: Id() }), body: DecideBody, response: { 200: ApplicationSchema } },
    },
    async (req) => showcase.decide(requirePrincipal(req).userId, req.params.storeId, req.params.applicationId, req.body),
  );

  app.get(
    '/api/v1/alliance/market',
    { config: creator, schema: { tags, summary: '选品广场: goods I may sell for commission, with the best rate on offer to me, price and units sold', querystring: MarketQuery, response: { 200: MarketPage } } },
    async (req) => market.page(requirePrincipal(req).userId, req.query),
  );
  app.post(
    '/api/v1/alliance/plans/:planId/applications',
    { config: creator, schema: { tags, summary: 'Apply to sell under an open plan that requires the store’s approval', params: Strict({ planId: Id() }), body: ApplyBody, response: { 201: ApplicationSchema } } },
    async (req, reply) => reply.status(201).send(await showcase.apply(requirePrincipal(req).userId, req.params.planId, req.body.note)),
  );
  app.get(
    '/api/v1/creators/:creatorId/showcase',
    { config: { access: 'public' }, schema: { tags, summary: 'A creator’s showcase (达人橱窗) as shoppers see it: goods on sale they carry, newest first', params: Strict({ creatorId: Id() }), querystring: Strict(PageQuery), response: { 200: Page(ProductCardSchema) } } },
    async (req) => showcase.publicList(req.params.creatorId, req.query),
  );
  app.get(
    '/api/v1/me/showcase',
    { config: creator, schema: { tags, summary: 'My showcase (橱窗), newest first, each with its card and what I earn on it now', querystring: Strict(PageQuery), response: { 200: ShowcasePage } } },
    async (req) => showcase.list(requirePrincipal(req).userId, req.query),
  );
  app.put(
    '/api/v1/me/showcase/:productId',
    { config: creator, schema: { tags, summary: 'Add goods to my showcase (a plan must let me earn on them); again: nothing changes', params: Strict({ productId: Id() }), response: { 200: ShowcaseItemSchema } } },
    async (req) => showcase.add(requirePrincipal(req).userId, req.params.productId),
  );
  app.delete(
    '/api/v1/me/showcase/:productId',
    { config: creator, schema: { tags, summary: 'Take goods out of my showcase', params: Strict({ productId: Id() }), response: { 204: Type.Null() } } },
    async (req, reply) => {
      await showcase.remove(requirePrincipal(req).userId, req.params.productId);
      return reply.status(204).send(null);
    },
  );
}
