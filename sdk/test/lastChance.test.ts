// Issue #11 (part A): a run that ends by process.exit(), an uncaught exception, an unhandled
// rejection, SIGINT or SIGTERM still arrives, its open span and trace ended as errors carrying
// why, and the program ends exactly as it does without the SDK (same exit code or signal, same
// stderr). Each run is a real child `node` using the built SDK against a real collector; the same
// script with the SDK disabled (SPYGLASS_ENABLED=0) is the reference for exit code and stderr.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
import { Spyglass } from '../src/index.ts';
import { waitForTrace } from './helpers.ts';

const esmEntry = fileURLToPath(new URL('../dist/esm/index.js', import.meta.url));

// flushIntervalMs is long so nothing is sent before the end: the exit path has to carry the run.
const agent = `
  const mode = process.env.MODE;
  const { Spyglass } = await import(${JSON.stringify(esmEntry)});
  const sg = new Spyglass({ url: process.env.COLLECTOR, flushIntervalMs: 60000 });
  const traceId = sg.startTrace({ name: 'run-' + mode });
  process.stdout.write(traceId + '\\n');
  const root = sg.startSpan({ name: 'root', type: 'agent' });
  for (let i = 0; i < 50; i++) sg.endSpan(sg.startSpan({ name: 'step', type: 'tool', parentSpanId: root }), { output: i });
  sg.startSpan({ name: 'in-progress', type: 'llm', parentSpanId: root });
  // The agent works a while, as agents do (the SDK's sender thread boots meanwhile: ~30 ms on an
  // idle machine, up to a second on this loaded one).
  await new Promise((resolve) => setTimeout(resolve, 2500));
  if (mode === 'exit') process.exit(3);
  if (mode === 'throw') setTimeout(() => { throw new TypeError('agent crashed'); }, 5);
  if (mode === 'reject') Promise.reject(new RangeError('agent rejected'));
  if (mode === 'SIGINT' || mode === 'SIGTERM') {
    setInterval(() => {}, 1000);
    process.kill(process.pid, mode);
  }
`;

interface ChildRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function runAgent(mode: string, collector: string, enabled: boolean): Promise<ChildRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', agent], {
      env: { ...process.env, COLLECTOR: collector, MODE: mode, SPYGLASS_ENABLED: enabled ? '1' : '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started }),
    );
  });
}

let server: TestServer;
let silent: Server;
let silentUrl: string;
const held: Socket[] = [];
beforeAll(async () => {
  server = await startTestServer();
  // A collector that accepts connections and never answers a byte.
  silent = createServer((socket) => {
    held.push(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  await server.close();
});

const endings: Array<{ mode: string; reason: RegExp | null; code: number | null; signal: string | null }> = [
  { mode: 'exit', reason: /exited with code 3/, code: 3, signal: null },
  { mode: 'throw', reason: /agent crashed/, code: 1, signal: null },
  { mode: 'reject', reason: /agent rejected/, code: 1, signal: null },
  { mode: 'SIGINT', reason: /terminated by SIGINT/, code: null, signal: 'SIGINT' },
  { mode: 'SIGTERM', reason: /terminated by SIGTERM/, code: null, signal: 'SIGTERM' },
  { mode: 'end', reason: null, code: 0, signal: null },
];

describe('every way a run ends delivers it, and the program ends as it would without the SDK', () => {
  for (const ending of endings) {
    it(`${ending.mode}`, async () => {
      const [traced, plain] = await Promise.all([
        runAgent(ending.mode, server.url, true),
        runAgent(ending.mode, server.url, false),
      ]);
      expect({ code: plain.code, signal: plain.signal }).toEqual({
        code: ending.code,
        signal: ending.signal,
      });
      expect({ code: traced.code, signal: traced.signal }).toEqual({
        code: plain.code,
        signal: plain.signal,
      });
      expect(traced.stderr).toBe(plain.stderr);

      const traceId = traced.stdout.trim();
      const stored = await waitForTrace(
        server.url,
        traceId,
        (t) =>
          t.spans.length === 52 && t.trace.endTime !== null && t.spans.every((s) => s.status !== 'running'),
      );
      expect(stored.trace.name).toBe(`run-${ending.mode}`);
      expect(stored.spans.filter((s) => s.name === 'step' && s.status === 'success')).toHaveLength(50);
      const open = stored.spans.find((s) => s.name === 'in-progress')!;
      const root = stored.spans.find((s) => s.name === 'root')!;
      expect(open.status).toBe('error');
      expect(root.status).toBe('error');
      if (ending.reason) {
        expect(open.error!.message).toMatch(ending.reason);
        expect(stored.trace.status).toBe('error');
        expect(stored.trace.error.message).toMatch(ending.reason);
      } else {
        expect(open.error!.message).toMatch(/exited before this span ended/);
      }
      if (ending.mode === 'throw') expect(open.error!.type).toBe('TypeError');
    }, 60_000);
  }
});

describe('a collector that accepts and never answers costs about a second at most', () => {
  for (const mode of ['end', 'exit', 'throw']) {
    it(`delays a run that ends by ${mode} by under 3 s (budget: 1 s)`, async () => {
      const [traced, plain] = await Promise.all([
        runAgent(mode, silentUrl, true),
        runAgent(mode, silentUrl, false),
      ]);
      expect(traced.code).toBe(plain.code);
      expect(traced.stderr).toBe(plain.stderr);
      console.log(`exit by ${mode} against a silent collector: +${(traced.ms - plain.ms).toFixed(0)} ms`);
      expect(traced.ms - plain.ms).toBeLessThan(3000);
    }, 60_000);
  }

  it('flush() and shutdown() return in about a second', async () => {
    const sg = new Spyglass({ url: silentUrl, onWarning: () => {} });
    sg.startTrace('silent');
    for (let i = 0; i < 100; i++) sg.endSpan(sg.startSpan({ name: 's' }));
    let started = performance.now();
    await sg.flush();
    const flushMs = performance.now() - started;
    started = performance.now();
    await sg.shutdown();
    const shutdownMs = performance.now() - started;
    console.log(`silent collector: flush ${flushMs.toFixed(0)} ms, shutdown ${shutdownMs.toFixed(0)} ms`);
    expect(flushMs).toBeLessThan(3000);
    expect(shutdownMs).toBeLessThan(3000);
  }, 60_000);
});
