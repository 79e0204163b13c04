import { spawnSync } from 'node:child_process';
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
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and event-driven tests wait for the page or the bus: on a busy CI machine a second
    // (the default) is too short; a passing poll returns as soon as it passes.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default'],
  },
});
