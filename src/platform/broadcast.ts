// "Something changed here" to every other process, over Redis pub/sub (REDIS_URL): a module that
// pushes to WebSockets after a commit (the service desk's ticket chat) tells the other api
// processes, which re-read what changed from the database and push to their own sockets. Fire
// and forget: while Redis is away each process serves its own sockets (the next change or a
// reconnect's snapshot catches up); nothing is queued for a server that may not come back.
import type { Log } from './log.ts';
import type { RedisConn } from './redis.ts';

export interface Broadcast<T> {
  publish(message: T): void;
  onMessage(handler: (message: T) => void): void;
  close(): Promise<void>;
}

export function redisBroadcast<T>(redis: RedisConn, channel: string, instanceId: string, log?: Log): Broadcast<T> {
  const handlers: Array<(m: T) => void> = [];
  const listener = (ch: string, raw: string) => {
    if (ch !== channel) return;
    let parsed: { from?: unknown; m?: unknown };
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch {
      return; // not ours
    }
    if (parsed.from === instanceId) return;
    for (const h of handlers) {
      try {
        h(parsed.m as T);
      } catch (err) {
        log?.warn({ err, channel }, 'broadcast handler failed');
      }
    }
  };
  redis.subscriber.on('message', listener);
  redis.subscriber.subscribe(channel).catch((err: unknown) => log?.warn({ err, channel }, 'broadcast: not subscribed yet'));
  return {
    publish(m) {
      if (!redis.healthy) return;
      redis.client.publish(channel, JSON.stringify({ from: instanceId, m })).catch(() => undefined);
    },
    onMessage(h) {
      handlers.push(h);
    },
    async close() {
      redis.subscriber.off('message', listener);
      await redis.subscriber.unsubscribe(channel).catch(() => undefined);
    },
  };
}
