import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('has working defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.demoProducts).toBe(1000);
  });

  it('reads the environment', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h:5432/db', DEMO_ON_EMPTY: 'false', NATS_URL: 'nats://127.0.0.1:4222' });
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBe('postgres://u@h:5432/db');
    expect(c.demoOnEmpty).toBe(false);
    expect(c.natsUrl).toBe('nats://127.0.0.1:4222');
  });

  it('names every invalid setting at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', DEMO_ON_EMPTY: 'maybe' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('LOG_LEVEL');
      expect(problems).toContain('DEMO_ON_EMPTY');
    }
  });

  it('reads platform fee rates per category and refuses malformed ones', () => {
    expect(loadConfig({}).commerce.platformFeeBpsByCategory).toEqual({});
    const c = loadConfig({ PLATFORM_FEE_BPS_BY_CATEGORY: '{"cat_0000000000food000000": 300, "cat_0000000000toys000000": 0}' });
    expect(c.commerce.platformFeeBpsByCategory).toEqual({ cat_0000000000food000000: 300, cat_0000000000toys000000: 0 });
    for (const bad of ['{"cat_0000000000food000000": 300', '[300]', '{"food": 300}', '{"cat_0000000000food000000": 5001}', '{"cat_0000000000food000000": 2.5}', '{"cat_0000000000food000000": "300"}']) {
      expect(() => loadConfig({ PLATFORM_FEE_BPS_BY_CATEGORY: bad }), bad).toThrow(/PLATFORM_FEE_BPS_BY_CATEGORY/);
    }
  });

  it('reads the auto-confirmation delay in days, fractions allowed, and the sandbox carrier settings', () => {
    expect(loadConfig({}).commerce.autoConfirmSeconds).toBe(7 * 86400);
    expect(loadConfig({ ORDER_AUTO_CONFIRM_DAYS: '0.5' }).commerce.autoConfirmSeconds).toBe(43_200);
    expect(loadConfig({ ORDER_AUTO_CONFIRM_DAYS: '0' }).commerce.autoConfirmSeconds).toBe(0);
    const c = loadConfig({ SANDBOX_CARRIER_PICKUP_SECONDS: '0', SANDBOX_CARRIER_DUPLICATE_RATE: '1' });
    expect([c.sandboxCarrier.pickupSeconds, c.sandboxCarrier.transitSeconds, c.sandboxCarrier.duplicateRate]).toEqual([0, 60, 1]);
    for (const [name, value] of [['ORDER_AUTO_CONFIRM_DAYS', '-1'], ['ORDER_AUTO_CONFIRM_DAYS', 'a week'], ['SANDBOX_CARRIER_PICKUP_SECONDS', '1.5'], ['SANDBOX_CARRIER_DUPLICATE_RATE', '2']] as const) {
      expect(() => loadConfig({ [name]: value }), `${name}=${value}`).toThrow(name);
    }
  });

  it('reads the after-sales policy, with its defaults', () => {
    expect(loadConfig({}).afterSales).toEqual({ merchantReplyHours: 48, noReasonDays: 7, windowDays: 15, escalationDays: 7, returnShipDays: 7, fastRefundCapFen: 20_000, returnShippingCapFen: 2_000, compensationMaxFen: 50_000 });
    expect(loadConfig({ AFTER_SALES_MERCHANT_REPLY_HOURS: '0', FAST_REFUND_CAP_FEN: '0' }).afterSales).toMatchObject({ merchantReplyHours: 0, fastRefundCapFen: 0 });
    for (const [name, value] of [['AFTER_SALES_NO_REASON_DAYS', '-1'], ['FAST_REFUND_CAP_FEN', '1.5'], ['COMPENSATION_MAX_FEN', '0']] as const) {
      expect(() => loadConfig({ [name]: value }), `${name}=${value}`).toThrow(name);
    }
  });
});
