// A provider's signed webhook endpoint. The signature covers the exact bytes sent, so the route
// (alone, in its own plugin scope) reads JSON bodies as text: the parser verifies the signature
// over the raw text first (401 when missing, forged or expired) and only then parses; the body
// schema documents the provider's own format. Every answer is `{ received: true, outcome, why? }`.
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from './server.ts';

export const WebhookAnswer = Type.Object({
  received: Type.Literal(true),
  outcome: Type.Union([Type.Literal('applied'), Type.Literal('duplicate'), Type.Literal('ignored')]),
  why: Type.Optional(Type.String()),
});

export interface SignedWebhook<E> {
  path: string;
  tags: string[];
  summary: string;
  body: TSchema;
  /** Checks the signature over the raw body and returns the event; throws a 401 AppError otherwise. */
  verify: (rawBody: string, headers: FastifyRequest['headers']) => E;
  handle: (event: E) => Promise<{ outcome: 'applied' | 'duplicate' | 'ignored'; why?: string }>;
}

export async function signedWebhookRoute<E>(app: App, hook: SignedWebhook<E>): Promise<void> {
  await app.register(async (scope) => {
    const verified = new WeakMap<FastifyRequest, E>();
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      try {
        const raw = typeof body === 'string' ? body : body.toString('utf8');
        verified.set(req, hook.verify(raw, req.headers));
        done(null, JSON.parse(raw) as unknown);
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      hook.path,
      { config: { access: 'public' }, schema: { tags: hook.tags, summary: hook.summary, body: hook.body, response: { 200: WebhookAnswer } } },
      async (req) => {
        const event = verified.get(req);
        if (event === undefined) throw new Error('webhook body was not verified');
        return { received: true as const, ...(await hook.handle(event)) };
      },
    );
  });
}
