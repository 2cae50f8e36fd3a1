// The parameters of an LLM request, read from the body an instrumented client was called with
// (OpenAI chat completions, the responses API, embeddings; Anthropic messages), as span
// attributes under the OpenTelemetry GenAI names, so a run's settings are visible and comparable
// step by step without opening the whole request.

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A tool's name in any vendor's spelling: chat `{ function: { name } }`, flat `{ name }`, built-ins by `type`. */
function toolName(tool: unknown): string | undefined {
  if (!isObj(tool)) return undefined;
  const fn = isObj(tool.function) ? tool.function : tool;
  if (typeof fn.name === 'string') return fn.name;
  return typeof tool.type === 'string' ? tool.type : undefined;
}

function maxTokens(body: Obj): unknown {
  return body.max_completion_tokens ?? body.max_output_tokens ?? body.max_tokens;
}

/** The response format asked for: chat `response_format`, responses `text.format`, or Anthropic `output_format`. */
function responseFormat(body: Obj): unknown {
  if (body.response_format !== undefined) return body.response_format;
  if (isObj(body.text) && body.text.format !== undefined) return body.text.format;
  return body.output_format;
}

export function requestAttributes(body: unknown): Record<string, unknown> {
  if (!isObj(body)) return {};
  const out: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) out[key] = value;
  };
  set('gen_ai.request.model', body.model);
  set('gen_ai.request.temperature', body.temperature);
  set('gen_ai.request.top_p', body.top_p);
  set('gen_ai.request.max_tokens', maxTokens(body));
  set('gen_ai.request.stop_sequences', body.stop ?? body.stop_sequences);
  set('gen_ai.request.seed', body.seed);
  set('gen_ai.request.tool_choice', body.tool_choice);
  set('gen_ai.request.response_format', responseFormat(body));
  set('gen_ai.request.reasoning', body.reasoning ?? body.reasoning_effort ?? body.thinking);
  set('gen_ai.request.stream', body.stream === true ? true : undefined);
  if (Array.isArray(body.tools)) set('gen_ai.request.tools', body.tools.map(toolName).filter(Boolean));
  return out;
}

/** The model a request asked for; a failed call keeps it as its name. */
export function requestedModel(body: unknown): string | undefined {
  return isObj(body) && typeof body.model === 'string' && body.model ? body.model : undefined;
}
