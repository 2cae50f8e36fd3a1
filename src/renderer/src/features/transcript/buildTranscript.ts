// The run as a conversation: LLM and tool spans in execution order, each LLM call showing only
// the messages it added. Agents resend the whole history on every call; printing it each time
// would bury the run, so the common prefix with the previous call's input + output is dropped
// (and counted). Tool results the agent feeds back as `tool` messages are dropped too when tool
// spans ran since the last call, since those spans already show the same results. Pure.
import type { Span, SpanWithPayloads } from '../../../../shared/types.ts';
import { messageFingerprint, parseMessages, type ChatMessage } from '../../model/messages.ts';

export interface TranscriptStep {
  span: Span;
  /** null while the payload is not loaded. */
  payload: SpanWithPayloads | null;
}

export type TranscriptItem =
  | {
      kind: 'llm';
      span: Span;
      loaded: boolean;
      input: ChatMessage[];
      output: ChatMessage[];
      hiddenHistory: number;
    }
  | { kind: 'tool'; span: Span; loaded: boolean; input: unknown; output: unknown };

export const TRANSCRIPT_TYPES: ReadonlySet<string> = new Set(['llm', 'tool']);

/** A payload as messages: recognised shapes, else plain text as one message, else JSON as one part. */
export function asMessages(value: unknown, role: string): ChatMessage[] {
  if (value === undefined || value === null) return [];
  const parsed = parseMessages(value);
  if (parsed) return parsed;
  const part =
    typeof value === 'string' ? { kind: 'text' as const, text: value } : { kind: 'other' as const, value };
  return [{ role, name: null, parts: [part], toolCallId: null, finishReason: null }];
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export function buildTranscript(steps: readonly TranscriptStep[]): TranscriptItem[] {
  const items: TranscriptItem[] = [];
  let conversation: string[] = [];
  let toolSpansSinceLastCall = 0;
  for (const { span, payload } of steps) {
    if (span.type === 'tool') {
      toolSpansSinceLastCall++;
      items.push({
        kind: 'tool',
        span,
        loaded: payload !== null,
        input: payload?.input,
        output: payload?.output,
      });
      continue;
    }
    if (!payload) {
      items.push({ kind: 'llm', span, loaded: false, input: [], output: [], hiddenHistory: 0 });
      continue;
    }
    const input = asMessages(payload.input, 'user');
    const output = asMessages(payload.output, 'assistant');
    const prints = input.map(messageFingerprint);
    const known = commonPrefix(prints, conversation);
    let fresh = input.slice(known);
    const before = fresh.length;
    if (toolSpansSinceLastCall > 0) fresh = fresh.filter((message) => message.role !== 'tool');
    items.push({
      kind: 'llm',
      span,
      loaded: true,
      input: fresh,
      output,
      hiddenHistory: known + (before - fresh.length),
    });
    conversation = [...prints, ...output.map(messageFingerprint)];
    toolSpansSinceLastCall = 0;
  }
  return items;
}
