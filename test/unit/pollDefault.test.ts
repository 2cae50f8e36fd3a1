// expect.poll's default wait (vitest.config.ts) is sized for a busy machine: a condition that
// turns true after 1.5 s still passes, where vitest's own 1 s default would fail the test.
import { expect, it } from 'vitest';

it('expect.poll waits longer than vitest’s 1 s default', async () => {
  let ready = false;
  setTimeout(() => {
    ready = true;
  }, 1_500);
  await expect.poll(() => ready).toBe(true);
});
