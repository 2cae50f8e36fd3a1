import { defineConfig } from 'vitest/config';

// One run covers every layer: unit (pure functions), integration (real servers on ephemeral
// loopback ports, real SQLite files), e2e (Debian's Chromium against the headless server), and
// the SDK's own tests. Browser tests need `npm run build` first; `npm test` does that.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'sdk/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
