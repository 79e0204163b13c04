// After-sales over HTTP: buyers open and follow their cases, merchants answer for their stores,
// the platform (operators and service agents) decides escalations and pays compensation.
import { Type } from '@sinclair/typebox';
import { AppError } from '../../../platform/errors.ts';
import { requirePrincipal } from '../../../platform/http/access.ts';
import { Id, Strict } from '../../../platform/http/schemas.ts';
import type { App } from '../../../platform/http/server.ts';
import type { CompensationService } from './compensation.ts';
import { CasePage, CaseSchema, CasesQuery, CompensationBody, CompensationSchema, CreateCaseBody, DecideBody, EscalateBody, RejectBody, ReturnShipmentBody } from './schemas.ts';
import type { AfterSalesService } from './service.ts';

const tags = ['after-sales'];
const buyer = { access: 'user' as const };
const merchant = { access: ['merchant'] as const };
const platform = { access: ['operator', 'agent'] as const };
const CaseParams = Strict({ caseId: Id() });
const IdempotencyKey = Type.String({ minLength: 8, maxLength: 100, pattern: '^[\\w.:-]+$', description: 'Required: a repeat with the same key returns the first result' });

export function afterSalesRoutes(app: App, cases: AfterSalesService, compensations: CompensationService): void {
  app.post(
    '/api/v1/orders/:orderId/after-sales',
    {
      config: buyer,
      schema: { tags, summary: 'Ask for a refund or a return on my order (before shipping: refunded and cancelled at once)', params: Strict({ orderId: Id() }), body: CreateCaseBody, response: { 201: CaseSchema } },
    },
    async (req, reply) => reply.status(201).send(await cases.open(requirePrincipal(req).userId, req.params.orderId, req.body)),
  );

  app.get('/api/v1/after-sales', { config: buyer, schema: { tags, summary: 'My after-sales cases, newest first', querystring: CasesQuery, response: { 200: CasePage } } }, async (req) =>
    cases.listForBuyer(requirePrincipal(req).userId, req.query),
  );

  app.get('/api/v1/after-sales/:caseId', { config: buyer, schema: { tags, summary: 'One of my after-sales cases, with its history', params: CaseParams, response: { 200: CaseSchema } } }, async (req) =>
    cases.getForBuyer(req.params.caseId, requirePrincipal(req).userId),
  );

  app.post('/api/v1/after-sales/:caseId/cancel', { config: buyer, schema: { tags, summary: 'Withdraw my case (until the return parcel ships)', params: CaseParams, response: { 200: CaseSchema } } }, async (req) =>
    cases.cancel(req.params.caseId, requirePrincipal(req).userId),
  );

  app.post(
    '/api/v1/after-sales/:caseId/return-shipment',
    { config: buyer, schema: { tags, summary: 'I shipped the return parcel (a small refund goes out now: 极速退款)', params: CaseParams, body: ReturnShipmentBody, response: { 200: CaseSchema } } },
    async (req) => cases.shipReturn(req.params.caseId, requirePrincipal(req).userId, req.body),
  );

  app.post(
    '/api/v1/after-sales/:caseId/escalate',
    { config: buyer, schema: { tags, summary: "Ask the platform to decide after the store's rejection", params: CaseParams, body: EscalateBody, response: { 200: CaseSchema } } },
    async (req) => cases.escalate(req.params.caseId, requirePrincipal(req).userId, req.body.note ?? ''),
  );

  app.get(
    '/api/v1/merchant/stores/:storeId/after-sales',
    { config: merchant, schema: { tags: ['merchant'], summary: "My store's after-sales cases", params: Strict({ storeId: Id() }), querystring: CasesQuery, response: { 200: CasePage } } },
    async (req) => cases.listForStore(req.params.storeId, requirePrincipal(req).userId, req.query),
  );

  app.post(
    '/api/v1/merchant/after-sales/:caseId/approve',
    { config: merchant, schema: { tags: ['merchant'], summary: 'Approve a request: a refund goes out now, a return waits for the parcel', params: CaseParams, response: { 200: CaseSchema } } },
    async (req) => cases.approve(req.params.caseId, requirePrincipal(req).userId),
  );

  app.post(
    '/api/v1/merchant/after-sales/:caseId/reject',
    { config: merchant, schema: { tags: ['merchant'], summary: 'Reject a request (or a returned parcel) with a reason the buyer sees', params: CaseParams, body: RejectBody, response: { 200: CaseSchema } } },
    async (req) => cases.reject(req.params.caseId, requirePrincipal(req).userId, req.body.reason),
  );

  app.post(
    '/api/v1/merchant/after-sales/:caseId/confirm-return',
    { config: merchant, schema: { tags: ['merchant'], summary: 'The returned parcel arrived: the refund goes out (unless it already did)', params: CaseParams, response: { 200: CaseSchema } } },
    async (req) => cases.confirmReturn(req.params.caseId, requirePrincipal(req).userId),
  );

  app.get('/api/v1/ops/after-sales', { config: platform, schema: { tags: ['ops'], summary: 'After-sales cases (e.g. ?status=escalated)', querystring: CasesQuery, response: { 200: CasePage } } }, async (req) => cases.listAll(req.query));

  app.post(
    '/api/v1/ops/after-sales/:caseId/decide',
    { config: platform, schema: { tags: ['ops'], summary: 'Decide an escalated case; the decision is final', params: CaseParams, body: DecideBody, response: { 200: CaseSchema } } },
    async (req) => cases.decide(req.params.caseId, requirePrincipal(req).userId, req.body.approve, req.body.note),
  );

  app.post(
    '/api/v1/ops/orders/:orderId/compensations',
    {
      config: platform,
      schema: {
        tags: ['ops'],
        summary: "Pay a buyer compensation (赔付) on an order into the buyer's balance, funded by the platform or the store",
        params: Strict({ orderId: Id() }),
        headers: Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKey) }),
        body: CompensationBody,
        response: { 200: CompensationSchema, 201: CompensationSchema },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string') throw new AppError('validation_failed', 'The Idempotency-Key header is required', 'headers.idempotency-key');
      const { compensation, replayed } = await compensations.pay(req.params.orderId, requirePrincipal(req).userId, key, req.body);
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : 201).send(compensation);
    },
  );
}
