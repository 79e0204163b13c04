// Free-sample routes: creators ask and follow their requests; stores decide, see where to send
// (masked, or in full on an audited view) and ship with a tracked parcel.
import { requirePrincipal } from '../../platform/http/access.ts';
import { PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import { AddressQuery, RequestSampleBody, SampleAddressSchema, SampleDecideBody, SampleListQuery, SamplePage, SampleParams, SampleSchema, ShipSampleBody } from './sample-schemas.ts';
import type { SampleService } from './samples.ts';

const tags = ['alliance'];
const merchant = { access: ['merchant'] as const };
const creator = { access: ['creator'] as const };

export function sampleRoutes(app: App, samples: SampleService): void {
  app.post(
    '/api/v1/alliance/samples',
    { config: creator, schema: { tags, summary: 'Ask the store for a free sample of goods whose plan offers them', body: RequestSampleBody, response: { 201: SampleSchema } } },
    async (req, reply) => reply.status(201).send(await samples.request(requirePrincipal(req).userId, req.body.productId, req.body.note)),
  );
  app.get(
    '/api/v1/me/alliance/samples',
    { config: creator, schema: { tags, summary: 'My sample requests, newest first', querystring: Strict(PageQuery), response: { 200: SamplePage } } },
    async (req) => samples.mine(requirePrincipal(req).userId, req.query),
  );
  const base = '/api/v1/merchant/stores/:storeId/alliance/samples';
  app.get(
    base,
    { config: merchant, schema: { tags, summary: 'Sample requests to my store, newest first', params: Strict({ storeId: SampleParams.properties.storeId }), querystring: SampleListQuery, response: { 200: SamplePage } } },
    async (req) => samples.forStore(requirePrincipal(req).userId, req.params.storeId, req.query),
  );
  app.post(
    `${base}/:sampleId/decision`,
    { config: merchant, schema: { tags, summary: 'Approve or decline (with a reason) a sample request before it lapses', params: SampleParams, body: SampleDecideBody, response: { 200: SampleSchema } } },
    async (req) => samples.decide(requirePrincipal(req).userId, req.params.storeId, req.params.sampleId, req.body),
  );
  app.post(
    `${base}/:sampleId/ship`,
    { config: merchant, schema: { tags, summary: 'Ship an approved sample: the carrier’s scans then follow it', params: SampleParams, body: ShipSampleBody, response: { 200: SampleSchema } } },
    async (req) => samples.ship(requirePrincipal(req).userId, req.params.storeId, req.params.sampleId, req.body),
  );
  app.get(
    `${base}/:sampleId/address`,
    { config: merchant, schema: { tags, summary: 'Where to send an approved sample: masked, or in full with ?full=true (audited)', params: SampleParams, querystring: AddressQuery, response: { 200: SampleAddressSchema } } },
    async (req) => samples.address(requirePrincipal(req).userId, req.params.storeId, req.params.sampleId, req.query.full === true),
  );
}
