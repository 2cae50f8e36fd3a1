// Where AsyncLocalStorage is missing (browsers, some edge runtimes) the SDK still works: the built
// ESM package runs in a child process that hides node:async_hooks (no getBuiltinModule, no
// require, as in an edge bundle), and its spans reach a real collector with parents linked for
// synchronous nesting and for explicit parentSpanId.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/helpers/server.ts';
import { waitForTrace } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const esmEntry = fileURLToPath(new URL('../dist/esm/index.js', import.meta.url));

// Runs in the child: hide async_hooks first, then load the SDK as an edge bundle would.
const agent = `
  delete process.getBuiltinModule;
  const { Spyglass } = await import(${JSON.stringify(esmEntry)});
  const spyglass = new Spyglass({ url: process.env.COLLECTOR, flushIntervalMs: 10 });
  const traceId = spyglass.startTrace({ name: 'edge-agent' });
  spyglass.traced('outer', () => {
    spyglass.traced('inner', () => 42, { type: 'tool' });
  }, { type: 'agent' });
  const llm = spyglass.startSpan({ name: 'plan', type: 'llm', model: 'gpt-4o-mini' });
  const tool = spyglass.startSpan({ name: 'search', type: 'tool', parentSpanId: llm });
  spyglass.endSpan(tool, { output: 'found' });
  spyglass.endSpan(llm, { output: 'ok', prompt_tokens: 10, completion_tokens: 2 });
  spyglass.endTrace(traceId, { output: 'done' });
  await spyglass.shutdown();
  console.log(JSON.stringify({ traceId, stats: spyglass.stats() }));
`;

function runChild(): Promise<{ traceId: string; stats: { asyncContext: boolean; dropped: number } }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', agent],
      { env: { ...process.env, COLLECTOR: server.url }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
      },
    );
  });
}

it('traces without AsyncLocalStorage: synchronous nesting and explicit parents link', async () => {
  const { traceId, stats } = await runChild();
  expect(stats.asyncContext).toBe(false);
  expect(stats.dropped).toBe(0);

  const stored = await waitForTrace(server.url, traceId, (t) => t.spans.length === 4);
  const byName = new Map(stored.spans.map((s) => [s.name, s]));
  expect(byName.get('inner')!.parentSpanId).toBe(byName.get('outer')!.spanId);
  expect(byName.get('search')!.parentSpanId).toBe(byName.get('plan')!.spanId);
  expect(byName.get('outer')!.parentSpanId).toBeNull();
  expect(byName.get('plan')!.promptTokens).toBe(10);
  expect(stored.trace.status).toBe('success');
});
