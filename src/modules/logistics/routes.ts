// Logistics over HTTP: the carrier list (public) and the tracking provider's webhook. The webhook's
// signature covers the exact bytes sent, so that route (alone, in its own plugin scope) reads
// JSON bodies as text: the parser verifies the signature over the raw text first (401 when
// missing, forged or expired) and only then parses.
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http/server.ts';
import type { TrackingEvent } from './provider.ts';
import { WEBHOOK_PATH } from './sandbox/carrier.ts';
import { CarrierEventSchema, SIGNATURE_HEADER } from './sandbox/wire.ts';
import type { LogisticsService } from './service.ts';

export const CarrierSchema = Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });

const WebhookAnswer = Type.Object({
  received: Type.Literal(true),
  outcome: Type.Union([Type.Literal('applied'), Type.Literal('duplicate'), Type.Literal('ignored')]),
  why: Type.Optional(Type.String()),
});

export async function logisticsRoutes(app: App, logistics: LogisticsService): Promise<void> {
  app.get(
    '/api/v1/carriers',
    { config: { access: 'public' }, schema: { tags: ['logistics'], summary: 'Carriers a store can ship with (codes for shipping an order)', response: { 200: Type.Array(CarrierSchema) } } },
    async () => [...logistics.carriers()],
  );

  await app.register(async (scope) => {
    const verified = new WeakMap<FastifyRequest, TrackingEvent>();
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      try {
        const raw = typeof body === 'string' ? body : body.toString('utf8');
        verified.set(req, logistics.provider.verifyWebhook(raw, req.headers));
        // The body the schema sees (and documents) is the provider's own format.
        done(null, JSON.parse(raw) as unknown);
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      WEBHOOK_PATH,
      {
        config: { access: 'public' },
        schema: {
          tags: ['logistics'],
          summary: `Sandbox carrier tracking push (signed: ${SIGNATURE_HEADER}: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">)`,
          body: CarrierEventSchema,
          response: { 200: WebhookAnswer },
        },
      },
      async (req) => {
        const event = verified.get(req);
        if (!event) throw new Error('webhook body was not verified');
        return { received: true as const, ...(await logistics.handleWebhook(event)) };
      },
    );
  });
}
