// Compare as the UI will use it: two traces loaded from a real server with payloads, aligned step
// by step. The second trace is a modified copy made with the file format (export, edit, import
// under a new id): one prompt changed, one tool call added, one step removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignRuns, summarizeComparison } from '../../src/shared/compare/index.ts';
import type { SpyglassTraceFile } from '../../src/shared/files.ts';
import type { SpanWithPayloads } from '../../src/shared/types.ts';
import { ingestSamples } from '../helpers/sampleTraces.ts';
import { getJson, postJson, startTestServer, traceIdOf, type TestServer } from '../helpers/server.ts';

const ORIGINAL = traceIdOf(0xe1);
const COPY = traceIdOf(0xe2);
let server: TestServer;

async function spansOf(traceId: string): Promise<SpanWithPayloads[]> {
  const { status, body } = await getJson(`${server.url}/api/traces/${traceId}?include=payloads`);
  expect(status).toBe(200);
  return body.spans;
}

beforeAll(async () => {
  server = await startTestServer();
  await ingestSamples(server.url, ORIGINAL, traceIdOf(0xe3));
  const { body } = await postJson(`${server.url}/api/export`, { traceIds: [ORIGINAL] });
  const file = body as SpyglassTraceFile;
  const entry = file.traces[0]!;
  entry.trace.traceId = COPY;
  const spans = entry.spans.map((s) => ({ ...s, traceId: COPY }));
  // The planning call's prompt gains a sentence and costs more tokens.
  const plan = spans.find((s) => s.name === 'chat gpt-4o-mini')!;
  (plan.input as Array<{ content: string }>)[1]!.content += ' I paid by card.';
  plan.promptTokens = 75;
  plan.totalTokens = 98;
  // The email step is gone; a refund lookup comes after the cancellation, taking 1 s.
  const cancel = spans.find((s) => s.name === 'cancel_order')!;
  const refund: SpanWithPayloads = {
    ...cancel,
    spanId: 'e000000000000009',
    name: 'lookup_refund',
    destructive: false,
    input: { orderId: 1042 },
    output: { refundable: true },
    startTime: cancel.endTime! + 1,
    endTime: cancel.endTime! + 1001,
    events: [],
    stepOrder: 3,
  };
  entry.spans = [...spans.filter((s) => s.name !== 'send_email'), refund];
  const imported = await postJson(`${server.url}/api/import`, file);
  expect(imported.status).toBe(200);
});
afterAll(() => server.close());

describe('compare a trace with a modified copy', () => {
  it('aligns the steps and shows the changed prompt, the inserted and the removed step', async () => {
    const comparison = alignRuns(await spansOf(ORIGINAL), await spansOf(COPY));
    expect(comparison.pairs.map((p) => [p.kind, p.a?.span.name ?? null, p.b?.span.name ?? null])).toEqual([
      ['same', 'support-agent', 'support-agent'],
      ['changed', 'chat gpt-4o-mini', 'chat gpt-4o-mini'],
      ['same', 'cancel_order', 'cancel_order'],
      ['removed', 'send_email', null],
      ['inserted', null, 'lookup_refund'],
      ['same', 'chat gpt-4o', 'chat gpt-4o'],
    ]);
    expect(comparison.firstDivergence).toBe(1);
    const plan = comparison.pairs[1]!.diffs;
    expect(plan.input?.label).toBe('prompt');
    expect(plan.input?.diff.ops.filter((o) => o.op === 'insert').map((o) => o.text)).toEqual([
      ' I paid by card.',
    ]);
    expect(plan.promptTokens).toEqual({ a: 61, b: 75, delta: 14 });
    expect(comparison.pairs[3]!.a!.span.error?.message).toBe('SMTP 550: mailbox unavailable');
    // The original trace: 84 + 181 tokens; the copy: 98 + 181 (+5%). The refund lookup (1 s)
    // runs where the email step was and ends before the root, so the run takes as long.
    expect(summarizeComparison(comparison).text).toBe(
      '1 step changed, 1 added, 1 removed, 1 fewer error, +5% tokens, same duration',
    );
  });
});
