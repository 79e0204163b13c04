// The sandbox payout bank's published webhook format: the event body and its signature header,
// `Sandbox-Payout-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` (the
// scheme of platform/webhooks.ts). Both sides use this file, as both sides of a real bank
// integration follow the bank's documentation.
import { Type, type Static } from '@sinclair/typebox';
import { invalid } from '../../../platform/errors.ts';
import { Fen, Id, Strict } from '../../../platform/http/schemas.ts';
import { parseWebhookBody, webhookSignature } from '../../../platform/webhooks.ts';

/** Sent as `Sandbox-Payout-Signature`; lower case here because Node lower-cases incoming headers. */
export const SIGNATURE_HEADER = 'sandbox-payout-signature';

export const TRANSFER_EVENT_TYPES = ['transfer.paid', 'transfer.failed'] as const;

export const TransferEventSchema = Strict(
  {
    id: Type.String({ pattern: '^sxev_[0-9a-z]{10,40}$', description: 'Event id; a redelivery carries the same id' }),
    type: Type.Union(TRANSFER_EVENT_TYPES.map((t) => Type.Literal(t))),
    created: Type.Integer({ minimum: 0, description: 'Unix seconds' }),
    data: Strict({
      transferRef: Id('The sandbox transfer'),
      merchantRef: Id('The merchant reference given at creation (our payout id)'),
      amountFen: Fen(),
      currency: Type.String({ pattern: '^[A-Z]{3}$' }),
      failureReason: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z_]+$', description: 'Why the transfer failed (transfer.failed only)' })),
    }),
  },
  'A sandbox payout bank webhook event',
);
export type SandboxTransferEvent = Static<typeof TransferEventSchema>;

const signature = webhookSignature(SIGNATURE_HEADER);
/** The signature header value for `rawBody`, signed at `t` (unix seconds). */
export const signPayload = signature.sign;
/** Throws `unauthenticated` unless `header` is a fresh, valid signature of `rawBody`. */
export const verifySignature = signature.verify;

/** Parses and checks a webhook body (after its signature was verified). */
export function parseTransferEvent(rawBody: string): SandboxTransferEvent {
  const event = parseWebhookBody(TransferEventSchema, rawBody);
  // A failure without its reason (or a payment with one) is not an event the bank sends.
  if (event.type === 'transfer.failed' && event.data.failureReason === undefined) throw invalid('data.failureReason', 'is required on transfer.failed');
  if (event.type === 'transfer.paid' && event.data.failureReason !== undefined) throw invalid('data.failureReason', 'is only allowed on transfer.failed');
  return event;
}
