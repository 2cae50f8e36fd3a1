// Payload attributes stored once. OTLP conventions carry a span's messages in attributes
// (`gen_ai.input.messages`, `input.value`, …) that the mapping also stores as the span's input or
// output, so the same text was stored twice (2.08× the payload bytes on disk, issue 17). An
// attribute whose exact text can be rebuilt from the stored input or output is left out, and a
// marker names it and how to rebuild it; reading the span rebuilds it (store: spyglass_attributes,
// db.ts), so the raw attribute view shows each value as it arrived, character for character
// (rebuilt keys come last). Attributes that cannot be rebuilt exactly (a message shape the inverse
// does not cover, JSON with other spacing) stay as they are.

/** The marker: the first key of the stored attributes, `{ attribute: "input:json" | … }`. */
export const STORED_ONCE_KEY = 'spyglass.payload_attributes';
/** How stored attributes JSON with the marker begins (SQL checks it before calling into JS). */
export const STORED_ONCE_PREFIX = `{${JSON.stringify(STORED_ONCE_KEY)}:`;
/** Shorter attributes are not worth a marker. */
const MIN_CHARS = 128;

type Side = 'input' | 'output';
/** How an attribute's text follows from the payload: as JSON, as the string itself, as GenAI messages. */
type Form = 'json' | 'text' | 'genai';
/**
 * The forms and sides to try, likeliest first by the attribute's name: each try of a JSON form
 * serialises a whole payload (2-20 KB), and trying them in a fixed order serialised four for a
 * typical GenAI span instead of two (13% of the OTLP decoder thread's time, bench/otlp.bench.ts).
 * Any exact match is a right answer, so the order changes only the cost.
 */
const formsFor = (key: string): readonly Form[] =>
  key.startsWith('gen_ai.') ? ['text', 'genai', 'json'] : ['text', 'json', 'genai'];
const sidesFor = (key: string): readonly Side[] =>
  /output|completion|response/.test(key) ? ['output', 'input'] : ['input', 'output'];

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A stored tool call (conventions/messages.ts toolCall) as the GenAI part it was read from. */
function genAiToolCall(call: unknown): Record<string, unknown> | undefined {
  if (!isObject(call) || call.type !== 'function' || !isObject(call.function)) return undefined;
  for (const key of Object.keys(call))
    if (key !== 'id' && key !== 'type' && key !== 'function') return undefined;
  const { name, arguments: args } = call.function;
  if (typeof name !== 'string') return undefined;
  return { type: 'tool_call', ...(call.id !== undefined ? { id: call.id } : {}), name, arguments: args };
}

const MESSAGE_KEYS = new Set(['role', 'content', 'name', 'finish_reason', 'tool_call_id', 'tool_calls']);

/**
 * GenAI semconv messages (`{role, parts, name?, finish_reason?}`) for messages that
 * conventions/messages.ts fromGenAiMessage reads back to these exactly: text, a tool's result
 * (`tool_call_response` with a text response), tool calls. Undefined for anything else. A message
 * this renders differently from how it arrived (other key order, arguments sent as a JSON string)
 * simply does not match, and its attribute is kept as it came.
 */
function genAiMessages(payload: unknown): unknown[] | undefined {
  if (!Array.isArray(payload)) return undefined;
  const out: unknown[] = [];
  for (const m of payload) {
    if (!isObject(m) || typeof m.role !== 'string') return undefined;
    for (const key of Object.keys(m)) if (!MESSAGE_KEYS.has(key)) return undefined;
    if (m.content !== null && typeof m.content !== 'string') return undefined;
    let parts: unknown[];
    if (m.tool_call_id !== undefined) {
      if (typeof m.content !== 'string' || m.tool_calls !== undefined) return undefined;
      parts = [{ type: 'tool_call_response', id: m.tool_call_id, response: m.content }];
    } else {
      parts = m.content === null ? [] : [{ type: 'text', content: m.content }];
      if (m.tool_calls !== undefined) {
        if (!Array.isArray(m.tool_calls)) return undefined;
        for (const call of m.tool_calls) {
          const part = genAiToolCall(call);
          if (!part) return undefined;
          parts.push(part);
        }
      }
    }
    out.push({
      role: m.role,
      parts,
      ...(m.name !== undefined ? { name: m.name } : {}),
      ...(m.finish_reason !== undefined ? { finish_reason: m.finish_reason } : {}),
    });
  }
  return out;
}

function render(payload: unknown, form: Form): string | undefined {
  if (form === 'text') return typeof payload === 'string' ? payload : undefined;
  if (form === 'json') return JSON.stringify(payload);
  const messages = genAiMessages(payload);
  return messages && JSON.stringify(messages);
}

/**
 * `attributes` without the ones whose text the span's input or output rebuilds exactly, with the
 * marker first; the same object when none does.
 */
export function storeOnce(
  attributes: Record<string, unknown>,
  payloads: { input?: unknown; output?: unknown },
): Record<string, unknown> {
  const rendered = new Map<string, string | undefined>();
  const text = (side: Side, form: Form) => {
    const key = `${side}:${form}`;
    if (!rendered.has(key)) rendered.set(key, render(payloads[side], form));
    return rendered.get(key);
  };
  const marker: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value !== 'string' || value.length < MIN_CHARS || key === STORED_ONCE_KEY) continue;
    found: for (const side of sidesFor(key)) {
      if (payloads[side] === undefined) continue;
      for (const form of formsFor(key))
        if (text(side, form) === value) {
          marker[key] = `${side}:${form}`;
          break found;
        }
    }
  }
  if (Object.keys(marker).length === 0) return attributes;
  const stored: Record<string, unknown> = { [STORED_ONCE_KEY]: marker };
  for (const [key, value] of Object.entries(attributes)) if (!Object.hasOwn(marker, key)) stored[key] = value;
  return stored;
}

/** Whether stored attributes JSON carries the marker (it is always the first key). */
export function hasStoredOnce(attributesJson: string | null): boolean {
  return attributesJson?.startsWith(STORED_ONCE_PREFIX) ?? false;
}

/** The attributes as they arrived: the marked ones rebuilt from the payloads, the marker gone. */
export function rebuildAttributes(
  attributes: Record<string, unknown>,
  payloads: { input?: unknown; output?: unknown },
): Record<string, unknown> {
  const marker = attributes[STORED_ONCE_KEY];
  if (!isObject(marker)) return attributes;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) if (key !== STORED_ONCE_KEY) out[key] = value;
  for (const [key, how] of Object.entries(marker)) {
    const [side, form] = String(how).split(':') as [Side, Form];
    const value = payloads[side] === undefined ? undefined : render(payloads[side], form);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** rebuildAttributes over stored JSON texts (what the store's spyglass_attributes SQL function runs). */
export function rebuildAttributesJson(
  attributesJson: string,
  inputJson: string | null,
  outputJson: string | null,
): string {
  if (!hasStoredOnce(attributesJson)) return attributesJson;
  return JSON.stringify(
    rebuildAttributes(JSON.parse(attributesJson) as Record<string, unknown>, {
      ...(inputJson !== null ? { input: JSON.parse(inputJson) as unknown } : {}),
      ...(outputJson !== null ? { output: JSON.parse(outputJson) as unknown } : {}),
    }),
  );
}
