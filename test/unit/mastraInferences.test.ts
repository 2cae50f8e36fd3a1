// The Mastra inference span borrows input and tool calls from its step only when the step is in
// the same batch, and never overwrites what the inference itself sent.
import { describe, expect, it } from 'vitest';
import type { SpanPatch } from '../../src/server/ingest/model.ts';
import { fillMastraInferences } from '../../src/server/ingest/otlp/mastraInferences.ts';
import { rebuildToolMessages } from '../../src/server/ingest/otlp/mastraToolMessages.ts';

const call = {
  id: 'call_1',
  type: 'function',
  function: { name: 'get_weather', arguments: { city: 'Oslo' } },
};
const stepInput = [{ role: 'user', content: 'Weather in Oslo?' }];

const span = (spanId: string, type: string, parentSpanId: string | null, extra: Partial<SpanPatch> = {}) =>
  ({
    traceId: 't'.repeat(32),
    spanId,
    parentSpanId,
    name: type,
    type: 'custom',
    startUs: 0,
    kind: 'internal',
    attributes: { 'mastra.span.type': type },
    ...extra,
  }) as SpanPatch;

describe('fillMastraInferences', () => {
  it('gives an inference its step input and the tool calls its own output left out', () => {
    const step = span('s1', 'model_step', 'g1', {
      input: stepInput,
      output: [{ role: 'assistant', content: null, tool_calls: [call] }],
    });
    const inference = span('i1', 'model_inference', 's1', { output: [{ role: 'assistant', content: '' }] });
    fillMastraInferences([inference, step]);
    expect(inference.input).toEqual(stepInput);
    expect(inference.output).toEqual(step.output);
    expect(inference.attributes?.['spyglass.payload_from']).toBe('mastra.model_step');
  });

  it('keeps what the inference sent, and leaves it alone without its step in the batch', () => {
    const step = span('s1', 'model_step', 'g1', {
      input: stepInput,
      output: [{ role: 'assistant', content: 'x' }],
    });
    const own = [{ role: 'assistant', content: 'Sunny.' }];
    const inference = span('i1', 'model_inference', 's1', {
      input: [{ role: 'user', content: 'mine' }],
      output: own,
    });
    fillMastraInferences([inference, step]);
    expect(inference.input).toEqual([{ role: 'user', content: 'mine' }]);
    expect(inference.output).toBe(own);
    expect(inference.attributes?.['spyglass.payload_from']).toBeUndefined();

    const orphan = span('i2', 'model_inference', 's9', { output: [{ role: 'assistant', content: '' }] });
    fillMastraInferences([orphan]);
    expect(orphan.input).toBeUndefined();
  });
});

describe('rebuildToolMessages', () => {
  const placeholders = [
    ...stepInput,
    { role: 'assistant', content: '[tool: get_weather]' },
    { role: 'tool', content: '[tool-result: get_weather]' },
  ];
  const batch = (toolName: string) => {
    const first = span('s1', 'model_step', 'g1', {
      input: stepInput,
      output: [{ role: 'assistant', content: null, tool_calls: [call] }],
    });
    first.attributes!['mastra.model_step.step_index'] = 0;
    const tool = span('t1', 'tool_call', 's1', { output: { tempC: 3 } });
    tool.attributes!['gen_ai.tool.call.id'] = 'call_1';
    const second = span('s2', 'model_step', 'g1', {
      input: placeholders.map((m) => ({ ...m, content: m.content.replace('get_weather', toolName) })),
    });
    second.attributes!['mastra.model_step.step_index'] = 1;
    return { spans: [second, tool, first], second };
  };

  it("replaces a step's placeholders by the earlier step's tool call and the tool span's result", () => {
    const { spans, second } = batch('get_weather');
    rebuildToolMessages(spans);
    expect(second.input).toEqual([
      ...stepInput,
      { role: 'assistant', content: null, tool_calls: [call] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"tempC":3}' },
    ]);
  });

  it('leaves the input as sent when the placeholders do not match the calls', () => {
    const { spans, second } = batch('get_time');
    const sent = second.input;
    rebuildToolMessages(spans);
    expect(second.input).toBe(sent);
  });
});
