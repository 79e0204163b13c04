// The sandbox carrier's published webhook format: the scan event body and its signature header,
// `x-sandbox-carrier-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
// Both sides use this file, as both sides of a real aggregator integration follow its
// documentation. The scheme is the sandbox PSP's (payments/sandbox/wire.ts); this is a sibling
// rather than a shared import because each provider documents its own header and secret, and the
// two modules must not depend on each other.
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, invalid } from '../../../platform/errors.ts';
import { Id, Strict } from '../../../platform/http/schemas.ts';
import { TRACKING_NO_PATTERN } from '../carriers.ts';
import { SCAN_STATUSES } from '../state.ts';

export const SIGNATURE_HEADER = 'x-sandbox-carrier-signature';
/** Signatures older (or further in the future) than this are refused: replays don't work. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

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

const hmac = (secret: string, t: number, rawBody: string) => createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');

/** The signature header value for `rawBody`, signed at `t` (unix seconds). */
export function signPayload(secret: string, rawBody: string, t = Math.floor(Date.now() / 1000)): string {
  return `t=${t},v1=${hmac(secret, t, rawBody)}`;
}

const unauthenticated = (why: string) => new AppError('unauthenticated', `Webhook signature rejected: ${why}`, SIGNATURE_HEADER);

/** Throws `unauthenticated` unless `header` is a fresh, valid signature of `rawBody`. */
export function verifySignature(secret: string, rawBody: string, header: string | string[] | undefined, now = Math.floor(Date.now() / 1000)): void {
  if (typeof header !== 'string' || header === '') throw unauthenticated('missing');
  let t: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v !== undefined && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && v !== undefined && /^[0-9a-f]{64}$/.test(v)) candidates.push(v);
  }
  if (t === null || candidates.length === 0) throw unauthenticated('malformed');
  if (Math.abs(now - t) > SIGNATURE_TOLERANCE_SECONDS) throw unauthenticated('timestamp outside the tolerance');
  const expected = Buffer.from(hmac(secret, t, rawBody), 'hex');
  // Several v1 values are allowed (secret rotation); compare each in constant time.
  if (!candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected))) throw unauthenticated('no matching signature');
}

/** Parses and checks a webhook body (after its signature was verified). */
export function parseEvent(rawBody: string): CarrierEvent {
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    throw invalid('body', 'The body is not valid JSON');
  }
  const first = Value.Errors(CarrierEventSchema, value).First();
  if (first) {
    // Named like the HTTP edge names schema errors: by body path, `body` for the whole.
    const field = first.path.replace(/^\//, '').replace(/\//g, '.') || 'body';
    throw invalid(field, first.message);
  }
  return value as CarrierEvent;
}
