// Structured JSON logs (pino). Credentials never reach a log line: auth headers and cookies are redacted.
import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type Log = Logger;

export function createLogger(config: Pick<Config, 'logLevel'>, enabled = true): Log {
  return pino({
    level: enabled ? config.logLevel : 'silent',
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'], censor: '[redacted]' },
  });
}
