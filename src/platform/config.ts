// All configuration comes from the environment; every default lives in this one file.
// Policy numbers (limits, windows) live here too, so an operator can change them without code.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { ID_PATTERN } from './ids.ts';

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  natsUrl: string | null;
  redisUrl: string | null;
  /** Starts every Redis key and channel and every NATS stream and subject: one deployment (or test run) per prefix. */
  busPrefix: string;
  /**
   * Key for personal data at rest (buyers' names, phones, street addresses): 32 bytes, base64.
   * Unset: a key is generated once into `<dataDir>/data.key` (fine for one machine; set it in
   * production so every instance shares it). Never logged.
   */
  dataKey: Buffer | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Create the demo world when the database has no stores. */
  demoOnEmpty: boolean;
  /** Products in the demo world created on first start. */
  demoProducts: number;
  /** Short videos made for the demo merchants in the background (once per demo world). */
  demoVideos: number;
  session: { ttlHours: number; cookieName: string; secureCookie: boolean; principalCacheMs: number };
  login: { maxAttempts: number; windowSeconds: number };
  uploads: { maxImageBytes: number; thumbnailWidths: number[] };
  jobs: { pollMs: number; concurrency: number; maxAttempts: number; baseBackoffMs: number; lockSeconds: number };
  events: { pollMs: number; maxAttempts: number; baseBackoffMs: number };
  catalog: { maxSkusPerProduct: number; maxImagesPerProduct: number; maxStock: number; maxPriceFen: number };
  /** The built-in sandbox payment provider: webhook signing secret (never logged) and delivery behaviour. */
  sandboxPsp: { secret: string; duplicateRate: number; maxDelayMs: number; merchantName: string };
  /** The built-in sandbox payout bank: webhook signing secret (never logged), how long it takes to settle a transfer, delivery behaviour. */
  sandboxPayout: { secret: string; processDelayMs: number; duplicateRate: number; maxDelayMs: number };
  /** The built-in sandbox carrier (a tracking aggregator): webhook secret (never logged), scan delays, delivery behaviour. */
  sandboxCarrier: { secret: string; pickupSeconds: number; transitSeconds: number; deliverSeconds: number; duplicateRate: number; maxDelayMs: number };
  /**
   * autoConfirmSeconds: a delivered order completes by itself this long after delivery
   * (ORDER_AUTO_CONFIRM_DAYS, fractions allowed); autoConfirmRetryHours: an auto-confirmation
   * held back (an open after-sales case) is tried again after this.
   */
  /** platformFeeBpsByCategory: fee rates (bps) by category id; a child category without one takes its parent's, else platformFeeBps. */
  commerce: { payTimeoutMinutes: number; maxCartLines: number; platformFeeBps: number; platformFeeBpsByCategory: Record<string, number>; autoConfirmSeconds: number; autoConfirmRetryHours: number };
  /** After-sales (售后) policy: windows in days/hours after delivery or a request, money caps in fen. */
  afterSales: {
    merchantReplyHours: number;
    noReasonDays: number;
    windowDays: number;
    escalationDays: number;
    returnShipDays: number;
    fastRefundCapFen: number;
    returnShippingCapFen: number;
    compensationMaxFen: number;
  };
  /**
   * Short videos: upload limits (bytes, seconds), product anchors per video, and the transcoder:
   * its own job slots (ffmpeg takes a core each), a timeout per video, the x264 preset.
   */
  videos: { maxBytes: number; maxSeconds: number; minSeconds: number; maxAnchors: number; transcodeConcurrency: number; transcodeTimeoutSeconds: number; preset: string; segmentSeconds: number };
  /**
   * Live rooms: the embedded RTMP ingest (off in tests unless asked for), the address shown to
   * hosts, how long a dropped stream may take to come back, and the room's chat limits.
   */
  live: {
    ingest: boolean;
    rtmpHost: string;
    rtmpPort: number;
    publicRtmpUrl: string | null;
    reconnectGraceSeconds: number;
    maxCommentChars: number;
    commentsPerUserPerWindow: number;
    commentWindowSeconds: number;
    commentsPerRoomPerSecond: number;
  };
  /**
   * Behaviour events (the feed module's ingest): events per request; per user or device, and per
   * client address for anonymous viewers, at most so many events in each window; client clocks
   * further off than maxSkewSeconds are replaced by the server's; watch and duration times are
   * clamped (watch time to maxWatchLoops × the duration, and never above maxWatchMs); existing
   * items are remembered for itemCacheSeconds; the writer commits when flushEvents are waiting
   * or flushMs after the first one arrived.
   */
  feed: {
    maxBatch: number;
    eventsPerActor: number;
    eventsPerAddress: number;
    windowSeconds: number;
    maxSkewSeconds: number;
    maxWatchMs: number;
    maxDurationMs: number;
    maxWatchLoops: number;
    itemCacheSeconds: number;
    flushEvents: number;
    flushMs: number;
    /** The distribution engine reads new events and ticks this often. */
    enginePollMs: number;
    /** Retrain the engine's models (item graph + interest vectors) on the signals this often; 0: never. */
    retrainMinutes: number;
    /** …once at least this many new positive signals came in. */
    retrainMinEvents: number;
  };
  /**
   * Search: the index is snapshotted under `<dataDir>/search` at start (after a rebuild), every
   * snapshotMinutes while changes come in (0: never in between) and at shutdown; off, every start rebuilds.
   */
  search: { snapshots: boolean; snapshotMinutes: number };
  /**
   * Alliance (精选联盟) commission policy: the bounds of a plan's rate (basis points, 1–80% by
   * default); a rate cut takes effect no sooner than noticeDays after it is announced and never
   * before lockDays after the rate in force was set (increases apply at once). A sale is credited
   * to a creator's content touched within attributionHours before it; its commission settles
   * settleDays after delivery (the no-reason return window by default) less the platform's
   * serviceFeeBps on it. A store decides a sample request within sampleDecideDays (else it lapses);
   * after declining one, the creator waits sampleCooldownDays to ask for those goods again.
   */
  alliance: { minRateBps: number; maxRateBps: number; lockDays: number; noticeDays: number; attributionHours: number; settleDays: number; serviceFeeBps: number; sampleDecideDays: number; sampleCooldownDays: number };
  /**
   * Service desk (客服): an order is late when unshipped shipPromiseHours after payment or
   * undelivered deliveryPromiseHours after shipment; SLA times are for a normal ticket (sla.ts
   * scales them by urgency); an agent holds at most agentMaxOpen open tickets; a shopper at
   * most userMaxOpen; a resolved ticket closes by itself after autoCloseHours. Authority: per
   * tier, the fen an agent may pay out per case and per day without a supervisor.
   */
  care: {
    shipPromiseHours: number;
    deliveryPromiseHours: number;
    sla: { firstResponseMinutes: number; resolveHours: number };
    agentMaxOpen: number;
    userMaxOpen: number;
    autoCloseHours: number;
    limits: Record<1 | 2 | 3, { caseFen: number; dayFen: number }>;
  };
  /**
   * Experience (NPS): a user is sent at most one survey per surveyCapDays (0: no cap); a survey
   * may be answered for surveyTtlDays after it is issued; reports cover the last windowDays
   * unless asked otherwise; a store or category is ranked best or worst only with at least
   * rankMinResponses answers in the window.
   */
  experience: { surveyCapDays: number; surveyTtlDays: number; windowDays: number; rankMinResponses: number };
  /**
   * Store experience score (商家体验分) and creator reputation: windowDays of daily facts, a day
   * `age` days old weighing 0.5^(age/halfLifeDays); stores (and creators) with fewer than minOrders
   * paid orders in the window are not scored; a root category with fewer than minPeers scored
   * stores is ranked against all stores; dimension weights (goods .3, logistics .3, service .4) and
   * metric weights (JSON objects, merged over the defaults); recomputed every recomputeHours.
   */
  experienceScore: {
    windowDays: number;
    halfLifeDays: number;
    minOrders: number;
    minPeers: number;
    recomputeHours: number;
    dimensionWeights: { goods: number; logistics: number; service: number };
    metricWeights: {
      negativeReview: number; qualityReturn: number; pickup24h: number; deliveryHours: number; shippingComplaint: number;
      imResponseSeconds: number; imDissatisfaction: number; afterSalesRejection: number; platformHelp: number; refundHours: number;
    };
  };
  /**
   * Governance: a user files at most reportsPerHour reports an hour and one per target a day;
   * a store joins the alliance only with an experience score ≥ allianceMinScore (no score: not
   * gated); pointsReachThreshold points within 365 days cut its reach to pointsReachPercent %.
   */
  governance: { reportsPerHour: number; allianceMinScore: number; pointsReachThreshold: number; pointsReachPercent: number };
  /**
   * Campaigns (platform events, support programmes): no campaign's reach boost may exceed maxBoost
   * (> 1); campaigns start and end by the clock, checked every sweepSeconds.
   */
  campaigns: { maxBoost: number; sweepSeconds: number };
  /**
   * Insights (dashboards): FACT's T is a creator with at least topCreatorFollowers followers; a
   * creator is new for newCreatorDays after the first video; a dashboard spans at most
   * maxRangeDays; the behaviour log is tailed every tailMs, tailBatch events a step.
   */
  insights: { topCreatorFollowers: number; newCreatorDays: number; maxRangeDays: number; tailBatch: number; tailMs: number };
  /** Serve the built web app (web/dist) from the same server. */
  serveWeb: boolean;
  /** Bearer token for /metrics (never logged); empty: only requests from this machine may read it. */
  metricsToken: string;
  /**
   * What this process does (FLYWHEEL_ROLES, comma-separated; default all three in one process):
   * api serves HTTP and WebSockets, worker runs jobs and event consumers, ingest takes RTMP.
   */
  roles: ReadonlySet<Role>;
  /**
   * Addresses of the load balancers in front (TRUST_PROXY: "loopback", an address or CIDR list);
   * their X-Forwarded-For names the client. Empty: none (the client is the peer).
   */
  trustProxy: string | false;
  /** This process's name in logs, metrics and the live relay (INSTANCE_ID; default host-pid). */
  instanceId: string;
}

export const ROLES = ['api', 'worker', 'ingest'] as const;
export type Role = (typeof ROLES)[number];
/** Whether the process runs all roles (one process: the embedded default). */
export const allRoles = (c: Pick<Config, 'roles'>): boolean => ROLES.every((r) => c.roles.has(r));

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
  /** A JSON object of non-negative weights merged over the defaults (unknown keys refused). */
  const weights = <T extends Record<string, number>>(name: string, dflt: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    try {
      const o = JSON.parse(raw) as unknown;
      if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new Error('not an object');
      const out = { ...dflt } as Record<string, number>;
      for (const [k, v] of Object.entries(o)) {
        if (!(k in dflt)) throw new Error(`unknown key ${k}`);
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) throw new Error(`${k} must be a number 0–100`);
        out[k] = v;
      }
      return out as T;
    } catch (e) {
      problems.push(`${name} must be a JSON object of weights over ${Object.keys(dflt).join(', ')} (${(e as Error).message})`);
      return dflt;
    }
  };
  const decimal = (name: string, dflt: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) {
      problems.push(`${name} must be a number between ${min} and ${max} (got "${raw}")`);
      return dflt;
    }
    return n;
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
  /** A JSON object of category id → basis points, e.g. {"cat_…": 300}; same bounds as PLATFORM_FEE_BPS. */
  const feeRates = (name: string): Record<string, number> => {
    const raw = env[name];
    if (raw === undefined || raw === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      problems.push(`${name} must be a JSON object of category id to basis points (not valid JSON)`);
      return {};
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push(`${name} must be a JSON object of category id to basis points`);
      return {};
    }
    const out: Record<string, number> = {};
    for (const [id, bps] of Object.entries(parsed)) {
      if (!new RegExp(ID_PATTERN).test(id)) problems.push(`${name}: "${id}" is not a category id`);
      else if (!Number.isInteger(bps) || (bps as number) < 0 || (bps as number) > 5000) problems.push(`${name}: the rate of ${id} must be an integer between 0 and 5000 (got ${JSON.stringify(bps)})`);
      else out[id] = bps as number;
    }
    return out;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], dflt: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return dflt;
    }
    return raw as T;
  };
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!levels.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${levels.join(', ')}`);

  const dataKey = (): Buffer | null => {
    const raw = env.DATA_KEY;
    if (!raw) return null;
    const key = Buffer.from(raw, 'base64');
    if (key.length !== 32) problems.push('DATA_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)');
    return key;
  };
  const roles = (): Set<Role> => {
    const raw = (env.FLYWHEEL_ROLES ?? '').trim();
    if (raw === '' || raw === 'all') return new Set(ROLES);
    const out = new Set<Role>();
    for (const r of raw.split(',').map((x) => x.trim())) {
      if ((ROLES as readonly string[]).includes(r)) out.add(r as Role);
      else problems.push(`FLYWHEEL_ROLES must name roles among ${ROLES.join(', ')} (got "${r}")`);
    }
    return out.size ? out : new Set(ROLES);
  };
  const busPrefix = (): string => {
    const raw = env.BUS_PREFIX || 'flywheel';
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(raw)) problems.push(`BUS_PREFIX must be 1–32 letters, digits, "_" or "-" (got "${raw}")`);
    return raw;
  };
  const instanceId = (): string => {
    const raw = env.INSTANCE_ID;
    if (!raw) return `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(raw)) problems.push(`INSTANCE_ID must be 1–64 letters, digits, "_", "." or "-" (got "${raw}")`);
    return raw;
  };
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
    busPrefix: busPrefix(),
    dataKey: dataKey(),
    logLevel,
    demoOnEmpty: bool('DEMO_ON_EMPTY', true),
    demoProducts: int('DEMO_PRODUCTS', 1000, 0, 10_000_000),
    demoVideos: int('DEMO_VIDEOS', 6, 0, 50),
    session: {
      ttlHours: int('SESSION_TTL_HOURS', 24 * 14, 1, 24 * 365),
      // A signed-in user's principal is remembered this long between requests (0: read every time).
      principalCacheMs: int('SESSION_CACHE_MS', 10_000, 0, 60_000),
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
    // A transfer settles a few seconds after it is asked for, so a demo withdrawal is seen processing first.
    sandboxPayout: {
      secret: env.SANDBOX_PAYOUT_SECRET || 'whsec_sandbox_payout_dev_only_not_secret',
      processDelayMs: int('SANDBOX_PAYOUT_DELAY_MS', 3000, 0, 86_400_000),
      duplicateRate: rate('SANDBOX_PAYOUT_DUPLICATE_RATE', 0.1),
      maxDelayMs: int('SANDBOX_PAYOUT_MAX_DELAY_MS', 1000, 0, 600_000),
    },
    // Minutes apart by default, so a demo order can be watched from pick-up to delivery.
    sandboxCarrier: {
      secret: env.SANDBOX_CARRIER_SECRET || 'whsec_sandbox_carrier_dev_only_not_secret',
      pickupSeconds: int('SANDBOX_CARRIER_PICKUP_SECONDS', 60, 0, 7 * 86400),
      transitSeconds: int('SANDBOX_CARRIER_TRANSIT_SECONDS', 60, 0, 7 * 86400),
      deliverSeconds: int('SANDBOX_CARRIER_DELIVER_SECONDS', 60, 0, 7 * 86400),
      duplicateRate: rate('SANDBOX_CARRIER_DUPLICATE_RATE', 0.1),
      maxDelayMs: int('SANDBOX_CARRIER_MAX_DELAY_MS', 1000, 0, 600_000),
    },
    commerce: {
      payTimeoutMinutes: int('ORDER_PAY_TIMEOUT_MINUTES', 15, 1, 7 * 24 * 60),
      maxCartLines: int('CART_MAX_LINES', 100, 1, 1000),
      platformFeeBps: int('PLATFORM_FEE_BPS', 500, 0, 5000),
      platformFeeBpsByCategory: feeRates('PLATFORM_FEE_BPS_BY_CATEGORY'),
      autoConfirmSeconds: Math.round(decimal('ORDER_AUTO_CONFIRM_DAYS', 7, 0, 90) * 86400),
      autoConfirmRetryHours: int('ORDER_AUTO_CONFIRM_RETRY_HOURS', 24, 1, 30 * 24),
    },
    videos: {
      maxBytes: int('VIDEO_MAX_BYTES', 500 * 1024 * 1024, 1024, 20 * 1024 * 1024 * 1024),
      maxSeconds: int('VIDEO_MAX_SECONDS', 15 * 60, 1, 6 * 3600),
      minSeconds: 1,
      maxAnchors: int('VIDEO_MAX_PRODUCTS', 6, 1, 50),
      transcodeConcurrency: int('TRANSCODE_CONCURRENCY', 1, 1, 64),
      transcodeTimeoutSeconds: int('TRANSCODE_TIMEOUT_SECONDS', 30 * 60, 10, 24 * 3600),
      preset: oneOf('TRANSCODE_PRESET', ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow'], 'veryfast'),
      segmentSeconds: int('HLS_SEGMENT_SECONDS', 2, 1, 10),
    },
    live: {
      ingest: bool('LIVE_INGEST', true),
      rtmpHost: env.LIVE_RTMP_HOST || host,
      rtmpPort: int('LIVE_RTMP_PORT', 1935, 0, 65535),
      publicRtmpUrl: url('LIVE_PUBLIC_RTMP_URL', ['rtmp:', 'rtmps:']),
      reconnectGraceSeconds: int('LIVE_RECONNECT_GRACE_SECONDS', 120, 0, 3600),
      maxCommentChars: int('LIVE_COMMENT_MAX_CHARS', 200, 1, 2000),
      commentsPerUserPerWindow: int('LIVE_COMMENTS_PER_USER', 3, 1, 1000),
      commentWindowSeconds: int('LIVE_COMMENT_WINDOW_SECONDS', 10, 1, 3600),
      commentsPerRoomPerSecond: int('LIVE_COMMENTS_PER_ROOM_PER_SECOND', 50, 1, 100_000),
    },
    afterSales: {
      // The merchant's silence approves the request (0: at once, for tests and demos).
      merchantReplyHours: int('AFTER_SALES_MERCHANT_REPLY_HOURS', 48, 0, 30 * 24),
      noReasonDays: int('AFTER_SALES_NO_REASON_DAYS', 7, 0, 90),
      windowDays: int('AFTER_SALES_WINDOW_DAYS', 15, 0, 365),
      escalationDays: int('AFTER_SALES_ESCALATION_DAYS', 7, 0, 90),
      // An approved return not shipped by the buyer in this time closes.
      returnShipDays: int('AFTER_SALES_RETURN_SHIP_DAYS', 7, 0, 90),
      fastRefundCapFen: int('FAST_REFUND_CAP_FEN', 20_000, 0, 10_000_000_000),
      returnShippingCapFen: int('RETURN_SHIPPING_CAP_FEN', 2_000, 0, 1_000_000),
      compensationMaxFen: int('COMPENSATION_MAX_FEN', 50_000, 1, 10_000_000_000),
    },
    feed: {
      maxBatch: int('FEED_EVENTS_MAX_BATCH', 200, 1, 1000),
      // About ten events a second per viewer, sustained; a page of impressions fits many times over.
      eventsPerActor: int('FEED_EVENTS_PER_ACTOR', 600, 1, 10_000_000),
      // Anonymous device ids cost nothing to invent: one address gets ten viewers' worth.
      eventsPerAddress: int('FEED_EVENTS_PER_ADDRESS', 6000, 1, 100_000_000),
      windowSeconds: int('FEED_EVENTS_WINDOW_SECONDS', 60, 1, 86400),
      maxSkewSeconds: int('FEED_EVENTS_MAX_SKEW_SECONDS', 86400, 1, 30 * 86400),
      maxWatchMs: 4 * 3600 * 1000,
      maxDurationMs: 6 * 3600 * 1000,
      maxWatchLoops: 10,
      itemCacheSeconds: int('FEED_ITEM_CACHE_SECONDS', 30, 0, 3600),
      flushEvents: int('FEED_FLUSH_EVENTS', 2000, 1, 100_000),
      flushMs: int('FEED_FLUSH_MS', 2, 0, 1000),
      enginePollMs: int('FEED_ENGINE_POLL_MS', 500, 10, 60_000),
      retrainMinutes: int('FEED_RETRAIN_MINUTES', 30, 0, 7 * 24 * 60),
      retrainMinEvents: int('FEED_RETRAIN_MIN_EVENTS', 500, 1, 1_000_000_000),
    },
    search: { snapshots: bool('SEARCH_SNAPSHOTS', true), snapshotMinutes: int('SEARCH_SNAPSHOT_MINUTES', 30, 0, 7 * 24 * 60) },
    alliance: {
      minRateBps: int('ALLIANCE_MIN_RATE_BPS', 100, 1, 10_000),
      maxRateBps: int('ALLIANCE_MAX_RATE_BPS', 8000, 1, 10_000),
      lockDays: int('ALLIANCE_RATE_LOCK_DAYS', 30, 0, 365),
      noticeDays: int('ALLIANCE_RATE_NOTICE_DAYS', 2, 0, 90),
      attributionHours: int('ALLIANCE_ATTRIBUTION_HOURS', 7 * 24, 1, 90 * 24),
      settleDays: int('ALLIANCE_SETTLE_DAYS', int('AFTER_SALES_NO_REASON_DAYS', 7, 0, 90), 0, 90),
      serviceFeeBps: int('ALLIANCE_SERVICE_FEE_BPS', 1000, 0, 5000),
      sampleDecideDays: int('ALLIANCE_SAMPLE_DECIDE_DAYS', 3, 1, 30),
      sampleCooldownDays: int('ALLIANCE_SAMPLE_COOLDOWN_DAYS', 30, 0, 365),
    },
    care: {
      shipPromiseHours: int('CARE_SHIP_PROMISE_HOURS', 48, 1, 30 * 24),
      deliveryPromiseHours: int('CARE_DELIVERY_PROMISE_HOURS', 96, 1, 60 * 24),
      sla: { firstResponseMinutes: decimal('CARE_FIRST_RESPONSE_MINUTES', 30, 0, 7 * 24 * 60), resolveHours: decimal('CARE_RESOLVE_HOURS', 24, 0, 30 * 24) },
      agentMaxOpen: int('CARE_AGENT_MAX_OPEN', 20, 1, 1000),
      userMaxOpen: int('CARE_USER_MAX_OPEN', 5, 1, 100),
      autoCloseHours: int('CARE_AUTO_CLOSE_HOURS', 72, 0, 30 * 24),
      limits: {
        1: { caseFen: int('CARE_TIER1_CASE_FEN', 5_000, 0, 10_000_000_000), dayFen: int('CARE_TIER1_DAY_FEN', 50_000, 0, 10_000_000_000) },
        2: { caseFen: int('CARE_TIER2_CASE_FEN', 20_000, 0, 10_000_000_000), dayFen: int('CARE_TIER2_DAY_FEN', 200_000, 0, 10_000_000_000) },
        3: { caseFen: int('CARE_TIER3_CASE_FEN', 50_000, 0, 10_000_000_000), dayFen: int('CARE_TIER3_DAY_FEN', 1_000_000, 0, 10_000_000_000) },
      },
    },
    experience: {
      surveyCapDays: int('NPS_SURVEY_CAP_DAYS', 30, 0, 365),
      surveyTtlDays: int('NPS_SURVEY_TTL_DAYS', 14, 1, 90),
      windowDays: int('NPS_WINDOW_DAYS', 90, 1, 366),
      rankMinResponses: int('NPS_RANK_MIN_RESPONSES', 5, 1, 100_000),
    },
    experienceScore: {
      windowDays: int('EXPERIENCE_WINDOW_DAYS', 90, 1, 366),
      halfLifeDays: decimal('EXPERIENCE_HALF_LIFE_DAYS', 30, 0.1, 3650),
      minOrders: int('EXPERIENCE_MIN_ORDERS', 5, 1, 1_000_000),
      minPeers: int('EXPERIENCE_MIN_PEERS', 5, 1, 100_000),
      recomputeHours: int('EXPERIENCE_RECOMPUTE_HOURS', 24, 1, 24 * 7),
      dimensionWeights: weights('EXPERIENCE_DIMENSION_WEIGHTS', { goods: 0.3, logistics: 0.3, service: 0.4 }),
      metricWeights: weights('EXPERIENCE_METRIC_WEIGHTS', {
        negativeReview: 0.5, qualityReturn: 0.5,
        pickup24h: 0.4, deliveryHours: 0.3, shippingComplaint: 0.3,
        imResponseSeconds: 0.25, imDissatisfaction: 0.2, afterSalesRejection: 0.2, platformHelp: 0.2, refundHours: 0.15,
      }),
    },
    governance: {
      reportsPerHour: int('GOVERNANCE_REPORTS_PER_HOUR', 5, 1, 1000),
      allianceMinScore: int('GOVERNANCE_ALLIANCE_MIN_SCORE', 70, 0, 100),
      pointsReachThreshold: int('GOVERNANCE_POINTS_REACH_THRESHOLD', 12, 1, 1000),
      pointsReachPercent: int('GOVERNANCE_POINTS_REACH_PERCENT', 50, 0, 100),
    },
    campaigns: {
      maxBoost: decimal('CAMPAIGN_MAX_BOOST', 1.5, 1.01, 3),
      sweepSeconds: int('CAMPAIGN_SWEEP_SECONDS', 60, 1, 3600),
    },
    insights: {
      topCreatorFollowers: int('INSIGHTS_TOP_CREATOR_FOLLOWERS', 10_000, 1, 1_000_000_000),
      newCreatorDays: int('INSIGHTS_NEW_CREATOR_DAYS', 30, 1, 365),
      maxRangeDays: int('INSIGHTS_MAX_RANGE_DAYS', 366, 7, 3660),
      tailBatch: int('INSIGHTS_TAIL_BATCH', 5000, 100, 100_000),
      tailMs: int('INSIGHTS_TAIL_MS', 1000, 50, 60_000),
    },
    serveWeb: bool('SERVE_WEB', true),
    metricsToken: env.METRICS_TOKEN ?? '',
    roles: roles(),
    trustProxy: env.TRUST_PROXY?.trim() || false,
    instanceId: instanceId(),
  };
  if (config.alliance.minRateBps > config.alliance.maxRateBps) problems.push('ALLIANCE_MIN_RATE_BPS must not exceed ALLIANCE_MAX_RATE_BPS');
  if (problems.length) throw new ConfigError(problems);
  return config;
}
