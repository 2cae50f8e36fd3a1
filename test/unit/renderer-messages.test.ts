import { describe, expect, it } from 'vitest';
import { messageFingerprint, messageText, parseMessages } from '../../src/renderer/src/model/messages.ts';

describe('parseMessages: OpenAI chat', () => {
  it('reads a message array with tool calls and tool results', () => {
    const messages = parseMessages([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"tempC":21}' },
    ]);
    expect(messages?.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(messageText(messages![1]!)).toBe('Weather in Paris?');
    expect(messages![2]!.parts).toEqual([
      { kind: 'tool-call', call: { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } } },
    ]);
    expect(messages![3]!.parts).toEqual([{ kind: 'tool-result', callId: 'call_1', content: { tempC: 21 } }]);
    expect(messages![3]!.toolCallId).toBe('call_1');
  });

  it('keeps broken tool-call JSON as the text the model wrote', () => {
    const messages = parseMessages([
      { role: 'assistant', tool_calls: [{ id: 'c', function: { name: 'f', arguments: '{"a":' } }] },
    ]);
    expect(messages![0]!.parts[0]).toEqual({
      kind: 'tool-call',
      call: { id: 'c', name: 'f', arguments: '{"a":' },
    });
  });

  it('reads a request body and a completion response', () => {
    expect(parseMessages({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })?.length).toBe(1);
    const out = parseMessages({
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hello' } }],
    });
    expect(out).toHaveLength(1);
    expect(out![0]!.finishReason).toBe('stop');
    expect(messageText(out![0]!)).toBe('Hello');
  });

  it('parses messages sent as JSON text', () => {
    expect(parseMessages('[{"role":"user","content":"hi"}]')?.[0]?.role).toBe('user');
  });
});

describe('parseMessages: responses API', () => {
  it('reads input with instructions', () => {
    const messages = parseMessages({ model: 'gpt-5', instructions: 'Be brief.', input: 'Summarise this' });
    expect(messages?.map((m) => [m.role, messageText(m)])).toEqual([
      ['system', 'Be brief.'],
      ['user', 'Summarise this'],
    ]);
  });

  it('reads output items: message, function_call, function_call_output, reasoning', () => {
    const messages = parseMessages({
      output: [
        { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Need the weather.' }] },
        { type: 'function_call', call_id: 'fc_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { type: 'function_call_output', call_id: 'fc_1', output: 'rain' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'It rains.' }] },
      ],
    });
    expect(messages?.map((m) => m.parts[0]?.kind)).toEqual(['reasoning', 'tool-call', 'tool-result', 'text']);
    expect(messages![2]!.toolCallId).toBe('fc_1');
    expect(messageText(messages![3]!)).toBe('It rains.');
  });
});

describe('parseMessages: OTel GenAI parts', () => {
  it('reads parts with tool_call and tool_call_response (response or result)', () => {
    const messages = parseMessages([
      { role: 'user', parts: [{ type: 'text', content: 'Add 2 and 3' }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 't1', name: 'add', arguments: { a: 2, b: 3 } }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 't1', result: 5 }] },
      { role: 'assistant', parts: [{ type: 'text', content: '5' }], finish_reason: 'stop' },
    ]);
    expect(messageText(messages![0]!)).toBe('Add 2 and 3');
    expect(messages![1]!.parts[0]).toEqual({
      kind: 'tool-call',
      call: { id: 't1', name: 'add', arguments: { a: 2, b: 3 } },
    });
    expect(messages![2]!.parts[0]).toEqual({ kind: 'tool-result', callId: 't1', content: 5 });
    expect(messages![3]!.finishReason).toBe('stop');
  });
});

describe('parseMessages: what is not messages', () => {
  it('returns null for plain values and mixed arrays', () => {
    expect(parseMessages('just text')).toBeNull();
    expect(parseMessages({ city: 'Paris' })).toBeNull();
    expect(parseMessages([])).toBeNull();
    expect(parseMessages([{ role: 'user', content: 'x' }, 42])).toBeNull();
    expect(parseMessages(null)).toBeNull();
  });

  it('never turns markup into anything but text', () => {
    const messages = parseMessages([{ role: 'user', content: '<img src=x onerror=alert(1)>' }]);
    expect(messages![0]!.parts).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
  });
});

describe('messageFingerprint', () => {
  it('is equal for equal messages and differs by role', () => {
    const [a] = parseMessages([{ role: 'user', content: 'hi' }])!;
    const [b] = parseMessages([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }])!;
    const [c] = parseMessages([{ role: 'assistant', content: 'hi' }])!;
    expect(messageFingerprint(a!)).toBe(messageFingerprint(b!));
    expect(messageFingerprint(a!)).not.toBe(messageFingerprint(c!));
  });
});

describe('parseMessages: Anthropic request bodies', () => {
  it('reads a system prompt given as text blocks (as prompt caching needs) before the messages', () => {
    const messages = parseMessages({
      model: 'claude-sonnet-4-5',
      system: [{ type: 'text', text: 'You are a travel assistant.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Weather in Lisbon?' }],
    });
    expect(messages?.map((m) => [m.role, messageText(m)])).toEqual([
      ['system', 'You are a travel assistant.'],
      ['user', 'Weather in Lisbon?'],
    ]);
  });
});
