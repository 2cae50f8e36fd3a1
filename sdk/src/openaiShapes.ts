// Reads what a span needs (model, output, token usage) from the real OpenAI response shapes:
// chat completions, the responses API, embeddings and legacy completions. Anything else is
// kept as the output as it is.

export interface LlmFacts {
  model?: string;
  output?: unknown;
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  /** Part of promptTokens served from the provider's prompt cache. */
  cacheReadTokens?: number;
  /** Part of promptTokens written to the prompt cache (Anthropic). */
  cacheWriteTokens?: number;
  finishReason?: string;
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** chat usage {prompt_tokens, completion_tokens}; responses usage {input_tokens, output_tokens}. */
export function usageFacts(
  usage: unknown,
): Pick<LlmFacts, 'promptTokens' | 'completionTokens' | 'totalTokens' | 'cacheReadTokens'> {
  if (!isObj(usage)) return {};
  const details = isObj(usage.prompt_tokens_details)
    ? usage.prompt_tokens_details
    : usage.input_tokens_details;
  const cached = isObj(details) ? count(details.cached_tokens) : undefined;
  const prompt = count(usage.prompt_tokens) ?? count(usage.input_tokens) ?? count(usage.promptTokens);
  const completion =
    count(usage.completion_tokens) ?? count(usage.output_tokens) ?? count(usage.completionTokens);
  const total =
    count(usage.total_tokens) ??
    count(usage.totalTokens) ??
    (prompt !== undefined && completion !== undefined ? prompt + completion : prompt);
  return {
    promptTokens: prompt,
    completionTokens: completion,
    totalTokens: total,
    ...(cached ? { cacheReadTokens: cached } : {}),
  };
}

/** The responses API's output items, as one assistant message (text plus function calls). */
export function responsesOutput(output: unknown): {
  role: 'assistant';
  content: string | null;
  tool_calls?: unknown[];
} {
  let text = '';
  const calls: unknown[] = [];
  for (const item of Array.isArray(output) ? output : []) {
    if (!isObj(item)) continue;
    if (item.type === 'message' && Array.isArray(item.content)) {
      for (const part of item.content) if (isObj(part) && typeof part.text === 'string') text += part.text;
    } else if (item.type === 'function_call') {
      calls.push({
        id: item.call_id,
        type: 'function',
        function: { name: item.name, arguments: item.arguments },
      });
    }
  }
  return { role: 'assistant', content: text || null, ...(calls.length > 0 ? { tool_calls: calls } : {}) };
}

function chatFacts(result: Obj, choices: unknown[]): LlmFacts {
  const messages = choices.map((choice) => (isObj(choice) ? (choice.message ?? choice.text) : choice));
  const first = choices[0];
  return {
    model: typeof result.model === 'string' ? result.model : undefined,
    output: messages.length === 1 ? messages[0] : messages,
    finishReason: isObj(first) && typeof first.finish_reason === 'string' ? first.finish_reason : undefined,
    ...usageFacts(result.usage),
  };
}

export function llmFacts(result: unknown): LlmFacts {
  if (!isObj(result)) return { output: result };
  const model = typeof result.model === 'string' ? result.model : undefined;
  if (Array.isArray(result.choices)) return chatFacts(result, result.choices);
  if (result.object === 'response' || (Array.isArray(result.output) && isObj(result.usage))) {
    return { model, output: responsesOutput(result.output), ...usageFacts(result.usage) };
  }
  if (
    result.object === 'list' &&
    Array.isArray(result.data) &&
    isObj(result.data[0]) &&
    result.data[0].object === 'embedding'
  ) {
    const vector = result.data[0].embedding;
    const dimensions =
      Array.isArray(vector) || ArrayBuffer.isView(vector) ? (vector as { length: number }).length : undefined;
    return { model, output: { embeddings: result.data.length, dimensions }, ...usageFacts(result.usage) };
  }
  return { model, output: result, ...usageFacts(result.usage) };
}

/** Extra facts an OpenAI APIError carries (status, code, request id). */
export function errorAttributes(error: unknown): Record<string, unknown> | undefined {
  if (!isObj(error)) return undefined;
  const out: Record<string, unknown> = {};
  if (typeof error.status === 'number') out['http.status_code'] = error.status;
  if (typeof error.code === 'string') out['error.code'] = error.code;
  if (typeof error.type === 'string') out['error.kind'] = error.type;
  if (typeof error.requestID === 'string') out['openai.request_id'] = error.requestID;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * What replay needs besides the span's output to hand the agent back the object the call
 * returned: a chat completion without its messages (they are the output already), and the whole
 * object for the shapes whose output is a summary (responses API, embeddings). Unknown shapes are
 * recorded whole as the output, so they need nothing here.
 */
export function responseEnvelope(result: unknown): Record<string, unknown> | undefined {
  if (!isObj(result)) return undefined;
  if (Array.isArray(result.choices)) {
    const choices = result.choices.map((choice) => {
      if (!isObj(choice) || !('message' in choice)) return choice;
      const { message: _message, ...rest } = choice;
      return rest;
    });
    return { ...result, choices };
  }
  if (result.object === 'response' || (Array.isArray(result.output) && isObj(result.usage))) return result;
  if (result.object === 'list' && Array.isArray(result.data)) return result;
  return undefined;
}
