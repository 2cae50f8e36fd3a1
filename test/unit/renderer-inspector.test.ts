import { describe, expect, it } from 'vitest';
import { buildCurl, shellQuote } from '../../src/renderer/src/features/inspector/curl.ts';
import {
  countFlatAttributes,
  flattenAttributes,
} from '../../src/renderer/src/features/inspector/flattenAttributes.ts';

describe('copy as curl', () => {
  it('rebuilds a chat completion request with the key as an env variable', () => {
    const curl = buildCurl({
      input: { messages: [{ role: 'user', content: "it's" }] },
      model: 'gpt-4o-mini',
      provider: 'openai',
    });
    expect(curl).toContain('curl https://api.openai.com/v1/chat/completions');
    expect(curl).toContain('Authorization: Bearer $OPENAI_API_KEY');
    expect(curl).toContain('"model": "gpt-4o-mini"');
    expect(curl).toContain(`it'\\''s`);
  });

  it('uses the responses endpoint for responses-API input and Anthropic for its provider', () => {
    expect(buildCurl({ input: { input: 'hi' }, model: 'gpt-5', provider: 'openai' })).toContain(
      '/v1/responses',
    );
    expect(
      buildCurl({ input: [{ role: 'user', content: 'hi' }], model: 'claude', provider: 'anthropic' }),
    ).toContain('api.anthropic.com/v1/messages');
  });

  it('quotes anything safely for a POSIX shell', () => {
    expect(shellQuote(`a'b $(rm -rf /)`)).toBe(`'a'\\''b $(rm -rf /)'`);
  });
});

describe('attributes table', () => {
  it('flattens nested objects to sorted dotted keys, keeping arrays as values', () => {
    expect(flattenAttributes({ b: 1, a: { y: 'x', z: [1, 2] }, e: {} })).toEqual([
      ['a.y', 'x'],
      ['a.z', [1, 2]],
      ['b', 1],
      ['e', {}],
    ]);
  });

  it('orders numbered keys as a reader counts, and counts the rows the table shows', () => {
    const attributes = { tool: { k10: 1, k2: 2, k1: 3 }, 'gen_ai.usage': { input_tokens: 4 } };
    expect(flattenAttributes(attributes).map(([key]) => key)).toEqual([
      'gen_ai.usage.input_tokens',
      'tool.k1',
      'tool.k2',
      'tool.k10',
    ]);
    expect(countFlatAttributes(attributes)).toBe(4);
  });
});
