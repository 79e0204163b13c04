// A local cluster for the scale-out tests (test/cluster): its own PostgreSQL database from the
// run's template, shared data and log directories, the processes behind nginx, a connection of
// the test's own to the same database (to seed in bulk and to audit), and typed clients.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCluster, type ClusterSpec } from '../../src/cluster/launch.ts';
import type { Db } from '../../src/platform/db/index.ts';
import { Client } from './platform.ts';
import { freshPostgres } from './db.ts';

export interface TestCluster {
  cluster: LocalCluster;
  db: Db;
  /** Through the load balancer. */
  client: Client;
  /** Straight to one process, by name (api-1, worker-1, …). */
  direct(name: string): Client;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestCluster(spec: Pick<ClusterSpec, 'apis' | 'workers' | 'ingests' | 'redisUrl' | 'natsUrl' | 'env'>): Promise<TestCluster> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('a cluster needs PostgreSQL (DATABASE_URL)');
  const { db, url: databaseUrl } = await freshPostgres(url);
  const root = mkdtempSync(join(tmpdir(), 'fw-cluster-'));
  let cluster: LocalCluster;
  try {
    cluster = await LocalCluster.start({ ...spec, databaseUrl, dataDir: join(root, 'data'), workDir: join(root, 'run') });
  } catch (err) {
    await db.close();
    throw err;
  }
  return {
    cluster,
    db,
    client: new Client(cluster.url),
    direct: (name) => new Client(cluster.process(name).url),
    dataDir: join(root, 'data'),
    async close() {
      await cluster.stop();
      await db.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
