// A second request starts from a timer turn, never inside the agent's call: serialising a 2 MB
// batch inside startSpan/endSpan stalled that one call (it used to start synchronously there).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Spyglass } from '../src/index.ts';
import { startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('starts another request for a full batch at the next timer turn, not inside the call', async () => {
  const sg = new Spyglass({ url: server.url, maxBatchEvents: 100 });
  sg.startTrace('lanes');
  const fill = (spans: number) => {
    for (let i = 0; i < spans; i++) sg.endSpan(sg.startSpan({ name: 'step', type: 'tool' }));
  };
  fill(60); // a full batch (121 events): the first request starts at the next timer turn
  expect(sg.stats().inFlight).toBe(0);
  await expect.poll(() => sg.stats().inFlight, { timeout: 20_000, interval: 1 }).toBeGreaterThan(0);
  const first = sg.stats().inFlight;
  fill(60); // another full batch while the first request is in flight
  expect(sg.stats().inFlight).toBe(first);
  await expect.poll(() => sg.stats().sent, { timeout: 20_000 }).toBe(241);
  await sg.shutdown();
});
