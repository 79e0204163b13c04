// The signing scheme both sandbox providers use; their own tests cover their headers and bodies.
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { webhookSignature } from './webhooks.ts';

const SECRET = 'whsec_test_secret';
const NOW = 1_760_000_000;
const raw = JSON.stringify({ id: 'evt_1', amountFen: 3990 });
const { sign, verify } = webhookSignature('x-test-signature');

function rejection(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('webhook signatures', () => {
  it('accepts a signature within the 5-minute tolerance, and any matching v1 (secret rotation)', () => {
    expect(() => verify(SECRET, raw, sign(SECRET, raw, NOW - 299), NOW)).not.toThrow();
    const rotated = `${sign('old-secret', raw, NOW)},v1=${sign(SECRET, raw, NOW).split('v1=')[1]}`;
    expect(() => verify(SECRET, raw, rotated, NOW)).not.toThrow();
  });

  it('rejects a tampered body and another secret, naming the header', () => {
    const err = rejection(() => verify(SECRET, raw.replace('3990', '1'), sign(SECRET, raw, NOW), NOW));
    expect([err.code, err.status, err.field]).toEqual(['unauthenticated', 401, 'x-test-signature']);
    expect(rejection(() => verify(SECRET, raw, sign('not-the-secret', raw, NOW), NOW)).code).toBe('unauthenticated');
  });

  it('rejects an expired timestamp (a replay) and one from the future', () => {
    expect(rejection(() => verify(SECRET, raw, sign(SECRET, raw, NOW - 301), NOW)).code).toBe('unauthenticated');
    expect(rejection(() => verify(SECRET, raw, sign(SECRET, raw, NOW + 301), NOW)).code).toBe('unauthenticated');
  });

  it('rejects a signature moved to another timestamp', () => {
    const v1 = sign(SECRET, raw, NOW - 10).split('v1=')[1];
    expect(rejection(() => verify(SECRET, raw, `t=${NOW},v1=${v1}`, NOW)).code).toBe('unauthenticated');
  });

  it('rejects missing and malformed headers', () => {
    for (const header of [undefined, '', 'v1=abc', `t=${NOW}`, `t=soon,v1=${'0'.repeat(64)}`, ['a', 'b'], `t=${NOW},v1=${'zz'.repeat(32)}`]) {
      expect(rejection(() => verify(SECRET, raw, header, NOW)).code).toBe('unauthenticated');
    }
  });
});
