// LangChain and LangGraph, whichever tracer carries them (OpenInference, Langfuse's callback
// handler, LangSmith): their payloads hold LangChain's serialisation of messages and documents,
// `{"lc":1,"type":"constructor","id":[…,"HumanMessage"],"kwargs":{…}}`, in inputs, outputs, tool
// results and graph state. This module turns those into chat messages and plain documents
// wherever they sit, and reads the `ls_provider` / `ls_model_name` metadata LangChain adds to
// every model run.
import { toolCall, type ChatMessage } from './messages.ts';
import { json, str, type SpanView } from './view.ts';
import { vote, type Votes } from './votes.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Objects visited per payload; a pathological payload is left partly raw rather than walked for long. */
const MAX_NODES = 20_000;
const MAX_DEPTH = 40;

const ROLES: Record<string, string> = {
  SystemMessage: 'system',
  HumanMessage: 'user',
  AIMessage: 'assistant',
  ToolMessage: 'tool',
  FunctionMessage: 'function',
  RemoveMessage: 'remove',
};

/** `HumanMessageChunk` reads as `HumanMessage`. */
const classOf = (id: unknown[]): string => String(id[id.length - 1] ?? '').replace(/Chunk$/, '');

function isSerialized(value: Obj): boolean {
  return value.lc === 1 && value.type === 'constructor' && Array.isArray(value.id) && isObject(value.kwargs);
}

/** LangChain content: a string or parts (`{type:'text', text}`, images…); text parts are joined. */
function contentOf(raw: unknown): unknown {
  if (!Array.isArray(raw)) return raw ?? null;
  const allText = raw.every((p) => typeof p === 'string' || (isObject(p) && p.type === 'text'));
  if (!allText) return raw;
  return raw.map((p) => (typeof p === 'string' ? p : String((p as Obj).text ?? ''))).join('');
}

function messageOf(className: string, kwargs: Obj): ChatMessage {
  const role = className === 'ChatMessage' ? String(kwargs.role ?? 'user') : (ROLES[className] ?? 'user');
  const msg: ChatMessage = { role, content: contentOf(kwargs.content) };
  if (typeof kwargs.name === 'string' && kwargs.name !== '') msg.name = kwargs.name;
  if (typeof kwargs.tool_call_id === 'string') msg.tool_call_id = kwargs.tool_call_id;
  const calls = Array.isArray(kwargs.tool_calls) ? kwargs.tool_calls.filter(isObject) : [];
  if (calls.length > 0) msg.tool_calls = calls.map((c) => toolCall(c.id, c.name, c.args));
  else {
    // Older messages keep OpenAI's raw tool calls in additional_kwargs only.
    const extra = isObject(kwargs.additional_kwargs) ? kwargs.additional_kwargs : {};
    const raw = Array.isArray(extra.tool_calls) ? extra.tool_calls.filter(isObject) : [];
    if (raw.length > 0)
      msg.tool_calls = raw.map((c) => {
        const fn = isObject(c.function) ? c.function : {};
        return toolCall(c.id, fn.name, fn.arguments);
      });
  }
  const meta = isObject(kwargs.response_metadata) ? kwargs.response_metadata : {};
  const finish = meta.finish_reason ?? meta.stop_reason;
  if (typeof finish === 'string') msg.finish_reason = finish;
  return msg;
}

class Decoder {
  nodes = 0;

  decode(value: unknown, depth: number): unknown {
    if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || ++this.nodes > MAX_NODES)
      return value;
    if (Array.isArray(value)) {
      let changed = false;
      const out = value.map((item) => {
        const next = this.decode(item, depth + 1);
        if (next !== item) changed = true;
        return next;
      });
      return changed ? out : value;
    }
    const obj = value as Obj;
    if (isSerialized(obj)) {
      const className = classOf(obj.id as unknown[]);
      const kwargs = this.decode(obj.kwargs, depth + 1) as Obj;
      if (className in ROLES || className === 'ChatMessage') return messageOf(className, kwargs);
      if (className === 'Document') {
        const doc: Obj = { pageContent: kwargs.page_content ?? kwargs.pageContent ?? null };
        if (kwargs.metadata !== undefined) doc.metadata = kwargs.metadata;
        if (kwargs.id !== undefined) doc.id = kwargs.id;
        return doc;
      }
      // Prompt values, commands and other serialisable classes: their arguments are the content.
      return kwargs;
    }
    let changed = false;
    const out: Obj = {};
    for (const [key, item] of Object.entries(obj)) {
      const next = this.decode(item, depth + 1);
      if (next !== item) changed = true;
      out[key] = next;
    }
    return changed ? out : value;
  }
}

const isChatMessage = (v: unknown): boolean => isObject(v) && typeof v.role === 'string' && 'content' in v;

/** A list of chat messages, or a batch holding exactly one such list; undefined otherwise. */
function conversation(list: unknown): unknown[] | undefined {
  if (!Array.isArray(list)) return undefined;
  if (list.length > 0 && list.every(isChatMessage)) return list;
  if (list.length === 1 && Array.isArray(list[0]) && list[0].every(isChatMessage)) return list[0];
  return undefined;
}

/**
 * A payload with LangChain's serialisation decoded; the same value when it has none. State whose
 * only field is `messages` (a chat model's input, LangGraph's MessagesAnnotation) becomes the list.
 */
export function decodeLangChain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const decoded = new Decoder().decode(value, 0);
  if (decoded === value) return value;
  // A batch of one conversation (`[[msg, msg]]`, a chat model's run input) reads as that conversation.
  if (Array.isArray(decoded)) return conversation(decoded) ?? decoded;
  if (isObject(decoded)) {
    const keys = Object.keys(decoded);
    const messages = keys.length === 1 ? conversation(decoded.messages) : undefined;
    if (messages) return messages;
    // A tool run's output (`{output: ToolMessage}`) is the tool result itself.
    if (keys.length === 1 && isChatMessage(decoded.output)) return decoded.output;
  }
  return decoded;
}

/** LangChain's run metadata: provider and model of chat model runs (`ls_provider`, `ls_model_name`). */
export function langchain(view: SpanView, votes: Votes): void {
  const metadata = json(view.attributes, 'metadata');
  if (!isObject(metadata)) return;
  vote(votes, 'provider', 7, str(metadata, 'ls_provider')?.toLowerCase());
  vote(votes, 'model', 9, str(metadata, 'ls_model_name'));
  vote(votes, 'requestModel', 9, str(metadata, 'ls_model_name'));
}
