import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../bench/fixtures/spans.ts';
import type { Span, SpanWithPayloads } from '../../src/shared/types.ts';
import {
  buildTranscript,
  stepIndexFor,
  stepsOf,
} from '../../src/renderer/src/features/transcript/buildTranscript.ts';

/** A span of `type` that ran from 0 to 1 ms. */
const span = (id: string, type: Span['type']): Span =>
  makeSpan({ spanId: id, traceId: 't', type, startTime: 0, endTime: 1 });
const full = (s: Span, input: unknown, output: unknown): SpanWithPayloads => ({
  ...s,
  input,
  output,
  attributes: {},
  events: [],
  links: [],
});

const system = { role: 'system', content: 'Be brief.' };
const user = { role: 'user', content: 'Weather in Oslo?' };
const call = {
  role: 'assistant',
  content: null,
  tool_calls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }],
};
const result = { role: 'tool', tool_call_id: 'c1', content: 'rain' };

describe('buildTranscript', () => {
  const llm1 = span('l1', 'llm');
  const tool = span('t1', 'tool');
  const llm2 = span('l2', 'llm');
  const steps = [
    {
      span: llm1,
      payload: full(
        llm1,
        { messages: [system, user] },
        { choices: [{ message: call, finish_reason: 'tool_calls' }] },
      ),
    },
    { span: tool, payload: full(tool, { city: 'Oslo' }, 'rain') },
    {
      span: llm2,
      payload: full(
        llm2,
        { messages: [system, user, call, result] },
        { choices: [{ message: { role: 'assistant', content: 'It rains.' } }] },
      ),
    },
  ];

  it('shows each LLM call’s new messages only, and tool spans in between', () => {
    const items = buildTranscript(steps);
    expect(items.map((i) => i.kind)).toEqual(['llm', 'tool', 'llm']);
    const [first, , second] = items;
    if (first?.kind !== 'llm' || second?.kind !== 'llm') throw new Error('expected llm items');
    expect(first.input.map((m) => m.role)).toEqual(['system', 'user']);
    expect(first.output[0]!.parts[0]!.kind).toBe('tool-call');
    // History (system, user, the tool call) is not repeated; the tool result is shown by the tool span.
    expect(second.input).toEqual([]);
    expect(second.hiddenHistory).toBe(4);
    expect(second.output[0]!.parts).toEqual([{ kind: 'text', text: 'It rains.' }]);
  });

  it('keeps tool messages when no tool span ran, and marks unloaded steps', () => {
    const items = buildTranscript([steps[0]!, { span: llm2, payload: steps[2]!.payload }]);
    const second = items[1];
    if (second?.kind !== 'llm') throw new Error('expected llm');
    expect(second.input.map((m) => m.role)).toEqual(['tool']);
    const pending = buildTranscript([{ span: llm1, payload: null }]);
    expect(pending[0]).toMatchObject({ kind: 'llm', loaded: false });
  });

  it('reads a plain-string prompt and answer as messages', () => {
    const items = buildTranscript([{ span: llm1, payload: full(llm1, 'Say hi', 'Hi!') }]);
    const item = items[0];
    if (item?.kind !== 'llm') throw new Error('expected llm');
    expect(item.input.map((m) => [m.role, m.parts])).toEqual([['user', [{ kind: 'text', text: 'Say hi' }]]]);
    expect(item.output.map((m) => m.role)).toEqual(['assistant']);
  });
});

describe('the step for a selected span', () => {
  // Tree order: agent, llm1, chain, tool1, llm2, tail (a chain after the last step).
  const rows = (
    [
      ['agent', 'agent'],
      ['llm1', 'llm'],
      ['chain', 'chain'],
      ['tool1', 'tool'],
      ['llm2', 'llm'],
      ['tail', 'chain'],
    ] as const
  ).map(([id, type]) => ({ span: span(id, type) }));
  const steps = stepsOf(rows);

  it('lists the LLM and tool spans in tree order', () => {
    expect(steps.map((s) => s.spanId)).toEqual(['llm1', 'tool1', 'llm2']);
  });

  it('is the span itself, else the first step after it, else the last step', () => {
    expect(stepIndexFor('tool1', rows, steps.length)).toBe(1);
    expect(stepIndexFor('agent', rows, steps.length)).toBe(0);
    expect(stepIndexFor('chain', rows, steps.length)).toBe(1);
    expect(stepIndexFor('tail', rows, steps.length)).toBe(2);
    expect(stepIndexFor('missing', rows, steps.length)).toBe(-1);
    expect(stepIndexFor(null, rows, steps.length)).toBe(-1);
  });
});
