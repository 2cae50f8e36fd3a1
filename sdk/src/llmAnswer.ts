// What an LLM call answered, whichever vendor's client made it: an OpenAI response (chat,
// responses API, embeddings) or an Anthropic Message, possibly inside `.withResponse()`'s
// `{ data, response }`, and streams whose vendor is known from their first event.
import { AnthropicStreamAssembler, anthropicFacts, isAnthropicMessage } from './anthropicShapes.ts';
import { llmFacts } from './openaiShapes.ts';
import type { LlmFacts } from './openaiShapes.ts';
import { StreamAssembler } from './streamAssembler.ts';
import type { ChunkAssembler } from './wrappers.ts';

const ANTHROPIC_EVENTS = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
]);

/** `.withResponse()` resolves to `{ data, response, request_id }`: the answer is `data`. */
export function answerOf(result: unknown): unknown {
  if (typeof result !== 'object' || result === null) return result;
  const r = result as { data?: unknown; response?: { headers?: unknown } };
  const raw = r.response;
  return 'data' in r && typeof raw === 'object' && raw !== null && typeof raw.headers === 'object'
    ? r.data
    : result;
}

export function answerFacts(result: unknown): LlmFacts {
  const answer = answerOf(result);
  return isAnthropicMessage(answer) ? anthropicFacts(answer) : llmFacts(answer);
}

/** Picks the vendor's assembler from the first event: Anthropic's are named message_start etc. */
export class AutoAssembler implements ChunkAssembler {
  private inner: ChunkAssembler | null = null;

  get chunks(): number {
    return this.inner?.chunks ?? 0;
  }

  add(chunk: unknown): boolean {
    if (!this.inner) {
      const type = (chunk as { type?: unknown } | null)?.type;
      this.inner =
        typeof type === 'string' && ANTHROPIC_EVENTS.has(type)
          ? new AnthropicStreamAssembler()
          : new StreamAssembler();
    }
    return this.inner.add(chunk);
  }

  result(): LlmFacts & { output: unknown } {
    return (this.inner ?? new StreamAssembler()).result();
  }

  envelope(): Record<string, unknown> {
    return (this.inner ?? new StreamAssembler()).envelope();
  }
}
