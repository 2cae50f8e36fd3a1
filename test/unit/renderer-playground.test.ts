// The playground's pure parts: SSE reassembly from arbitrary chunks, the run state built from
// replay events, the editable draft of a request and back, and the answer inside a recorded output.
import { describe, expect, it } from 'vitest';
import type { ReplayEvent } from '../../src/shared/replay.ts';
import { SseDecoder } from '../../src/renderer/src/api/sseDecoder.ts';
import { IDLE_RUN, reduceReplay } from '../../src/renderer/src/features/playground/replayRun.ts';
import {
  draftFromRequest,
  moveItem,
  requestFromDraft,
} from '../../src/renderer/src/features/playground/requestDraft.ts';
import { answerOf } from '../../src/renderer/src/features/playground/answerOf.ts';

const events: ReplayEvent[] = [
  { type: 'start', traceId: 't1', spanId: 's1', model: 'gpt-4o-mini', baseUrl: 'http://x/v1' },
  { type: 'delta', text: 'Héllo — ' },
  { type: 'delta', text: 'wörld\nline two' },
  { type: 'tool_call', index: 0, id: 'call_1', name: 'lookup', arguments: '{"q":' },
  { type: 'tool_call', index: 0, arguments: '"kettle"}' },
  {
    type: 'done',
    traceId: 't1',
    spanId: 's1',
    usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
    latencyMs: 120,
    timeToFirstTokenMs: 30,
    costUsd: 0.0001,
    finishReason: 'stop',
    output: { role: 'assistant', content: 'Héllo — wörld\nline two' },
  },
];
const wire = `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}: keep-alive\n\n`;

describe('SseDecoder', () => {
  it('gives the same events however the stream is cut', () => {
    for (const size of [1, 2, 3, 7, 64, wire.length]) {
      const decoder = new SseDecoder();
      const got: ReplayEvent[] = [];
      for (let i = 0; i < wire.length; i += size) got.push(...decoder.push(wire.slice(i, i + size)));
      got.push(...decoder.end());
      expect(got, `chunks of ${size}`).toEqual(events);
    }
  });

  it('handles CRLF and CR line ends, multi-line data, and a last event without its blank line', () => {
    const decoder = new SseDecoder();
    const got = [
      ...decoder.push('data: {"type":"delta",\r\ndata: "text":"a"}\r\n\r'),
      ...decoder.push('\ndata: {"type":"delta","text":"b"}\r\rdata: not json\n\n'),
      ...decoder.push('event: x\ndata: {"type":"delta","text":"c"}'),
      ...decoder.end(),
    ];
    expect(got).toEqual([
      { type: 'delta', text: 'a' },
      { type: 'delta', text: 'b' },
      { type: 'delta', text: 'c' },
    ]);
  });
});

describe('reduceReplay', () => {
  it('accumulates text and tool-call pieces, then takes the totals', () => {
    let state = IDLE_RUN;
    const seen: string[] = [];
    for (const event of events) {
      state = reduceReplay(state, event);
      seen.push(state.status);
    }
    expect(seen).toEqual(['streaming', 'streaming', 'streaming', 'streaming', 'streaming', 'done']);
    expect(state.text).toBe('Héllo — wörld\nline two');
    expect(state.toolCalls).toEqual([{ id: 'call_1', name: 'lookup', arguments: '{"q":"kettle"}' }]);
    expect(state.done?.latencyMs).toBe(120);
    expect(state.model).toBe('gpt-4o-mini');
  });

  it('fills skipped tool-call indexes and records failures with their status', () => {
    let state = reduceReplay(IDLE_RUN, {
      type: 'tool_call',
      index: 1,
      id: 'b',
      name: 'second',
      arguments: '{}',
    });
    expect(state.toolCalls).toEqual([
      { id: null, name: '', arguments: '' },
      { id: 'b', name: 'second', arguments: '{}' },
    ]);
    state = reduceReplay(state, {
      type: 'error',
      traceId: 't',
      spanId: 's',
      message: 'rate limited',
      status: 429,
    });
    expect(state).toMatchObject({
      status: 'error',
      traceId: 't',
      error: { message: 'rate limited', status: 429 },
    });
  });
});

describe('request draft', () => {
  const request = {
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function' as const, function: { name: 'f', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: '42' },
    ],
    tools: [{ type: 'function', function: { name: 'f' } }],
    temperature: 0.2,
    max_tokens: 100,
    seed: 7,
    response_format: { type: 'json_object' },
  };

  it('round-trips a request unchanged', () => {
    const draft = draftFromRequest(request);
    expect(draft.messages.map((m) => m.contentIsJson)).toEqual([false, true, false, false]);
    expect(draft.temperature).toBe('0.2');
    expect(JSON.parse(draft.otherParams)).toEqual({ seed: 7, response_format: { type: 'json_object' } });
    expect(requestFromDraft(draft)).toEqual({ request, problems: [] });
  });

  it('names every wrong field and builds nothing', () => {
    const draft = {
      ...draftFromRequest(request),
      model: ' ',
      temperature: '3',
      maxTokens: '1.5',
      tools: '{}',
      otherParams: '{"temperature": 1}',
    };
    draft.messages = draft.messages.map((m, i) => (i === 1 ? { ...m, content: '[{' } : m));
    const built = requestFromDraft(draft);
    expect(built.request).toBeNull();
    expect(built.problems.map((p) => p.field).sort()).toEqual([
      'max_tokens',
      'messages[1].content',
      'model',
      'otherParams',
      'temperature',
      'tools',
    ]);
  });

  it('leaves out empty parameters and an empty tool list', () => {
    const draft = {
      ...draftFromRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
      tools: '[]',
    };
    expect(requestFromDraft(draft).request).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
    });
  });

  it('moves messages, ignoring moves off either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
});

describe('answerOf', () => {
  it('finds the assistant message in a recorded completion, and leaves other outputs alone', () => {
    const message = { role: 'assistant', content: 'Yes.' };
    expect(answerOf({ id: 'x', choices: [{ index: 0, message }] })).toEqual(message);
    expect(answerOf(JSON.stringify({ choices: [{ message }] }))).toEqual(message);
    expect(answerOf({ choices: [{ text: 'legacy' }] })).toBe('legacy');
    expect(answerOf('plain answer')).toBe('plain answer');
    expect(answerOf(message)).toEqual(message);
  });
});
