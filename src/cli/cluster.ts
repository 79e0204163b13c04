// `flywheel cluster [--api N] [--worker N] [--ingest N] [--port P]`: a local cluster behind nginx
// on this machine (src/cluster/launch.ts), on the DATABASE_URL, REDIS_URL and NATS_URL of the
// environment. Ctrl-C stops it (each process drains).
import { join } from 'node:path';
import { LocalCluster } from '../cluster/launch.ts';
import { nginxAvailable } from '../cluster/nginx.ts';
import { ConfigError, type Config } from '../platform/config.ts';

export async function runCluster(config: Config, flag: (name: string) => string | undefined): Promise<void> {
  const count = (name: string, dflt: number, min: number): number => {
    const raw = flag(name);
    const n = raw === undefined ? dflt : Number(raw);
    if (!Number.isInteger(n) || n < min || n > 16) throw new ConfigError([`--${name} must be a whole number from ${min} to 16 (got "${raw}")`]);
    return n;
  };
  if (!config.databaseUrl) throw new ConfigError(['a cluster shares one PostgreSQL: set DATABASE_URL']);
  if (!nginxAvailable()) throw new ConfigError(['nginx is needed in front of the api processes (Debian: apt-get install nginx-light)']);
  if (!config.redisUrl) console.warn('REDIS_URL is not set: live rooms will not reach viewers on other api processes.');
  const spec = { apis: count('api', 2, 1), workers: count('worker', 1, 1), ingests: count('ingest', 1, 0), port: count('port', 8080, 0) };
  const cluster = await LocalCluster.start({
    ...spec,
    databaseUrl: config.databaseUrl,
    redisUrl: config.redisUrl,
    natsUrl: config.natsUrl,
    dataDir: config.dataDir,
    workDir: join(config.dataDir, 'cluster'),
    env: { LOG_LEVEL: config.logLevel },
  });
  console.log(`Flywheel cluster at ${cluster.url}`);
  for (const p of cluster.processes) console.log(`  ${p.name.padEnd(9)} ${p.url}  (log ${p.log})`);
  const stop = async () => {
    await cluster.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
