// Assembles a streamed chat completion (OpenAI's chunk objects) into the final assistant message,
// usage and finish reason, and turns each chunk into the playground's delta events. Pure.
import type { ChatMessage, ChatToolCall, ReplayEvent, ReplayUsage } from '../../shared/replay.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const count = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;

export class ChatStream {
  text = '';
  refusal = '';
  toolCalls: ChatToolCall[] = [];
  finishReason: string | null = null;
  usage: ReplayUsage | null = null;
  /** The model that answered (may be more specific than the one asked for). */
  model: string | null = null;
  /** True once any text or tool call arrived: the moment of the first token. */
  started = false;

  /** Folds one chunk in; returns the events to send the client. */
  add(chunk: unknown): ReplayEvent[] {
    const c = obj(chunk);
    if (typeof c.model === 'string' && c.model !== '') this.model = c.model;
    this.addUsage(c.usage);
    const events: ReplayEvent[] = [];
    const choices = Array.isArray(c.choices) ? c.choices : [];
    // Only the first choice is shown and recorded (n > 1 is not a playground use).
    const choice = obj(choices.find((ch) => obj(ch).index === 0 || obj(ch).index === undefined));
    const delta = obj(choice.delta ?? choice.message);
    if (typeof choice.finish_reason === 'string') this.finishReason = choice.finish_reason;
    if (typeof delta.content === 'string' && delta.content !== '') {
      this.text += delta.content;
      this.started = true;
      events.push({ type: 'delta', text: delta.content });
    }
    if (typeof delta.refusal === 'string') this.refusal += delta.refusal;
    const calls = Array.isArray(delta.tool_calls) ? delta.tool_calls : [];
    calls.forEach((raw, position) => {
      const call = obj(raw);
      const fn = obj(call.function);
      const index = typeof call.index === 'number' ? call.index : position;
      this.toolCalls[index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } };
      const slot = this.toolCalls[index];
      const event: Extract<ReplayEvent, { type: 'tool_call' }> = { type: 'tool_call', index, arguments: '' };
      if (typeof call.id === 'string') slot.id = event.id = call.id;
      if (typeof fn.name === 'string') {
        slot.function.name += fn.name;
        event.name = fn.name;
      }
      if (typeof fn.arguments === 'string') {
        slot.function.arguments += fn.arguments;
        event.arguments = fn.arguments;
      }
      this.started = true;
      events.push(event);
    });
    return events;
  }

  private addUsage(raw: unknown): void {
    const u = obj(raw);
    const prompt = count(u.prompt_tokens);
    const completion = count(u.completion_tokens);
    if (prompt === null && completion === null) return;
    this.usage = {
      promptTokens: prompt ?? 0,
      completionTokens: completion ?? 0,
      totalTokens: count(u.total_tokens) ?? (prompt ?? 0) + (completion ?? 0),
    };
  }

  /** The assistant message as the chat API would have returned it without streaming. */
  message(): ChatMessage {
    const message: ChatMessage = {
      role: 'assistant',
      content: this.text === '' && this.toolCalls.length ? null : this.text,
    };
    if (this.refusal) message.refusal = this.refusal;
    const calls = this.toolCalls.filter(Boolean);
    if (calls.length) message.tool_calls = calls;
    return message;
  }
}
