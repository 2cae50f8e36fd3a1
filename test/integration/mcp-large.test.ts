// The size budget on a 100,000-span run, read straight from the database file (no collector
// running): `spyglass mcp --db FILE` opens it read-only and still answers within the budget,
// with the failure kept whole.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_BUDGET_CHARS } from '../../src/shared/digest/index.ts';
import { ingestSynthetic, type SyntheticTrace } from '../helpers/digestTraces.ts';
import { startMcp, type McpSession } from '../helpers/mcpClient.ts';
import { startTestServer, traceIdOf } from '../helpers/server.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

let dir: TempDir;
let mcp: McpSession;
let run: SyntheticTrace;

beforeAll(async () => {
  dir = makeTempDir();
  const dbPath = dir.file('large.db');
  const server = await startTestServer({ dbPath });
  run = await ingestSynthetic(server.url, traceIdOf(100), 100_000, 'f');
  await server.close();
  mcp = await startMcp(['--db', dbPath]);
}, 600_000);

afterAll(async () => {
  await mcp?.close();
  dir?.remove();
});

it('answers a 100,000-span run within the budget, failures and critical path whole', {
  timeout: 300_000,
}, async () => {
  const started = performance.now();
  const tree = await mcp.call('spyglass_trace', { traceId: run.traceId });
  const treeMs = performance.now() - started;
  expect(tree.isError).toBe(false);
  expect(tree.text).toContain('100,000 spans');
  expect(tree.text.length).toBeLessThanOrEqual(DEFAULT_BUDGET_CHARS);
  expect(tree.text).toContain(`#${run.failingSpanId}`);
  expect(tree.text).toContain('NotFoundError: item');
  expect(tree.text).toContain('critical path');
  expect(tree.text).toContain('summarised to fit');

  const tight = await mcp.call('spyglass_trace', { traceId: run.traceId, budgetChars: 2_000 });
  expect(tight.text.length).toBeLessThanOrEqual(2_000);
  expect(tight.text).toContain(`#${run.failingSpanId}`);

  const failures = await mcp.call('spyglass_failures', { traceId: run.traceId });
  expect(failures.text.length).toBeLessThanOrEqual(DEFAULT_BUDGET_CHARS);
  expect(failures.text).toContain(`#${run.failingSpanId}`);

  const list = await mcp.call('spyglass_traces', {});
  expect(list.text).toContain(run.traceId);
  console.info(
    `100,000-span tree digest: ${tree.text.length} chars in ${Math.round(treeMs)} ms (from the database file)`,
  );
});
