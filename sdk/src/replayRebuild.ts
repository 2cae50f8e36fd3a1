// What a served step hands back to the agent: the object its call returned when it was recorded,
// rebuilt from the span's output and the response shell the wrappers recorded beside it
// (callMarks.RESPONSE). A chat completion gets its messages back; a stream becomes an async
// iterable of chunks rebuilt around the recorded answer (with the `.stream()` helpers' final*()
// methods when the recording was one); a recorded error becomes an Error with the same name and
// message. With an edited output (a fork), the edit takes the recorded answer's place.
import { RESPONSE, RETURNED } from './callMarks.ts';
import type { RecordedSpan } from './replayRecording.ts';

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function rebuildError(span: RecordedSpan): Error {
  const recorded = span.error ?? { message: 'the recorded call failed' };
  const error = new Error(recorded.message) as Error & Obj;
  if (recorded.type) error.name = recorded.type;
  const status = span.attributes['http.status_code'];
  if (typeof status === 'number') error.status = status;
  const code = span.attributes['error.code'];
  if (typeof code === 'string') error.code = code;
  error.replayed = true;
  return error;
}

/** An edited LLM output as a message: a bare string is the assistant's text. */
function asMessage(output: unknown): unknown {
  return typeof output === 'string' ? { role: 'assistant', content: output, refusal: null } : output;
}

function toolCallsOf(message: unknown): Obj[] {
  return isObj(message) && Array.isArray(message.tool_calls) ? message.tool_calls.filter(isObj) : [];
}

function finishReason(message: unknown): string {
  return toolCallsOf(message).length > 0 ? 'tool_calls' : 'stop';
}

function usageOf(span: RecordedSpan): Obj | undefined {
  if (span.promptTokens === null && span.completionTokens === null) return undefined;
  const prompt = span.promptTokens ?? 0;
  const completion = span.completionTokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: span.totalTokens ?? prompt + completion,
  };
}

/** A chat completion around a message, for recordings that kept no response shell. */
function completionAround(span: RecordedSpan, message: unknown, shell: Obj = {}): Obj {
  return {
    id: `chatcmpl-replay-${span.spanId}`,
    created: Math.floor(span.startTime / 1000),
    model: span.model ?? undefined,
    ...shell,
    object: 'chat.completion',
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(message) }],
    ...(shell.usage || !usageOf(span) ? {} : { usage: usageOf(span) }),
  };
}

function chatCompletion(envelope: Obj, output: unknown, edited: boolean): Obj {
  const messages = Array.isArray(output) && envelope.choices.length > 1 ? output : [output];
  const choices = envelope.choices.map((choice: unknown, i: number) => {
    if (!isObj(choice) || messages[i] === undefined || 'text' in choice) return choice;
    return {
      ...choice,
      message: messages[i],
      ...(edited && i === 0 ? { finish_reason: finishReason(messages[i]) } : {}),
    };
  });
  return { ...envelope, choices };
}

/** The responses API's output items for an edited message. */
function responseItems(message: unknown): Obj[] {
  const items: Obj[] = [];
  const content = isObj(message) ? message.content : undefined;
  if (typeof content === 'string' && content) {
    items.push({
      type: 'message',
      id: 'msg_replay',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: content, annotations: [] }],
    });
  }
  for (const call of toolCallsOf(message)) {
    items.push({
      type: 'function_call',
      id: `fc_${call.id}`,
      call_id: call.id,
      name: call.function?.name,
      arguments: call.function?.arguments,
      status: 'completed',
    });
  }
  return items;
}

function editedResponse(response: Obj, message: unknown): Obj {
  const content = isObj(message) && typeof message.content === 'string' ? message.content : '';
  return { ...response, output: responseItems(message), output_text: content };
}

function chatChunks(envelope: Obj, message: unknown): Obj[] {
  const shell: Obj = {
    ...(isObj(envelope.chunk) ? envelope.chunk : {}),
    ...(envelope.usageChunk ? { usage: null } : {}),
  };
  const chunk = (delta: Obj, finish: string | null = null) => ({
    ...shell,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const content = isObj(message) && typeof message.content === 'string' ? message.content : '';
  const calls = toolCallsOf(message);
  const chunks: Obj[] = [chunk({ role: 'assistant', content: calls.length > 0 && !content ? null : '' })];
  if (content) chunks.push(chunk({ content }));
  calls.forEach((call, index) => {
    chunks.push(
      chunk({
        tool_calls: [
          {
            index,
            id: call.id,
            type: 'function',
            function: { name: call.function?.name ?? '', arguments: call.function?.arguments ?? '' },
          },
        ],
      }),
    );
  });
  chunks.push(
    chunk({}, typeof envelope.finish_reason === 'string' ? envelope.finish_reason : finishReason(message)),
  );
  if (envelope.usageChunk && isObj(envelope.usage))
    chunks.push({ ...shell, choices: [], usage: envelope.usage });
  return chunks;
}

function responseEvents(response: Obj): Obj[] {
  const text = typeof response.output_text === 'string' ? response.output_text : responseText(response);
  const events: Obj[] = [
    { type: 'response.created', response: { ...response, status: 'in_progress', output: [] } },
  ];
  if (text)
    events.push({ type: 'response.output_text.delta', output_index: 0, content_index: 0, delta: text });
  events.push({ type: 'response.completed', response });
  return events.map((event, i) => ({ ...event, sequence_number: i }));
}

function responseText(response: Obj): string {
  let text = '';
  for (const item of Array.isArray(response.output) ? response.output : []) {
    if (isObj(item) && item.type === 'message' && Array.isArray(item.content)) {
      for (const part of item.content) if (isObj(part) && typeof part.text === 'string') text += part.text;
    }
  }
  return text;
}

/**
 * A recorded stream, played back: async-iterable like openai's Stream (with an AbortController),
 * and, when the recording was one of the `.stream()` helpers, their events and final*() methods.
 */
export class ReplayedStream implements AsyncIterable<unknown> {
  readonly controller = new AbortController();
  private readonly chunks: unknown[];
  private readonly final: { completion?: Obj; message?: unknown; response?: Obj };
  private listeners = new Map<string, Array<(...args: unknown[]) => void>>();
  private running: Promise<void> | null = null;

  constructor(
    chunks: unknown[],
    final: { completion?: Obj; message?: unknown; response?: Obj },
    selfRunning: boolean,
  ) {
    this.chunks = chunks;
    this.final = final;
    // openai's .stream() helpers read themselves from the start; so does their replay.
    if (selfRunning) this.running = Promise.resolve().then(() => this.emitAll());
  }

  async *[Symbol.asyncIterator](): AsyncIterator<unknown> {
    for (const chunk of this.chunks) {
      if (this.controller.signal.aborted) return;
      yield chunk;
    }
  }

  on(event: string, listener: (...args: unknown[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  private emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }

  private emitAll(): void {
    this.emit('connect');
    let snapshot = '';
    for (const chunk of this.chunks) {
      this.emit('chunk', chunk);
      this.emit('event', chunk);
      const c = chunk as Obj;
      const delta =
        c?.choices?.[0]?.delta?.content ?? (c?.type === 'response.output_text.delta' ? c.delta : undefined);
      if (typeof delta === 'string' && delta) {
        snapshot += delta;
        this.emit('content', delta, snapshot);
      }
    }
    if (this.final.completion) this.emit('finalChatCompletion', this.final.completion);
    if (this.final.message !== undefined) this.emit('message', this.final.message);
    this.emit('end');
  }

  async done(): Promise<void> {
    this.running ??= Promise.resolve().then(() => this.emitAll());
    await this.running;
  }

  async finalChatCompletion(): Promise<unknown> {
    await this.done();
    return this.final.completion;
  }

  async finalMessage(): Promise<unknown> {
    await this.done();
    return this.final.message;
  }

  async finalContent(): Promise<unknown> {
    await this.done();
    const message = this.final.message;
    return isObj(message) ? (message.content ?? null) : null;
  }

  async finalResponse(): Promise<unknown> {
    await this.done();
    return this.final.response;
  }
}

function rebuildStream(span: RecordedSpan, envelope: Obj, message: unknown, edited: boolean): ReplayedStream {
  const runner = envelope.runner === true;
  if (envelope.stream === 'responses' && isObj(envelope.response)) {
    const response = edited ? editedResponse(envelope.response, message) : envelope.response;
    return new ReplayedStream(responseEvents(response), { response }, runner);
  }
  const shell = isObj(envelope.chunk) ? { ...envelope.chunk } : {};
  const completion = completionAround(span, message, {
    ...shell,
    ...(isObj(envelope.usage) ? { usage: envelope.usage } : {}),
  });
  return new ReplayedStream(chatChunks(envelope, message), { completion, message }, runner);
}

/** What wrapOpenAI's (or a traced llm step's) call returned, rebuilt; `edit` replaces the recorded answer. */
export function rebuildLlmResult(span: RecordedSpan, edit?: { output: unknown }): unknown {
  const edited = edit !== undefined;
  const output = edited ? asMessage(edit.output) : span.output;
  const envelope = span.attributes[RESPONSE];
  if (isObj(envelope)) {
    if (envelope.stream === 'chat' || envelope.stream === 'responses')
      return rebuildStream(span, envelope, output, edited);
    if (Array.isArray(envelope.choices)) return chatCompletion(envelope, output, edited);
    if (envelope.object === 'response' || Array.isArray(envelope.output))
      return edited ? editedResponse(envelope, output) : envelope;
    if (!edited) return envelope;
  }
  if (isObj(output) && Array.isArray(output.choices)) return output;
  if (isObj(output) && typeof output.role === 'string') return completionAround(span, output);
  return output;
}

/** What a tool call (or a traced step) returned: its output, or what setOutput() hid. */
export function rebuildToolResult(span: RecordedSpan, edit?: { output: unknown }): unknown {
  if (edit) return edit.output;
  return RETURNED in span.attributes ? span.attributes[RETURNED] : span.output;
}
