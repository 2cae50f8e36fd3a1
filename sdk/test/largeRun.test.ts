// Issue #11 (part A): a 100,000-span run from one process arrives whole (trace named, root
// present, every span stored), when the script simply ends after producing it in a tight loop.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getJson, startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';

const esmEntry = fileURLToPath(new URL('../dist/esm/index.js', import.meta.url));
const SPANS = 100_000;

const agent = `
  const { Spyglass } = await import(${JSON.stringify(esmEntry)});
  const sg = new Spyglass({ url: process.env.COLLECTOR });
  const traceId = sg.startTrace({ name: 'hundred-thousand', input: { task: 'index the archive' }, tags: ['big'] });
  process.stdout.write(traceId + '\\n');
  const root = sg.startSpan({ name: 'root', type: 'agent' });
  const input = { query: 'q'.repeat(200) };
  for (let i = 1; i < ${SPANS}; i++) {
    sg.endSpan(sg.startSpan({ name: 'step', type: 'tool', parentSpanId: root, input }), { output: { n: i } });
  }
  sg.endSpan(root, { output: 'done' });
  sg.endTrace(traceId, { output: 'all indexed' });
  // No flush, no shutdown: the script simply ends.
`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('delivers every span of a 100,000-span run, with its name and root', async () => {
  const started = performance.now();
  const child = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const proc = spawn(process.execPath, ['--input-type=module', '-e', agent], {
      env: { ...process.env, COLLECTOR: server.url },
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk) => (stdout += chunk));
    proc.stderr.on('data', (chunk) => (stderr += chunk));
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`100,000 spans produced and delivered by the child in ${seconds.toFixed(1)} s`);
  expect(child.stderr).toBe('');
  expect(child.code).toBe(0);
  const traceId = child.stdout.trim();
  const summary = async () => {
    const answer = await getJson(`${server.url}/api/traces?name=hundred-thousand`);
    const trace = answer.body.traces[0];
    return trace ? `${trace.traceId} ${trace.spanCount} ${trace.status}` : 'none';
  };
  await expect.poll(summary, { timeout: 120_000, interval: 500 }).toBe(`${traceId} ${SPANS} success`);
  const answer = await getJson(`${server.url}/api/traces/${traceId}`);
  expect(answer.body.trace.name).toBe('hundred-thousand');
  expect(answer.body.trace.tags).toEqual(['big']);
  const roots = answer.body.spans.filter((s: { parentSpanId: string | null }) => s.parentSpanId === null);
  expect(roots.map((s: { name: string; status: string }) => `${s.name} ${s.status}`)).toEqual([
    'root success',
  ]);
  expect(answer.body.spans.filter((s: { status: string }) => s.status === 'success')).toHaveLength(SPANS);
}, 300_000);
