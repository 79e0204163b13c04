// Redis for scale-out (REDIS_URL): one connection for commands and one for pub/sub (a
// subscribed connection can do nothing else). Redis is an accelerator, never a dependency:
// - the process starts while Redis is down (no await on connecting) and reconnects for ever,
//   with a bounded backoff;
// - commands fail at once while disconnected (no offline queue), so callers fall back to what
//   this process knows instead of piling up work for a server that may not come back;
// - an outage is logged once (warn) and its end once (info), not once per retry;
// - the URL's password never reaches a log line.
import { Redis, type RedisOptions } from 'ioredis';
import type { Log } from './log.ts';

export interface RedisConn {
  /** Commands (fail fast while disconnected). */
  readonly client: Redis;
  /** Pub/sub only; its subscriptions are restored after a reconnect. */
  readonly subscriber: Redis;
  /** Both connections are up. */
  readonly healthy: boolean;
  close(): Promise<void>;
}

export interface RedisOpenOptions {
  /** Longest wait between reconnect attempts (ms). */
  maxBackoffMs?: number;
  /** A command that takes longer than this fails (ms): a half-open connection must not hold a comment up. */
  commandTimeoutMs?: number;
  /** Names the connections in CLIENT LIST. */
  name?: string;
}

/** The URL with its password (and user name) masked, for logs. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

export function openRedis(url: string, log?: Log, opts: RedisOpenOptions = {}): RedisConn {
  const maxBackoff = opts.maxBackoffMs ?? 2000;
  const where = redactRedisUrl(url);
  const base: RedisOptions = {
    lazyConnect: true,
    connectTimeout: 3000,
    // Grows 100, 200, 400 … ms up to the bound, with jitter so a fleet does not reconnect in step.
    retryStrategy: (times) => Math.round(Math.min(maxBackoff, 100 * 2 ** Math.min(times - 1, 10)) * (0.8 + Math.random() * 0.4)),
    // ioredis prints unhandled connection errors itself unless we listen (we do, below).
    showFriendlyErrorStack: false,
  };
  const client = new Redis(url, {
    ...base,
    connectionName: opts.name,
    enableOfflineQueue: false,
    // In-flight commands are failed when the connection drops, not replayed later.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: opts.commandTimeoutMs ?? 1000,
  });
  // The subscriber queues SUBSCRIBE until it is connected and never gives up on it.
  const subscriber = new Redis(url, { ...base, connectionName: opts.name && `${opts.name}:sub`, enableOfflineQueue: true, maxRetriesPerRequest: null });

  let everUp = false;
  let outage = false;
  let closing = false;
  const healthy = () => client.status === 'ready' && subscriber.status === 'ready';
  const down = (err?: Error) => {
    if (closing || outage) return;
    outage = true;
    log?.warn({ redis: where, err: err?.message }, 'redis unavailable: live rooms fall back to this process only until it is back');
  };
  for (const conn of [client, subscriber]) {
    conn.on('error', (err: Error) => down(err));
    conn.on('close', () => down());
    conn.on('ready', () => {
      if (!healthy()) return;
      if (outage) log?.info({ redis: where }, 'redis is back: live rooms relay across processes again');
      else if (!everUp) log?.info({ redis: where }, 'redis connected');
      everUp = true;
      outage = false;
    });
    // Not awaited: the process starts (and serves from memory) whether or not Redis answers.
    conn.connect().catch(() => {});
  }

  return {
    client,
    subscriber,
    get healthy() {
      return healthy();
    },
    async close() {
      closing = true;
      await Promise.all(
        [client, subscriber].map(async (conn) => {
          if (conn.status === 'ready') await conn.quit().catch(() => conn.disconnect());
          else conn.disconnect();
        }),
      );
    },
  };
}
