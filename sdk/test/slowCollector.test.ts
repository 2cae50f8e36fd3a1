// A collector that answers slowly is not a collector that is gone. On a busy machine each answer
// took over a second, flush() gave up after its 1 s stall budget, and the end of a 100,000-span
// run was lost (64,000 spans arrived). Here a loopback proxy holds every request 1.2 s before
// passing it to a real collector: a flush after the first slow answer waits for all of them.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Spyglass } from '../src/index.ts';
import { startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
import { readTrace } from './helpers.ts';

const ANSWER_DELAY_MS = 1_200;
let collector: TestServer;
let slowProxy: Server;
let slowUrl: string;

beforeAll(async () => {
  collector = await startTestServer();
  slowProxy = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      await new Promise((resolve) => setTimeout(resolve, ANSWER_DELAY_MS));
      const answer = await fetch(`${collector.url}${request.url}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: Buffer.concat(chunks),
      });
      response.writeHead(answer.status, { 'Content-Type': 'application/json' });
      response.end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => slowProxy.listen(0, '127.0.0.1', resolve));
  slowUrl = `http://127.0.0.1:${(slowProxy.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => slowProxy.close(resolve));
  await collector.close();
});

it('flush() waits for a collector that has been answering slowly, and everything arrives', async () => {
  const sg = new Spyglass({ url: slowUrl, maxBatchEvents: 100, parallelRequests: 1, onWarning: () => {} });
  const traceId = sg.startTrace('slow collector');
  sg.endSpan(sg.startSpan({ name: 'first', type: 'tool' }));
  // The first answer takes 1.2 s: the SDK learns how slow this collector is.
  await expect.poll(() => sg.stats().sent, { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
  for (let i = 0; i < 200; i++) sg.endSpan(sg.startSpan({ name: 'step', type: 'tool' }));
  sg.endTrace(traceId);
  // Five batches, each answered after 1.2 s: past the 1 s stall budget every time.
  await sg.flush();
  expect(sg.stats()).toMatchObject({ queued: 0, inFlight: 0, failedRequests: 0 });
  const stored = await readTrace(collector.url, traceId);
  expect(stored?.spans).toHaveLength(201);
  await sg.shutdown();
}, 60_000);
