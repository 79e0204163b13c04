// Signed webhooks, Stripe style, as the built-in sandbox providers (payments, carrier) publish
// them: `<header>: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. Each provider
// names its own header and secret; the scheme and the body check are the same.
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, invalid } from './errors.ts';

/** Signatures older (or further in the future) than this are refused: replays don't work. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, t: number, rawBody: string) => createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');

export interface WebhookSignature {
  /** The signature header value for `rawBody`, signed at `t` (unix seconds). */
  sign(secret: string, rawBody: string, t?: number): string;
  /** Throws `unauthenticated` (field: the header) unless `header` is a fresh, valid signature of `rawBody`. */
  verify(secret: string, rawBody: string, header: string | string[] | undefined, now?: number): void;
}

export function webhookSignature(headerName: string): WebhookSignature {
  const unauthenticated = (why: string) => new AppError('unauthenticated', `Webhook signature rejected: ${why}`, headerName);
  return {
    sign: (secret, rawBody, t = Math.floor(Date.now() / 1000)) => `t=${t},v1=${hmac(secret, t, rawBody)}`,
    verify(secret, rawBody, header, now = Math.floor(Date.now() / 1000)) {
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
    },
  };
}

/** Parses a webhook body (after its signature was verified) against its schema; errors name the body path. */
export function parseWebhookBody<S extends TSchema>(schema: S, rawBody: string): Static<S> {
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    throw invalid('body', 'The body is not valid JSON');
  }
  const first = Value.Errors(schema, value).First();
  if (first) {
    // Named like the HTTP edge names schema errors: by body path, `body` for the whole.
    const field = first.path.replace(/^\//, '').replace(/\//g, '.') || 'body';
    throw invalid(field, first.message);
  }
  return value as Static<S>;
}
