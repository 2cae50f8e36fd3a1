// A session turn reads as chat: the user's message of its input and the final answer of its
// output, whatever shape the agent gave them.
import { describe, expect, it } from 'vitest';
import { compactJson, turnAnswerText, turnUserText } from '../../src/renderer/src/model/sessionTurn.ts';

describe('turnUserText', () => {
  it("takes the last user message of a chat request (earlier ones are the conversation's history)", () => {
    const input = {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Book a flight to Lisbon' },
        { role: 'assistant', content: 'For which date?' },
        { role: 'user', content: [{ type: 'text', text: 'Friday, please' }] },
      ],
    };
    expect(turnUserText(input)).toBe('Friday, please');
  });

  it('reads strings, JSON text, named arguments and single-argument objects', () => {
    expect(turnUserText('plain question')).toBe('plain question');
    expect(turnUserText(JSON.stringify([{ role: 'user', content: 'from OTLP text' }]))).toBe(
      'from OTLP text',
    );
    expect(turnUserText({ question: 'What is RAG?', topK: 3 })).toBe('What is RAG?');
    expect(turnUserText({ input: { query: 'nested' } })).toBe('nested');
    expect(turnUserText({ city: 'Paris' })).toBe('Paris');
    expect(turnUserText({ a: 1, b: 2 })).toBeNull();
    expect(turnUserText(null)).toBeNull();
  });
});

describe('turnAnswerText', () => {
  it('takes the assistant message of a chat response or a named answer', () => {
    expect(
      turnAnswerText({
        choices: [{ message: { role: 'assistant', content: 'Booked.' }, finish_reason: 'stop' }],
      }),
    ).toBe('Booked.');
    expect(turnAnswerText({ answer: 'Forty-two', sources: [] })).toBe('Forty-two');
    expect(turnAnswerText('done')).toBe('done');
    expect(turnAnswerText({ role: 'assistant', content: 'single message' })).toBe('single message');
    expect(turnAnswerText({ score: 0.3, label: 1 })).toBeNull();
  });

  it('shows other payloads as short JSON', () => {
    expect(compactJson({ a: 1 })).toBe('{"a":1}');
    expect(compactJson({ long: 'x'.repeat(1000) }, 20)).toBe('{"long":"xxxxxxxxxxx…');
  });
});
