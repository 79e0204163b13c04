import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import type { SandboxCarrier } from './carrier.ts';
import { journey } from './journey.ts';
import { SandboxCarrierProvider } from './provider.ts';
import { SIGNATURE_HEADER, signPayload, type CarrierEvent } from './wire.ts';

const SECRET = 'whsec_carrier_test_secret';
const NOW = 1_760_000_000;
const event: CarrierEvent = {
  id: 'cevt_01jx0000000000000000',
  type: 'parcel.scanned',
  created: NOW - 2,
  data: { parcelRef: 'pcl_01jx0000000000000000', merchantRef: 'shp_01jx0000000000000000', carrier: 'sf', trackingNo: 'SF1234567890', seq: 1, status: 'picked_up', description: '【杭州市】快件已揽收', location: '杭州市', at: NOW * 1000 - 5000 },
};
const raw = JSON.stringify(event);
// verifyWebhook never reaches the carrier; the adapter needs one only to subscribe parcels.
const provider = new SandboxCarrierProvider({} as SandboxCarrier, SECRET, () => NOW);

function rejection(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('sandbox carrier webhook signatures', () => {
  it('accepts a good signature and returns the normalised scan', () => {
    const e = provider.verifyWebhook(raw, { [SIGNATURE_HEADER]: signPayload(SECRET, raw, NOW) });
    expect(e).toEqual({ id: event.id, carrier: 'sf', trackingNo: 'SF1234567890', status: 'picked_up', description: '【杭州市】快件已揽收', location: '杭州市', at: new Date(NOW * 1000 - 5000) });
  });

  it('rejects a tampered body, another secret, and the payment provider’s header', () => {
    const header = signPayload(SECRET, raw, NOW);
    const tampered = raw.replace('picked_up', 'delivered');
    for (const [body, headers] of [
      [tampered, { [SIGNATURE_HEADER]: header }],
      [raw, { [SIGNATURE_HEADER]: signPayload('not-the-secret', raw, NOW) }],
      [raw, { 'x-sandbox-signature': header }],
    ] as const) {
      const err = rejection(() => provider.verifyWebhook(body, headers));
      expect([err.code, err.status, err.field]).toEqual(['unauthenticated', 401, SIGNATURE_HEADER]);
    }
  });

  it('checks the signature before the body: a forged malformed body is a 401, a signed one a 400', () => {
    const junk = '{"oops": ';
    expect(rejection(() => provider.verifyWebhook(junk, {})).code).toBe('unauthenticated');
    const err = rejection(() => provider.verifyWebhook(junk, { [SIGNATURE_HEADER]: signPayload(SECRET, junk, NOW) }));
    expect([err.code, err.field]).toEqual(['validation_failed', 'body']);
  });

  it('names the offending field of a signed event of the wrong shape', () => {
    const cases: Array<[unknown, string]> = [
      [{ ...event, type: 'parcel.lost' }, 'type'],
      [{ ...event, extra: 1 }, 'extra'],
      [{ ...event, data: { ...event.data, status: 'pending' } }, 'data.status'],
      [{ ...event, data: { ...event.data, at: '2026-11-01' } }, 'data.at'],
      [{ ...event, data: { ...event.data, trackingNo: 'SF 1' } }, 'data.trackingNo'],
      [[event], 'body'],
    ];
    for (const [body, field] of cases) {
      const text = JSON.stringify(body);
      const err = rejection(() => provider.verifyWebhook(text, { [SIGNATURE_HEADER]: signPayload(SECRET, text, NOW) }));
      expect([err.code, err.field]).toEqual(['validation_failed', field]);
    }
  });
});

describe('sandbox parcel journey', () => {
  it('is picked up, travels through hubs and is signed for, the same way every time', () => {
    const j = journey('sf', 'SF1234567890');
    expect(j.map((s) => s.status)).toEqual(['picked_up', 'in_transit', 'in_transit', 'in_transit', 'delivered']);
    expect(j[0]!.description).toMatch(/^【.+市】快件已揽收$/);
    expect(j[1]!.description).toMatch(/^运输中 【.+转运中心】 已发出/);
    expect(j[4]!.description).toContain('已签收');
    expect(j[4]!.description).toContain('顺丰速运');
    expect(journey('sf', 'SF1234567890')).toEqual(j);
    // Picked up in one city, delivered in another.
    expect(j[0]!.location).not.toBe(j[4]!.location);
  });
});
