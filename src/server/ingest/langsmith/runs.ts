// LangSmith runs → the span model. A run tree (`traceable`, `wrapOpenAI`, LangChain's tracer)
// arrives as `post` runs and later `patch` runs for runs still open when their batch left; each
// becomes one SpanPatch, merged by the store like any partial span. Field facts:
// shared/reference/dropin-formats.md and the langsmith JS SDK (lib/client, run_trees).
import type { SpanType } from '../../../shared/types.ts';
import { decodeLangChain } from '../otlp/conventions/langchain.ts';
import { fromOpenAiLike, messageList } from '../otlp/conventions/messages.ts';
import { providerName } from '../otlp/conventions/providers.ts';
import { readCost, readUsage } from '../otlp/conventions/usageDetails.ts';
import type { NormalizedBatch, Rejection, SpanPatch, TracePatch } from '../model.ts';
import { rootIdOfDottedOrder, spanIdOf, traceIdOf } from './ids.ts';
import { runTimeUs } from './times.ts';

export type Run = Record<string, unknown>;
type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

const RUN_TYPES: Record<string, SpanType> = {
  llm: 'llm',
  chain: 'chain',
  tool: 'tool',
  retriever: 'retrieval',
  embedding: 'embedding',
  prompt: 'custom',
  parser: 'custom',
};

/** An llm run's inputs: the request, whose `messages` are OpenAI-shaped (or LangChain messages). */
function llmInput(inputs: unknown): unknown {
  const decoded = decodeLangChain(inputs);
  if (Array.isArray(decoded)) return messageList(decoded, fromOpenAiLike) ?? decoded;
  if (isObject(decoded) && Array.isArray(decoded.messages))
    return messageList(decoded.messages, fromOpenAiLike) ?? decoded;
  return decoded;
}

/** An llm run's outputs: an OpenAI completion (choices) or LangChain generations → messages. */
function llmOutput(outputs: unknown): unknown {
  const decoded = decodeLangChain(outputs);
  if (!isObject(decoded)) return decoded;
  if (Array.isArray(decoded.choices)) {
    const messages = decoded.choices
      .filter(isObject)
      .map((c) =>
        fromOpenAiLike({
          ...(isObject(c.message) ? c.message : { role: 'assistant', content: c.text ?? null }),
          finish_reason: c.finish_reason,
        }),
      )
      .filter((m) => m !== null);
    if (messages.length > 0) return messages;
  }
  if (Array.isArray(decoded.generations)) {
    const flat = decoded.generations.flat().filter(isObject);
    const messages = flat.map((g) =>
      isObject(g.message) ? g.message : { role: 'assistant', content: g.text },
    );
    if (messages.length > 0) return messages;
  }
  if (typeof decoded.role === 'string') return [fromOpenAiLike(decoded)];
  return decoded;
}

/** traceable wraps a lone argument as `{input}` / `{args}` and a primitive result as `{outputs}`. */
const WRAPPER_KEYS = new Set(['input', 'output', 'outputs', 'args']);

/** A traceable function's single argument or return value is shown as itself, not as `{input: …}`. */
function unwrapped(value: unknown): unknown {
  const decoded = decodeLangChain(value);
  if (isObject(decoded)) {
    const [key, ...more] = Object.keys(decoded);
    if (key !== undefined && more.length === 0 && WRAPPER_KEYS.has(key)) {
      const inner = decoded[key];
      return Array.isArray(inner) && inner.length === 1 ? inner[0] : inner;
    }
  }
  return decoded;
}

function usageOf(run: Run): Obj | undefined {
  const outputs = isObject(run.outputs) ? run.outputs : {};
  const extra = isObject(run.extra) ? run.extra : {};
  const metadata = isObject(extra.metadata) ? extra.metadata : {};
  const candidates = [outputs.usage_metadata, metadata.usage_metadata, outputs.usage, outputs.llm_output];
  for (const candidate of candidates) {
    if (isObject(candidate)) {
      const inner = isObject(candidate.token_usage) ? candidate.token_usage : candidate;
      return inner;
    }
  }
  return undefined;
}

function timeToFirstTokenMs(run: Run, startUs: number | undefined): number | undefined {
  if (startUs === undefined || !Array.isArray(run.events)) return undefined;
  const first = run.events.find((e) => isObject(e) && e.name === 'new_token') as Obj | undefined;
  const at = first ? runTimeUs(first.time) : undefined;
  return at === undefined || at < startUs ? undefined : (at - startUs) / 1000;
}

function applyContent(patch: SpanPatch, run: Run, type: SpanType | undefined): void {
  const attributes: Obj = patch.attributes ?? {};
  patch.attributes = attributes;
  const isLlm = type === 'llm';
  if (run.inputs !== undefined && !(isObject(run.inputs) && Object.keys(run.inputs).length === 0))
    patch.input = isLlm ? llmInput(run.inputs) : unwrapped(run.inputs);
  if (run.outputs !== undefined) patch.output = isLlm ? llmOutput(run.outputs) : unwrapped(run.outputs);
  const usage = readUsage(usageOf(run));
  if (usage) {
    if (usage.promptTokens !== undefined) patch.promptTokens = usage.promptTokens;
    if (usage.completionTokens !== undefined) patch.completionTokens = usage.completionTokens;
    if (usage.totalTokens !== undefined) patch.totalTokens = usage.totalTokens;
    if (usage.cacheReadTokens !== undefined) patch.cacheReadTokens = usage.cacheReadTokens;
    if (usage.cacheWriteTokens !== undefined) patch.cacheWriteTokens = usage.cacheWriteTokens;
    if (usage.reasoningTokens !== undefined)
      attributes['spyglass.usage.reasoning_tokens'] = usage.reasoningTokens;
    if (
      patch.totalTokens === undefined &&
      (usage.promptTokens !== undefined || usage.completionTokens !== undefined)
    )
      patch.totalTokens = (usage.promptTokens ?? 0) + (usage.completionTokens ?? 0);
  }
  const usageObj = usageOf(run);
  const reportedCost = usageObj ? readCost({ total: usageObj.total_cost }) : undefined;
  const runCost = typeof run.total_cost === 'number' ? run.total_cost : reportedCost;
  if (runCost !== undefined && runCost > 0) {
    patch.costUsd = runCost;
    attributes['spyglass.cost_source'] = 'reported';
  }
}

function applyMetadata(patch: SpanPatch, run: Run): Obj | undefined {
  const extra = isObject(run.extra) ? run.extra : undefined;
  const metadata = extra && isObject(extra.metadata) ? extra.metadata : undefined;
  const invocation = extra && isObject(extra.invocation_params) ? extra.invocation_params : undefined;
  const model = text(metadata?.ls_model_name) ?? text(invocation?.model) ?? text(invocation?.model_name);
  if (model) patch.model = model;
  const provider = providerName(text(metadata?.ls_provider));
  if (provider) patch.provider = provider;
  const attributes: Obj = patch.attributes ?? {};
  patch.attributes = attributes;
  if (metadata)
    for (const [key, value] of Object.entries(metadata)) attributes[`langsmith.metadata.${key}`] = value;
  if (invocation) attributes['langsmith.invocation_params'] = invocation;
  return metadata;
}

interface Mapped {
  span: SpanPatch;
  trace: TracePatch;
}

function mapRun(run: Run, phase: 'post' | 'patch', path: string): Mapped | Rejection {
  const spanId = spanIdOf(run.id);
  if (!spanId) return { field: `${path}.id`, message: 'run id must be a UUID' };
  const rootId =
    text(run.trace_id) ?? rootIdOfDottedOrder(run.dotted_order) ?? (run.parent_run_id ? undefined : run.id);
  const traceId = traceIdOf(rootId);
  if (!traceId) return { field: `${path}.trace_id`, message: 'trace_id must be the root run UUID' };
  const span: SpanPatch = { traceId, spanId, attributes: { 'langsmith.run_id': run.id } };
  if (run.parent_run_id !== undefined || phase === 'post') {
    const parent = spanIdOf(run.parent_run_id);
    span.parentSpanId = parent ?? null;
  }
  if (text(run.name)) span.name = run.name as string;
  const runType = text(run.run_type);
  const type = runType ? (RUN_TYPES[runType] ?? 'custom') : undefined;
  if (type) span.type = type;
  if (runType) span.attributes!['langsmith.run_type'] = runType;
  const startUs = runTimeUs(run.start_time);
  if (startUs !== undefined) span.startUs = startUs;
  const endUs = runTimeUs(run.end_time);
  if (endUs !== undefined) span.endUs = endUs;
  const error = text(run.error);
  if (error) {
    span.status = 'error';
    const firstLine = error.split('\n')[0]!;
    const colon = /^([A-Za-z_$][\w$.]*(?:Error|Exception)):\s*(.*)$/.exec(firstLine);
    span.error = {
      message: colon ? colon[2]! || firstLine : firstLine,
      type: colon ? colon[1]! : null,
      stack: error.includes('\n') ? error : null,
    };
  } else if (endUs !== undefined) span.status = 'success';
  applyContent(span, run, type);
  const metadata = applyMetadata(span, run);
  const ttft = timeToFirstTokenMs(run, startUs);
  if (ttft !== undefined) span.timeToFirstTokenMs = ttft;
  if (Array.isArray(run.tags) && run.tags.length > 0) span.attributes!['spyglass.tags'] = run.tags;
  if (text(run.dotted_order)) span.attributes!['langsmith.dotted_order'] = run.dotted_order;

  const trace: TracePatch = { traceId };
  const project = text(run.session_name);
  if (project) trace.service = project;
  const tags = Array.isArray(run.tags) ? run.tags.filter((t): t is string => typeof t === 'string') : [];
  if (tags.length > 0) trace.tags = tags;
  const session = text(metadata?.session_id) ?? text(metadata?.thread_id) ?? text(metadata?.conversation_id);
  if (session) trace.sessionId = session;
  const user = text(metadata?.user_id);
  if (user) trace.userId = user;
  if (span.parentSpanId === null) {
    if (span.input !== undefined) trace.input = span.input;
    if (span.output !== undefined) trace.output = span.output;
  }
  return { span, trace };
}

function mergeTrace(into: TracePatch, from: TracePatch): void {
  if (from.service !== undefined) into.service ??= from.service;
  if (from.sessionId !== undefined) into.sessionId ??= from.sessionId;
  if (from.userId !== undefined) into.userId ??= from.userId;
  if (from.tags) into.tags = [...new Set([...(into.tags ?? []), ...from.tags])];
  if (from.input !== undefined) into.input = from.input;
  if (from.output !== undefined) into.output = from.output;
}

export function runsToBatch(posts: Run[], patches: Run[]): NormalizedBatch {
  const traces = new Map<string, TracePatch>();
  const spans: SpanPatch[] = [];
  const rejected: Rejection[] = [];
  const add = (runs: Run[], phase: 'post' | 'patch') => {
    runs.forEach((run, i) => {
      const mapped = isObject(run)
        ? mapRun(run, phase, `${phase}[${i}]`)
        : { field: `${phase}[${i}]`, message: 'run must be an object' };
      if ('field' in mapped) {
        rejected.push(mapped);
        return;
      }
      spans.push(mapped.span);
      const trace = traces.get(mapped.trace.traceId);
      if (trace) mergeTrace(trace, mapped.trace);
      else traces.set(mapped.trace.traceId, mapped.trace);
    });
  };
  add(posts, 'post');
  add(patches, 'patch');
  return { traces: [...traces.values()], spans, rejected };
}
