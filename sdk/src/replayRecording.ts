// A recorded run as replay sees it: the trace answer of GET /api/traces/:id?include=payloads (or
// one trace of a Spyglass trace file, which holds the same answer) reduced to its replayable
// steps in the order they started. A step is a span made by wrapOpenAI, wrapToolCall, or
// traced()/withSpan() of type llm or tool (callMarks.ts); a recording made before those marks
// existed falls back to every span of type llm or tool.
import { CALL, CALL_NAME } from './callMarks.ts';
import { ReplayLoadError } from './replayErrors.ts';

export interface RecordedSpan {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  type: string;
  startTime: number;
  endTime: number | null;
  stepOrder: number | null;
  status: string;
  model: string | null;
  provider: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  timeToFirstTokenMs: number | null;
  destructive: boolean;
  error: { message: string; type?: string | null; stack?: string | null } | null;
  input: unknown;
  output: unknown;
  attributes: Record<string, unknown>;
}

export interface RecordedStep {
  /** 1-based position among the replayable steps. */
  index: number;
  span: RecordedSpan;
  /** The name the call started with: what a replayed call is matched by. */
  callName: string;
  /** Indexes of the replayable steps inside this one (skipped when this one is served). */
  inner: number[];
}

export interface Recording {
  traceId: string;
  name: string;
  steps: RecordedStep[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function readSpan(raw: unknown, at: string): RecordedSpan {
  if (!isObj(raw) || typeof raw.spanId !== 'string')
    throw new ReplayLoadError(
      `The recording's ${at} is not a span (no spanId); was it exported with payloads?`,
    );
  const error =
    isObj(raw.error) && typeof raw.error.message === 'string' ? (raw.error as RecordedSpan['error']) : null;
  return {
    spanId: raw.spanId,
    parentSpanId: str(raw.parentSpanId),
    name: str(raw.name) ?? '',
    type: str(raw.type) ?? 'custom',
    startTime: num(raw.startTime) ?? 0,
    endTime: num(raw.endTime),
    stepOrder: num(raw.stepOrder),
    status: str(raw.status) ?? 'success',
    model: str(raw.model),
    provider: str(raw.provider),
    promptTokens: num(raw.promptTokens),
    completionTokens: num(raw.completionTokens),
    totalTokens: num(raw.totalTokens),
    timeToFirstTokenMs: num(raw.timeToFirstTokenMs),
    destructive: raw.destructive === true,
    error,
    input: raw.input ?? undefined,
    output: raw.output ?? undefined,
    attributes: isObj(raw.attributes) ? raw.attributes : {},
  };
}

function isStep(span: RecordedSpan, marked: boolean): boolean {
  if (span.type !== 'llm' && span.type !== 'tool') return false;
  return !marked || typeof span.attributes[CALL] === 'string';
}

/** The replayable steps of a trace answer `{ trace, spans }`; throws ReplayLoadError when it is not one. */
export function recordingFromTrace(answer: unknown, where: string): Recording {
  if (!isObj(answer) || !isObj(answer.trace) || !Array.isArray(answer.spans)) {
    throw new ReplayLoadError(`${where} is not a recorded trace (expected { trace, spans })`);
  }
  const traceId = str(answer.trace.traceId) ?? '';
  const first: unknown = answer.spans[0];
  // The trace answer without ?include=payloads has previews only: nothing to serve from.
  if (isObj(first) && !('output' in first) && !('attributes' in first)) {
    throw new ReplayLoadError(`${where} has no payloads (load it with ?include=payloads)`);
  }
  const spans = answer.spans.map((raw, i) => readSpan(raw, `spans[${i}]`));
  const marked = spans.some((s) => typeof s.attributes[CALL] === 'string');
  const ordered = spans
    .map((span, position) => ({ span, position }))
    .filter(({ span }) => isStep(span, marked))
    .sort(
      (a, b) =>
        a.span.startTime - b.span.startTime ||
        (a.span.stepOrder ?? 0) - (b.span.stepOrder ?? 0) ||
        a.position - b.position,
    );
  const steps: RecordedStep[] = ordered.map(({ span }, i) => ({
    index: i + 1,
    span,
    callName: str(span.attributes[CALL_NAME]) ?? span.name,
    inner: [],
  }));
  linkInnerSteps(spans, steps);
  return { traceId, name: str(answer.trace.name) ?? '', steps };
}

/**
 * Whether `inner` was called while `outer`'s function ran (a tool that calls a model): then serving
 * `outer` skips it. A child started after its parent ended (wrapToolCall(..., parentSpanId) chains
 * steps that way) is a later call of the agent's own, not part of the parent.
 */
function ranInside(inner: RecordedSpan, outer: RecordedSpan): boolean {
  return inner.startTime >= outer.startTime && (outer.endTime === null || inner.startTime < outer.endTime);
}

/** Fills each step's `inner` with the steps called inside it. */
function linkInnerSteps(spans: RecordedSpan[], steps: RecordedStep[]): void {
  const parentOf = new Map(spans.map((s) => [s.spanId, s.parentSpanId]));
  const stepOf = new Map(steps.map((s) => [s.span.spanId, s]));
  for (const step of steps) {
    const seen = new Set<string>();
    let parent = step.span.parentSpanId;
    // Walks up the ancestors; `seen` stops a corrupt file's parent cycle.
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      const outer = stepOf.get(parent);
      if (outer && ranInside(step.span, outer.span)) outer.inner.push(step.index);
      parent = parentOf.get(parent) ?? null;
    }
  }
}

/**
 * One trace out of a Spyglass trace file (`{ format: "spyglass-trace", traces: [...] }`), or a
 * bare trace answer. With several traces in the file, `traceId` picks one; else the first.
 */
export function traceFromFile(doc: unknown, where: string, traceId?: string): unknown {
  if (isObj(doc) && Array.isArray(doc.traces)) {
    const entries = doc.traces.filter(isObj);
    if (entries.length === 0) throw new ReplayLoadError(`${where} holds no traces`);
    if (!traceId) return entries[0];
    const found = entries.find((e) => isObj(e.trace) && e.trace.traceId === traceId);
    if (!found) throw new ReplayLoadError(`${where} has no trace ${traceId}`);
    return found;
  }
  return doc;
}
