// The sandbox PSP's API for its hosted pay page (the page itself lives in the web app at
// /pay/<providerRef>): anyone may look at a payment; only its payer may confirm it.
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../../../platform/http/access.ts';
import { Fen, Id, Strict } from '../../../platform/http/schemas.ts';
import type { App } from '../../../platform/http/server.ts';
import type { SandboxPsp } from './psp.ts';

const tags = ['sandbox-psp'];
const Params = Strict({ providerRef: Id('The sandbox payment reference') });
const PaymentView = Type.Object({
  providerRef: Type.String(),
  amountFen: Fen(),
  currency: Type.String(),
  description: Type.String(),
  merchantName: Type.String(),
  status: Type.Union([Type.Literal('requires_confirmation'), Type.Literal('succeeded'), Type.Literal('failed')]),
  refundedFen: Fen(),
  createdAt: Type.String(),
});

export function sandboxPspRoutes(app: App, psp: SandboxPsp): void {
  app.get(
    '/api/v1/sandbox-psp/payments/:providerRef',
    { config: { access: 'public' }, schema: { tags, summary: 'A sandbox payment, for the hosted pay page', params: Params, response: { 200: PaymentView } } },
    async (req) => psp.view(req.params.providerRef),
  );

  app.post(
    '/api/v1/sandbox-psp/payments/:providerRef/confirm',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Pay (or decline) as the payer; the outcome reaches the merchant by webhook',
        params: Params,
        body: Strict({ outcome: Type.Union([Type.Literal('succeed'), Type.Literal('fail')], { description: 'What the sandbox should do with this attempt' }) }),
        response: { 200: PaymentView },
      },
    },
    async (req) => psp.confirm(req.params.providerRef, requirePrincipal(req).userId, req.body.outcome),
  );
}
