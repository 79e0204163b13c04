import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The scale-out tests (test/cluster) start several processes on one shared PostgreSQL behind
// nginx: they run when DATABASE_URL is set and nginx is installed (CI has both), not on PGlite.
const nginx = spawnSync(process.env.NGINX_BIN || '/usr/sbin/nginx', ['-v'], { stdio: 'ignore' }).status === 0;
const cluster = Boolean(process.env.DATABASE_URL) && nginx;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(cluster ? [] : ['test/cluster/**'])],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/setup-each.ts'],
    pool: 'forks',
    // Vitest's default is one file at a time on a 2-core machine (cores − 1): the whole suite ran
    // serially there, though most of a file's time is spent waiting (a browser, the bus, child
    // processes, the database). Each file has its own database, and the log readers' commit
    // horizon is per database (src/platform/db/horizon.ts), so two at once do not wait on each other.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and event-driven tests wait for the page or the bus: on a busy CI machine a second
    // (the default) is too short; a passing poll returns as soon as it passes.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default'],
  },
});
