// Reads what a span needs from Anthropic's Messages API shapes: a Message (content blocks: text,
// tool_use, thinking), and the streamed events that build one. Anthropic counts prompt-cache
// reads and writes apart from `input_tokens`; the span's prompt tokens are all three together,
// with the cached parts named, so the collector prices each at its own rate.
import type { LlmFacts } from './openaiShapes.ts';

type Obj = Record<string, any>;

export type AnthropicFacts = LlmFacts;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function isAnthropicMessage(value: unknown): value is Obj {
  return isObj(value) && value.type === 'message' && Array.isArray(value.content);
}

export function anthropicUsage(usage: unknown): Omit<AnthropicFacts, 'model' | 'output' | 'finishReason'> {
  if (!isObj(usage)) return {};
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  const cacheRead = count(usage.cache_read_input_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  const prompt = input === undefined ? undefined : input + (cacheRead ?? 0) + (cacheWrite ?? 0);
  return {
    promptTokens: prompt,
    completionTokens: output,
    totalTokens: prompt !== undefined && output !== undefined ? prompt + output : undefined,
    ...(cacheRead ? { cacheReadTokens: cacheRead } : {}),
    ...(cacheWrite ? { cacheWriteTokens: cacheWrite } : {}),
  };
}

/** A Message as the span's output: the assistant turn (its content blocks), usage apart. */
export function anthropicFacts(message: Obj): AnthropicFacts {
  return {
    model: typeof message.model === 'string' ? message.model : undefined,
    output: { role: 'assistant', content: message.content },
    finishReason: typeof message.stop_reason === 'string' ? message.stop_reason : undefined,
    ...anthropicUsage(message.usage),
  };
}

/** Rebuilds a streamed Message from its events (message_start, content_block_*, message_delta). */
export class AnthropicStreamAssembler {
  chunks = 0;
  private message: Obj | null = null;
  private blocks: Obj[] = [];
  private partialJson: string[] = [];
  private usage: Obj = {};

  /** Adds one event; true when it carried the first piece of the answer (for time to first token). */
  add(event: unknown): boolean {
    this.chunks++;
    if (!isObj(event)) return false;
    switch (event.type) {
      case 'message_start':
        this.message = isObj(event.message) ? { ...event.message } : {};
        Object.assign(this.usage, this.message.usage);
        return false;
      case 'content_block_start':
        if (typeof event.index === 'number' && isObj(event.content_block))
          this.blocks[event.index] = { ...event.content_block };
        return false;
      case 'content_block_delta':
        return this.addDelta(event.index, event.delta);
      case 'content_block_stop':
        this.finishBlock(event.index);
        return false;
      case 'message_delta':
        if (this.message && isObj(event.delta)) Object.assign(this.message, event.delta);
        if (isObj(event.usage)) {
          for (const [key, value] of Object.entries(event.usage)) if (value !== null) this.usage[key] = value;
        }
        return false;
      default:
        return false;
    }
  }

  private addDelta(index: unknown, delta: unknown): boolean {
    if (typeof index !== 'number' || !isObj(delta)) return false;
    this.blocks[index] ??= { type: 'text', text: '' };
    const block = this.blocks[index];
    if (delta.type === 'text_delta' && typeof delta.text === 'string') {
      block.text = `${block.text ?? ''}${delta.text}`;
      return true;
    }
    if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') {
      block.thinking = `${block.thinking ?? ''}${delta.thinking}`;
      return true;
    }
    if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string') {
      this.partialJson[index] = `${this.partialJson[index] ?? ''}${delta.partial_json}`;
      return true;
    }
    return false;
  }

  private finishBlock(index: unknown): void {
    if (typeof index !== 'number') return;
    const json = this.partialJson[index];
    const block = this.blocks[index];
    if (json === undefined || !block) return;
    try {
      block.input = JSON.parse(json);
    } catch {
      block.input = json;
    }
  }

  private assembled(): Obj {
    return { ...this.message, content: this.blocks.filter(Boolean), usage: this.usage };
  }

  result(): AnthropicFacts & { output: unknown } {
    const facts = anthropicFacts(this.assembled());
    return { ...facts, output: facts.output };
  }

  /** The assembled Message without its content (the output holds that), for the span's attributes. */
  envelope(): Record<string, unknown> {
    const { content: _content, ...rest } = this.assembled();
    return { stream: 'anthropic', message: rest };
  }
}
