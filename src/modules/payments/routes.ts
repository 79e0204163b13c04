// The provider webhook endpoint (signature checked over the raw body: platform/http/webhook-route.ts).
import { signedWebhookRoute } from '../../platform/http/webhook-route.ts';
import type { App } from '../../platform/http/server.ts';
import { SandboxEventSchema } from './sandbox/wire.ts';
import { WEBHOOK_PATH } from './sandbox/psp.ts';
import type { PaymentService } from './service.ts';

export async function paymentRoutes(app: App, payments: PaymentService): Promise<void> {
  await signedWebhookRoute(app, {
    path: WEBHOOK_PATH,
    tags: ['payments'],
    summary: 'Sandbox PSP webhook (signed: x-sandbox-signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">)',
    body: SandboxEventSchema,
    verify: (raw, headers) => payments.provider.verifyWebhook(raw, headers),
    handle: (event) => payments.handleWebhook(event),
  });
}
