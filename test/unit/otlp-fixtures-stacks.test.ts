// The fixtures captured from the real libraries (test/fixtures/otlp/langfuse.json,
// langgraph-openinference.json, mastra.json, openlit.json, langsmith-runs.json; refresh them with
// CAPTURE_FIXTURES=1 on the integration tests) decoded and mapped without the libraries: the rows
// of docs/conventions.md, checked on what the libraries really send.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runsToBatch } from '../../src/server/ingest/langsmith/index.ts';
import type { SpanPatch } from '../../src/server/ingest/model.ts';
import { ingestOtlpTraces } from '../../src/server/ingest/otlp/index.ts';

const text = (name: string) =>
  readFileSync(new URL(`../fixtures/otlp/${name}.json`, import.meta.url), 'utf8');

function otlp(name: string): SpanPatch[] {
  const result = ingestOtlpTraces(Buffer.from(text(name)), 'json');
  expect(result.rejectedSpans).toBe(0);
  return result.batch.spans;
}

const byName = (spans: SpanPatch[], name: string) => spans.filter((s) => s.name === name);

describe('captured fixtures', () => {
  it('langfuse.json: observation types, model, usage, reported cost, level ERROR, TTFT', () => {
    const spans = otlp('langfuse');
    expect(spans.map((s) => s.type).sort()).toEqual(['agent', 'llm', 'llm', 'tool']);
    const [generation] = byName(spans, 'chat gpt-4o-mini');
    expect(generation).toMatchObject({
      type: 'llm',
      model: 'gpt-4o-mini',
      costUsd: 0.003,
      cacheReadTokens: 3,
    });
    expect(generation!.promptTokens).toBeGreaterThan(0);
    expect(generation!.timeToFirstTokenMs).toBeGreaterThan(0);
    const [failed] = byName(spans, 'retry-call');
    expect(failed).toMatchObject({ status: 'error', error: { message: 'rate limited by upstream' } });
  });

  it('langgraph-openinference.json: no LangChain constructor left in any payload', () => {
    const spans = otlp('langgraph-openinference');
    for (const span of spans) expect(JSON.stringify([span.input, span.output])).not.toContain('"lc":1');
    const tool = spans.find((s) => s.type === 'tool')!;
    expect(tool.output).toMatchObject({ role: 'tool', tool_call_id: expect.any(String) });
  });

  it('mastra.json: inference llm spans with provider openai, chain steps, tool calls, a failed call', () => {
    const spans = otlp('mastra');
    const of = (type: string) => spans.filter((s) => s.attributes?.['mastra.span.type'] === type);
    expect(of('agent_run').map((s) => s.type)).toEqual(['agent', 'agent', 'agent']);
    for (const s of [...of('model_generation'), ...of('model_step')]) expect(s.type).toBe('chain');
    const llms = of('model_inference');
    expect(llms).toHaveLength(5);
    for (const llm of llms) expect(llm).toMatchObject({ type: 'llm', provider: 'openai' });
    const answered = llms.filter((s) => s.status === 'success');
    expect(answered).toHaveLength(4);
    for (const llm of answered) {
      expect(llm.promptTokens).toBeGreaterThan(0);
      // Borrowed from the parent step: Mastra sends no input on the inference span.
      expect(llm.input).toContainEqual(expect.objectContaining({ role: 'user' }));
    }
    expect(llms.find((s) => s.status === 'error')?.error?.message).toContain('finish reason');
    for (const tool of of('tool_call')) expect(tool).toMatchObject({ type: 'tool', output: { tempC: 18 } });
    const calls = of('model_step').flatMap(
      (s) => (s.output as Array<{ tool_calls?: unknown[] }>)[0]?.tool_calls ?? [],
    );
    expect(calls).toHaveLength(2);
    // The later steps' `[tool-result: …]` placeholders became the tool results with their call ids.
    const toolMessages = of('model_step').flatMap((s) =>
      (s.input as Array<{ role: string; tool_call_id?: string }>).filter((m) => m.role === 'tool'),
    );
    expect(toolMessages.map((m) => m.tool_call_id).sort()).toEqual(calls.map((c: any) => c.id).sort());
  });

  it('openlit.json: reported cost, one system message, TTFT in seconds', () => {
    const [llm] = otlp('openlit');
    expect(llm!.costUsd).toBe(llm!.attributes!['gen_ai.usage.cost']);
    expect((llm!.input as Array<{ role: string }>).filter((m) => m.role === 'system')).toHaveLength(1);
    expect(llm!.timeToFirstTokenMs).toBeGreaterThan(0);
  });

  it('langsmith-runs.json: the run tree, messages, tokens and an error', () => {
    const { post, patch } = JSON.parse(text('langsmith-runs'));
    const batch = runsToBatch(post, patch);
    expect(batch.rejected).toEqual([]);
    const ids = new Set(batch.spans.map((s) => s.spanId));
    expect(ids.size).toBe(5);
    const llms = batch.spans.filter((s) => s.type === 'llm' && s.promptTokens !== undefined);
    expect(llms.length).toBeGreaterThanOrEqual(2);
    for (const llm of llms) expect(llm).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(batch.spans.some((s) => s.status === 'error' && s.error?.message.includes('tool exploded'))).toBe(
      true,
    );
  });
});
