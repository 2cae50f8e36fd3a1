import { defineConfig } from 'vitest/config';

// One run covers every layer: unit (pure functions), integration (real servers on ephemeral
// loopback ports, real SQLite files), e2e (Debian's Chromium against the headless server), and
// the SDK's own tests. Browser tests need `npm run build` first; `npm test` does that.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'sdk/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for something another process or the browser does; on a busy 2-core machine
    // (load average near 10) that can take seconds, so the default wait is 20 s, not vitest's 1 s.
    expect: { poll: { timeout: 20_000, interval: 50 } },
    // `npm run test:coverage` measures and prints; nothing is gated on it.
    coverage: {
      provider: 'v8',
      include: ['src/**', 'sdk/src/**'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'test-results/coverage',
    },
    pool: 'forks',
  },
});
