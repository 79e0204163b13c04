import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
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
