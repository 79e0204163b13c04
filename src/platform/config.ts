// All configuration comes from the environment; every default lives in this one file.
// Policy numbers (limits, windows) live here too, so an operator can change them without code.
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  natsUrl: string | null;
  redisUrl: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Create the demo world when the database has no stores. */
  demoOnEmpty: boolean;
  /** Products in the demo world created on first start. */
  demoProducts: number;
  session: { ttlHours: number; cookieName: string; secureCookie: boolean };
  login: { maxAttempts: number; windowSeconds: number };
  uploads: { maxImageBytes: number; thumbnailWidths: number[] };
  jobs: { pollMs: number; concurrency: number; maxAttempts: number; baseBackoffMs: number; lockSeconds: number };
  events: { pollMs: number; maxAttempts: number; baseBackoffMs: number };
  catalog: { maxSkusPerProduct: number; maxImagesPerProduct: number; maxStock: number; maxPriceFen: number };
  /** The built-in sandbox payment provider: webhook signing secret (never logged) and delivery behaviour. */
  sandboxPsp: { secret: string; duplicateRate: number; maxDelayMs: number; merchantName: string };
  commerce: { payTimeoutMinutes: number; maxCartLines: number; platformFeeBps: number };
  /** Serve the built web app (web/dist) from the same server. */
  serveWeb: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const int = (name: string, dflt: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return dflt;
    }
    return n;
  };
  const bool = (name: string, dflt: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return dflt;
  };
  const url = (name: string, protocols: string[]): string | null => {
    const raw = env[name];
    if (raw === undefined || raw === '') return null;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) problems.push(`${name} must use ${protocols.join(' or ')} (got "${u.protocol}")`);
      return raw;
    } catch {
      problems.push(`${name} is not a valid URL`);
      return null;
    }
  };
  const rate = (name: string, dflt: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || n > 1) {
      problems.push(`${name} must be a number between 0 and 1 (got "${raw}")`);
      return dflt;
    }
    return n;
  };
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!levels.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${levels.join(', ')}`);

  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const config: Config = {
    port,
    host,
    publicUrl: env.PUBLIC_URL || `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    natsUrl: url('NATS_URL', ['nats:', 'tls:']),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    logLevel,
    demoOnEmpty: bool('DEMO_ON_EMPTY', true),
    demoProducts: int('DEMO_PRODUCTS', 1000, 0, 10_000_000),
    session: {
      ttlHours: int('SESSION_TTL_HOURS', 24 * 14, 1, 24 * 365),
      cookieName: 'fw_session',
      secureCookie: bool('SECURE_COOKIES', false),
    },
    login: {
      maxAttempts: int('LOGIN_MAX_ATTEMPTS', 10, 1, 1000),
      windowSeconds: int('LOGIN_WINDOW_SECONDS', 300, 1, 86400),
    },
    uploads: { maxImageBytes: int('MAX_IMAGE_BYTES', 8 * 1024 * 1024, 1024, 100 * 1024 * 1024), thumbnailWidths: [240, 720] },
    jobs: {
      pollMs: int('JOBS_POLL_MS', 500, 10, 60_000),
      concurrency: int('JOBS_CONCURRENCY', 2, 1, 64),
      maxAttempts: int('JOBS_MAX_ATTEMPTS', 5, 1, 100),
      baseBackoffMs: int('JOBS_BACKOFF_MS', 1000, 1, 3_600_000),
      lockSeconds: int('JOBS_LOCK_SECONDS', 300, 1, 86400),
    },
    events: {
      pollMs: int('EVENTS_POLL_MS', 1000, 10, 60_000),
      maxAttempts: int('EVENTS_MAX_ATTEMPTS', 8, 1, 100),
      baseBackoffMs: int('EVENTS_BACKOFF_MS', 500, 1, 3_600_000),
    },
    catalog: { maxSkusPerProduct: 200, maxImagesPerProduct: 9, maxStock: 10_000_000, maxPriceFen: 100_000_000_00 },
    sandboxPsp: {
      secret: env.SANDBOX_PSP_SECRET || 'whsec_sandbox_dev_only_not_secret',
      duplicateRate: rate('SANDBOX_PSP_DUPLICATE_RATE', 0.1),
      maxDelayMs: int('SANDBOX_PSP_MAX_DELAY_MS', 1000, 0, 600_000),
      merchantName: env.SANDBOX_PSP_MERCHANT_NAME || 'Flywheel 兴趣电商',
    },
    commerce: {
      payTimeoutMinutes: int('ORDER_PAY_TIMEOUT_MINUTES', 15, 1, 7 * 24 * 60),
      maxCartLines: int('CART_MAX_LINES', 100, 1, 1000),
      platformFeeBps: int('PLATFORM_FEE_BPS', 500, 0, 5000),
    },
    serveWeb: bool('SERVE_WEB', true),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
