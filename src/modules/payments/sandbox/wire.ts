// The sandbox PSP's published webhook format: the event body and its signature header, Stripe
// style: `x-sandbox-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
// Both sides use this file, as both sides of a real PSP integration follow its documentation.
import { Type, type Static } from '@sinclair/typebox';
import { invalid } from '../../../platform/errors.ts';
import { parseWebhookBody, webhookSignature } from '../../../platform/webhooks.ts';
import { Fen, Id, Strict } from '../../../platform/http/schemas.ts';

export const SIGNATURE_HEADER = 'x-sandbox-signature';
export { SIGNATURE_TOLERANCE_SECONDS } from '../../../platform/webhooks.ts';

export const SANDBOX_EVENT_TYPES = ['payment.succeeded', 'payment.failed', 'refund.succeeded'] as const;

export const SandboxEventSchema = Strict(
  {
    id: Type.String({ pattern: '^sevt_[0-9a-z]{10,40}$', description: 'Event id; a redelivery carries the same id' }),
    type: Type.Union(SANDBOX_EVENT_TYPES.map((t) => Type.Literal(t))),
    created: Type.Integer({ minimum: 0, description: 'Unix seconds' }),
    sequence: Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Order of the events about one payment' }),
    data: Strict({
      paymentRef: Id('The sandbox payment'),
      merchantRef: Id('The merchant reference given at creation (our intent id)'),
      amountFen: Fen(),
      refundId: Type.Optional(Id('The merchant refund id (refund events)')),
    }),
  },
  'A sandbox PSP webhook event',
);
export type SandboxEvent = Static<typeof SandboxEventSchema>;

const signature = webhookSignature(SIGNATURE_HEADER);
/** The signature header value for `rawBody`, signed at `t` (unix seconds). */
export const signPayload = signature.sign;
/** Throws `unauthenticated` unless `header` is a fresh, valid signature of `rawBody`. */
export const verifySignature = signature.verify;

/** Parses and checks a webhook body (after its signature was verified). */
export function parseEvent(rawBody: string): SandboxEvent {
  const event = parseWebhookBody(SandboxEventSchema, rawBody);
  if (event.type === 'refund.succeeded' && event.data.refundId === undefined) throw invalid('data.refundId', 'is required on refund events');
  return event;
}
