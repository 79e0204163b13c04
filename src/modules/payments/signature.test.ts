import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import type { SandboxPsp } from './sandbox/psp.ts';
import { SandboxProvider } from './sandbox/provider.ts';
import { SIGNATURE_HEADER, signPayload, type SandboxEvent } from './sandbox/wire.ts';

const SECRET = 'whsec_test_secret';
const NOW = 1_760_000_000;
const event: SandboxEvent = {
  id: 'sevt_01jx0000000000000000',
  type: 'payment.succeeded',
  created: NOW - 2,
  sequence: 1,
  data: { paymentRef: 'spay_01jx0000000000000000', merchantRef: 'pi_01jx0000000000000000', amountFen: 3990 },
};
const raw = JSON.stringify(event);
// verifyWebhook never reaches the PSP; the adapter needs one only to create payments and refunds.
const provider = new SandboxProvider({} as SandboxPsp, SECRET, () => NOW);

function rejection(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('sandbox webhook signatures', () => {
  it('accepts a good signature and returns the normalised event', () => {
    const e = provider.verifyWebhook(raw, { [SIGNATURE_HEADER]: signPayload(SECRET, raw, NOW) });
    expect(e).toEqual({ id: event.id, type: 'payment.succeeded', created: NOW - 2, sequence: 1, providerRef: event.data.paymentRef, amountFen: 3990 });
  });

  it('rejects a tampered body', () => {
    const header = signPayload(SECRET, raw, NOW);
    const tampered = raw.replace('3990', '1');
    const err = rejection(() => provider.verifyWebhook(tampered, { [SIGNATURE_HEADER]: header }));
    expect(err.code).toBe('unauthenticated');
    expect(err.field).toBe(SIGNATURE_HEADER);
  });

  it('rejects a signature made with another secret', () => {
    const err = rejection(() => provider.verifyWebhook(raw, { [SIGNATURE_HEADER]: signPayload('not-the-secret', raw, NOW) }));
    expect(err.code).toBe('unauthenticated');
  });

  it('checks the signature before the body: a forged malformed body is a 401, a signed one a 400', () => {
    const junk = '{"oops": ';
    expect(rejection(() => provider.verifyWebhook(junk, {})).code).toBe('unauthenticated');
    const err = rejection(() => provider.verifyWebhook(junk, { [SIGNATURE_HEADER]: signPayload(SECRET, junk, NOW) }));
    expect([err.code, err.field]).toEqual(['validation_failed', 'body']);
  });

  it('names the offending field of a signed event of the wrong shape', () => {
    const cases: Array<[unknown, string]> = [
      [{ ...event, type: 'payment.refunded' }, 'type'],
      [{ ...event, extra: 1 }, 'extra'],
      [{ ...event, data: { ...event.data, amountFen: -1 } }, 'data.amountFen'],
      [{ ...event, type: 'refund.succeeded' }, 'data.refundId'],
      [[event], 'body'],
    ];
    for (const [body, field] of cases) {
      const text = JSON.stringify(body);
      const err = rejection(() => provider.verifyWebhook(text, { [SIGNATURE_HEADER]: signPayload(SECRET, text, NOW) }));
      expect([err.code, err.field]).toEqual(['validation_failed', field]);
    }
  });
});
