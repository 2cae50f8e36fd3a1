// Pure parts: W3C ids, the bounded send buffer, and reading OpenAI response shapes.
import { describe, expect, it } from 'vitest';
import { SendBuffer } from '../src/buffer.ts';
import { isSpanId, isTraceId, newSpanId, newTraceId } from '../src/ids.ts';
import { llmFacts } from '../src/openaiShapes.ts';
import { StreamAssembler } from '../src/streamAssembler.ts';
import type { WireEvent } from '../src/protocol.ts';

describe('ids', () => {
  it('are W3C-shaped and distinct', () => {
    const traces = new Set(Array.from({ length: 5000 }, newTraceId));
    const spans = new Set(Array.from({ length: 5000 }, newSpanId));
    expect(traces.size).toBe(5000);
    expect(spans.size).toBe(5000);
    for (const id of traces) expect(isTraceId(id)).toBe(true);
    for (const id of spans) expect(isSpanId(id)).toBe(true);
    expect(isTraceId('0'.repeat(32))).toBe(false);
    expect(isSpanId('ABCDEF0123456789')).toBe(false);
  });
});

describe('SendBuffer', () => {
  const event = (n: number): WireEvent => ({
    kind: 'span.event',
    traceId: 'a'.repeat(32),
    time: n,
    name: `e${n}`,
  });

  it('drops the oldest events beyond its count bound and counts them', () => {
    const buffer = new SendBuffer(100, Infinity);
    for (let i = 0; i < 250; i++) buffer.push({ event: event(i), approxBytes: 10 });
    expect(buffer.length).toBe(100);
    expect(buffer.dropped).toBe(150);
    expect(buffer.take(1, Infinity)[0]!.event.time).toBe(150);
  });

  it('bounds bytes too, and a failed batch goes back in front', () => {
    const buffer = new SendBuffer(1000, 1000);
    for (let i = 0; i < 20; i++) buffer.push({ event: event(i), approxBytes: 100 });
    expect(buffer.length).toBe(10);
    expect(buffer.approxBytes).toBe(1000);
    const batch = buffer.take(4, Infinity);
    expect(buffer.length).toBe(6);
    buffer.unshift(batch);
    expect(buffer.take(1, Infinity)[0]!.event.time).toBe(10);
  });

  it('takes batches bounded by bytes, always at least one event', () => {
    const buffer = new SendBuffer(1000, Infinity);
    buffer.push({ event: event(1), approxBytes: 5000 });
    buffer.push({ event: event(2), approxBytes: 10 });
    expect(buffer.take(10, 100)).toHaveLength(1);
    expect(buffer.take(10, 100)).toHaveLength(1);
  });
});

describe('OpenAI shapes', () => {
  it('reads chat completions and the responses API', () => {
    const chat = llmFacts({
      object: 'chat.completion',
      model: 'gpt-4o',
      choices: [{ message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    });
    expect(chat).toMatchObject({
      model: 'gpt-4o',
      output: { content: 'hi' },
      promptTokens: 3,
      completionTokens: 1,
      totalTokens: 4,
      finishReason: 'stop',
    });
    const response = llmFacts({
      object: 'response',
      model: 'gpt-4o-mini',
      output: [
        { type: 'message', content: [{ type: 'output_text', text: 'A' }] },
        { type: 'function_call', call_id: 'c1', name: 'search', arguments: '{}' },
      ],
      usage: { input_tokens: 5, output_tokens: 2, total_tokens: 7 },
    });
    expect(response).toMatchObject({
      output: { content: 'A', tool_calls: [{ id: 'c1', function: { name: 'search' } }] },
      promptTokens: 5,
      completionTokens: 2,
    });
  });

  it('assembles streamed chat chunks, tool calls included', () => {
    const assembler = new StreamAssembler();
    const chunk = (delta: object, extra: object = {}) => ({
      object: 'chat.completion.chunk',
      model: 'gpt-4o',
      choices: [{ index: 0, delta }],
      ...extra,
    });
    expect(assembler.add(chunk({ role: 'assistant', content: '' }))).toBe(false);
    expect(assembler.add(chunk({ content: 'Hel' }))).toBe(true);
    assembler.add(chunk({ content: 'lo' }));
    assembler.add(
      chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'search', arguments: '{"q":' } }] }),
    );
    assembler.add(chunk({ tool_calls: [{ index: 0, function: { arguments: '"x"}' } }] }));
    assembler.add({
      object: 'chat.completion.chunk',
      choices: [],
      usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 },
    });
    expect(assembler.result()).toMatchObject({
      model: 'gpt-4o',
      output: {
        content: 'Hello',
        tool_calls: [{ id: 'call_1', function: { name: 'search', arguments: '{"q":"x"}' } }],
      },
      promptTokens: 9,
      totalTokens: 13,
    });
    expect(assembler.chunks).toBe(6);
  });
});
