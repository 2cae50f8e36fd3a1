// Issue #11 (sending keeps up with producing): batches are written by the SDK's sender thread, so
// they reach the collector while the agent's own thread is busy and never yields. With the
// requests on the agent's thread, node:http wrote a body only when that thread's event loop
// turned, and an agent in a tight loop left its batches unsent until it paused.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getJson, startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';

const esmEntry = fileURLToPath(new URL('../dist/esm/index.js', import.meta.url));
const SPANS = 4000;

// Produces several full batches, has the SDK start sending them (flush() starts its requests within
// microtasks),
// then blocks its thread in a synchronous read of stdin until the test says "go": from the moment
// the requests start, the agent's event loop does not turn once.
const agent = `
  const { readSync } = await import('node:fs');
  const { Spyglass } = await import(${JSON.stringify(esmEntry)});
  const sg = new Spyglass({ url: process.env.COLLECTOR });
  const traceId = sg.startTrace('busy-agent');
  const text = 'k'.repeat(1000);
  for (let i = 0; i < ${SPANS}; i++) {
    sg.endSpan(sg.startSpan({ name: 'step', type: 'tool', input: { i, text } }), { output: { i, text } });
  }
  void sg.flush();
  while (sg.stats().inFlight === 0) await null; // microtasks only: the event loop does not turn
  process.stdout.write(traceId + ' ' + sg.stats().inFlight + '\\n');
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      if (readSync(0, Buffer.alloc(16)) > 0) break;
    } catch {
      Atomics.wait(wait, 0, 0, 10); // EAGAIN on a non-blocking pipe: still never yielding
    }
  }
  sg.endTrace(traceId);
  while (sg.stats().queued + sg.stats().inFlight > 0) await sg.flush();
`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('delivers batches while the agent thread is blocked', async () => {
  const proc = spawn(process.execPath, ['--input-type=module', '-e', agent], {
    env: { ...process.env, COLLECTOR: server.url },
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk) => (stdout += chunk));
  proc.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => proc.on('close', resolve));
  try {
    await expect.poll(() => stdout.includes('\n'), { timeout: 60_000 }).toBe(true);
    const [traceId, inFlight] = stdout.trim().split(' ');
    expect(Number(inFlight)).toBeGreaterThan(0);
    const stored = async () => {
      const answer = await getJson(`${server.url}/api/traces?name=busy-agent`);
      const trace = answer.body.traces?.find((t: { traceId: string }) => t.traceId === traceId);
      return trace ? (trace.spanCount as number) : 0;
    };
    // The agent is still blocked: whatever is stored now was sent by the sender thread.
    await expect.poll(stored, { timeout: 60_000, interval: 250 }).toBeGreaterThan(0);
    expect(proc.exitCode).toBeNull();
    proc.stdin.write('go\n');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    await expect.poll(stored, { timeout: 60_000, interval: 500 }).toBe(SPANS);
  } finally {
    proc.kill();
  }
}, 180_000);
