// Synthetic agent runs of any size for the digest, MCP and CLI tests: a root agent with batches
// of alternating model and tool calls, one tool failing in the middle, at fixed times and ids so
// digests of them can be compared with golden files.
import type { WireEvent } from '../../sdk/src/protocol.ts';
import { ingestRequest, postIngest } from './server.ts';

const T0 = 1_760_000_100_000;
/** Spans in a batch, counting the batch's own span. */
const BATCH_SPANS = 1000;

export interface SyntheticTrace {
  traceId: string;
  spanCount: number;
  /** The failing tool span's id. */
  failingSpanId: string;
}

export function syntheticTraceEvents(
  traceId: string,
  spanCount: number,
  idPrefix = 'e',
): { events: WireEvent[]; trace: SyntheticTrace } {
  const id = (n: number) => `${idPrefix}${n.toString(16).padStart(15, '0')}`;
  const events: WireEvent[] = [
    {
      kind: 'trace.start',
      traceId,
      name: `synthetic-${spanCount}`,
      time: T0,
      tags: ['synthetic'],
      sessionId: 'sess-synthetic',
    },
    {
      kind: 'span.start',
      traceId,
      spanId: id(0),
      parentSpanId: null,
      name: 'planner',
      type: 'agent',
      time: T0,
      input: 'Work through the backlog',
    },
  ];
  const failAt = Math.floor(spanCount / 2);
  let failingSpanId = '';
  let n = 1;
  let batch = 0;
  let t = T0 + 1;
  while (n < spanCount) {
    const batchId = id(n++);
    events.push({
      kind: 'span.start',
      traceId,
      spanId: batchId,
      parentSpanId: id(0),
      name: `batch ${batch}`,
      type: 'chain',
      time: t,
      stepOrder: batch,
    });
    for (let k = 1; k < BATCH_SPANS && n < spanCount; k++) {
      const spanId = id(n);
      const llm = k % 2 === 1;
      // The first tool call past the middle fails.
      const fails = !failingSpanId && !llm && n >= failAt;
      if (fails) failingSpanId = spanId;
      events.push({
        kind: 'span.start',
        traceId,
        spanId,
        parentSpanId: batchId,
        name: llm ? 'choose next item' : 'fetch_item',
        type: llm ? 'llm' : 'tool',
        time: t,
        stepOrder: k,
        ...(llm ? { model: 'gpt-4o-mini', provider: 'openai' } : {}),
        input: llm ? [{ role: 'user', content: `Pick the next item after #${n - 1}` }] : { item: n },
      });
      events.push({
        kind: 'span.end',
        traceId,
        spanId,
        time: t + 2,
        ...(fails
          ? {
              status: 'error',
              error: {
                message: `item ${n} not found (404)`,
                type: 'NotFoundError',
                stack: `NotFoundError: item ${n} not found\n    at fetchItem (tools.ts:12:9)`,
              },
            }
          : { status: 'success', output: llm ? `fetch item ${n + 1}` : { item: n, title: `Item ${n}` } }),
        ...(llm ? { promptTokens: 20, completionTokens: 5 } : {}),
      });
      n++;
      t += 3;
    }
    events.push({ kind: 'span.end', traceId, spanId: batchId, time: t, status: 'success' });
    t += 1;
    batch++;
  }
  events.push({
    kind: 'span.end',
    traceId,
    spanId: id(0),
    time: t,
    status: 'error',
    error: { message: 'one item failed', type: 'Error' },
  });
  events.push({ kind: 'trace.end', traceId, time: t + 1, status: 'error' });
  return { events, trace: { traceId, spanCount, failingSpanId } };
}

/** Ingests a synthetic trace in batches the collector accepts. */
export async function ingestSynthetic(
  url: string,
  traceId: string,
  spanCount: number,
  idPrefix = 'e',
): Promise<SyntheticTrace> {
  const { events, trace } = syntheticTraceEvents(traceId, spanCount, idPrefix);
  for (let i = 0; i < events.length; i += 5_000) {
    const answer = await postIngest(url, ingestRequest(events.slice(i, i + 5_000)));
    if (answer.status !== 200)
      throw new Error(`synthetic ingest failed: ${JSON.stringify(answer.body).slice(0, 500)}`);
  }
  return trace;
}
