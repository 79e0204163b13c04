// The payout provider's webhook endpoint: public (the bank has no session; the signature is its
// credential), checked over the raw body by platform/http/webhook-route.ts before anything is
// parsed: a bad signature is a 401 problem+json and changes nothing; a duplicate is a 200.
import type { App } from '../../../platform/http/server.ts';
import { signedWebhookRoute } from '../../../platform/http/webhook-route.ts';
import { WEBHOOK_PATH } from './sandbox.ts';
import { TransferEventSchema } from './sandbox-wire.ts';
import type { PayoutService } from './service.ts';

export async function payoutRoutes(app: App, payouts: PayoutService): Promise<void> {
  await signedWebhookRoute(app, {
    path: WEBHOOK_PATH,
    tags: ['payments'],
    summary: 'Sandbox payout bank webhook (signed: Sandbox-Payout-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">)',
    body: TransferEventSchema,
    verify: (raw, headers) => payouts.verifyWebhook(raw, headers[payouts.provider.signatureHeader]),
    handle: (event) => payouts.applyEvent(event),
  });
}
