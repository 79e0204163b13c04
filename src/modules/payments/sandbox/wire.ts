// The sandbox PSP's published webhook format: the event body and its signature header, Stripe
// style: `x-sandbox-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
// Both sides use this file, as both sides of a real PSP integration follow its documentation.
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, invalid } from '../../../platform/errors.ts';
import { Fen, Id, Strict } from '../../../platform/http/schemas.ts';

export const SIGNATURE_HEADER = 'x-sandbox-signature';
/** Signatures older (or further in the future) than this are refused: replays don't work. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

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
  const ok = candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
  if (!ok) throw unauthenticated('no matching signature');
}

/** Parses and checks a webhook body (after its signature was verified). */
export function parseEvent(rawBody: string): SandboxEvent {
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    throw invalid('body', 'The body is not valid JSON');
  }
  const first = Value.Errors(SandboxEventSchema, value).First();
  if (first) {
    // Named like the HTTP edge names schema errors: by body path, `body` for the whole.
    const field = first.path.replace(/^\//, '').replace(/\//g, '.') || 'body';
    throw invalid(field, first.message);
  }
  const event = value as SandboxEvent;
  if (event.type === 'refund.succeeded' && event.data.refundId === undefined) throw invalid('data.refundId', 'is required on refund events');
  return event;
}
