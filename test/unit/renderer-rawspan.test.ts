import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../bench/fixtures/spans.ts';
import { rawSpanText } from '../../src/renderer/src/features/inspector/rawSpanText.ts';

describe('rawSpanText', () => {
  it('hides the list previews and rounds float noise out of costs, nothing else', () => {
    const span = {
      ...makeSpan({ spanId: 's', inputPreview: 'hi', outputPreview: 'yo', costUsd: 0.000028199999999999998 }),
      startTime: 1_700_000_000_123.456,
      input: { inputPreview: 'a payload field stays' },
      output: 'yo',
      attributes: {},
      events: [],
      links: [],
    };
    const parsed = JSON.parse(rawSpanText(span));
    expect(parsed).not.toHaveProperty('inputPreview');
    expect(parsed).not.toHaveProperty('outputPreview');
    expect(parsed.input).toEqual({ inputPreview: 'a payload field stays' });
    expect(rawSpanText(span)).toContain('"costUsd": 0.0000282');
    expect(parsed.startTime).toBe(1_700_000_000_123.456);
  });
});
