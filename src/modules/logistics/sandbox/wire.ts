// The sandbox carrier's published webhook format: the scan event body and its signature header,
// `x-sandbox-carrier-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
// Both sides use this file, as both sides of a real aggregator integration follow its
// documentation. The signing scheme is shared with the sandbox PSP (platform/webhooks.ts); the
// header and the secret are the carrier's own.
import { Type, type Static } from '@sinclair/typebox';
import { parseWebhookBody, webhookSignature } from '../../../platform/webhooks.ts';
import { Id, Strict } from '../../../platform/http/schemas.ts';
import { TRACKING_NO_PATTERN } from '../carriers.ts';
import { SCAN_STATUSES } from '../state.ts';

export const SIGNATURE_HEADER = 'x-sandbox-carrier-signature';
export { SIGNATURE_TOLERANCE_SECONDS } from '../../../platform/webhooks.ts';

export const CarrierEventSchema = Strict(
  {
    id: Type.String({ pattern: '^cevt_[0-9a-z]{10,40}$', description: 'Event id; a redelivery carries the same id' }),
    type: Type.Literal('parcel.scanned'),
    created: Type.Integer({ minimum: 0, description: 'Unix seconds when the event was sent first' }),
    data: Strict({
      parcelRef: Id('The sandbox carrier’s parcel'),
      merchantRef: Id('The reference given at subscription (our shipment id)'),
      carrier: Type.String({ pattern: '^[a-z0-9]{2,20}$', description: 'Carrier code' }),
      trackingNo: Type.String({ pattern: TRACKING_NO_PATTERN }),
      seq: Type.Integer({ minimum: 1, maximum: 10_000, description: 'Order of the scans of one parcel' }),
      status: Type.Union(SCAN_STATUSES.map((s) => Type.Literal(s))),
      description: Type.String({ minLength: 1, maxLength: 200 }),
      location: Type.Union([Type.String({ minLength: 1, maxLength: 60 }), Type.Null()]),
      at: Type.Integer({ minimum: 0, description: 'Unix milliseconds when the parcel was scanned' }),
    }),
  },
  'A sandbox carrier tracking push',
);
export type CarrierEvent = Static<typeof CarrierEventSchema>;

const signature = webhookSignature(SIGNATURE_HEADER);
/** The signature header value for `rawBody`, signed at `t` (unix seconds). */
export const signPayload = signature.sign;
/** Throws `unauthenticated` unless `header` is a fresh, valid signature of `rawBody`. */
export const verifySignature = signature.verify;

/** Parses and checks a webhook body (after its signature was verified). */
export function parseEvent(rawBody: string): CarrierEvent {
  return parseWebhookBody(CarrierEventSchema, rawBody);
}
