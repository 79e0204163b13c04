// Logistics over HTTP: the carrier list (public) and the tracking provider's signed webhook
// (signature checked over the raw body: platform/http/webhook-route.ts).
import { Type } from '@sinclair/typebox';
import type { App } from '../../platform/http/server.ts';
import { signedWebhookRoute } from '../../platform/http/webhook-route.ts';
import { WEBHOOK_PATH } from './sandbox/carrier.ts';
import { CarrierEventSchema, SIGNATURE_HEADER } from './sandbox/wire.ts';
import type { LogisticsService } from './service.ts';

export const CarrierSchema = Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });

export async function logisticsRoutes(app: App, logistics: LogisticsService): Promise<void> {
  app.get(
    '/api/v1/carriers',
    { config: { access: 'public' }, schema: { tags: ['logistics'], summary: 'Carriers a store can ship with (codes for shipping an order)', response: { 200: Type.Array(CarrierSchema) } } },
    async () => [...logistics.carriers()],
  );

  await signedWebhookRoute(app, {
    path: WEBHOOK_PATH,
    tags: ['logistics'],
    summary: `Sandbox carrier tracking push (signed: ${SIGNATURE_HEADER}: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">)`,
    body: CarrierEventSchema,
    verify: (raw, headers) => logistics.provider.verifyWebhook(raw, headers),
    handle: (event) => logistics.handleWebhook(event),
  });
}
