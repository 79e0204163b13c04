// The provider webhook endpoint. Its signature covers the exact bytes sent, so this route (and
// only this route, in its own plugin scope) reads JSON bodies as text: the parser verifies the
// signature over the raw text first (401 when missing, forged or expired) and only then parses.
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http/server.ts';
import type { ProviderEvent } from './provider.ts';
import { SandboxEventSchema } from './sandbox/wire.ts';
import { WEBHOOK_PATH } from './sandbox/psp.ts';
import type { PaymentService } from './service.ts';

const WebhookAnswer = Type.Object({
  received: Type.Literal(true),
  outcome: Type.Union([Type.Literal('applied'), Type.Literal('duplicate'), Type.Literal('ignored')]),
  why: Type.Optional(Type.String()),
});

export async function paymentRoutes(app: App, payments: PaymentService): Promise<void> {
  await app.register(async (scope) => {
    const verified = new WeakMap<FastifyRequest, ProviderEvent>();
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      try {
        const raw = typeof body === 'string' ? body : body.toString('utf8');
        verified.set(req, payments.provider.verifyWebhook(raw, req.headers));
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
          tags: ['payments'],
          summary: 'Sandbox PSP webhook (signed: x-sandbox-signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">)',
          body: SandboxEventSchema,
          response: { 200: WebhookAnswer },
        },
      },
      async (req) => {
        const event = verified.get(req);
        if (!event) throw new Error('webhook body was not verified');
        return { received: true as const, ...(await payments.handleWebhook(event)) };
      },
    );
  });
}
