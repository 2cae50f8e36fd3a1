// OpenTelemetry interop without a dependency: @opentelemetry/api keeps its registered globals
// (the context manager among them) on globalThis under Symbol.for('opentelemetry.js.api.1'), and
// a context's active span under Symbol.for('OpenTelemetry Context Key SPAN') (createContextKey is
// Symbol.for). Reading those two is all it takes to find the OTel span running now, so the SDK's
// spans can join its trace, whichever copy of the API the application loaded.
import { isSpanId, isTraceId } from './ids.ts';

const API_KEY = Symbol.for('opentelemetry.js.api.1');
const SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');
const INVALID_TRACE = '0'.repeat(32);

export interface OtelSpanRef {
  traceId: string;
  spanId: string;
  /** W3C trace flags (1: sampled). */
  traceFlags: number;
}

interface OtelGlobals {
  context?: { active?: () => { getValue?: (key: symbol) => unknown } | undefined };
}

/** The OpenTelemetry span active in the running code, or null (no OTel, no context manager, no span). */
export function activeOtelSpan(): OtelSpanRef | null {
  try {
    const api = (globalThis as Record<symbol, OtelGlobals | undefined>)[API_KEY];
    const active = api?.context?.active?.();
    const span = active?.getValue?.(SPAN_KEY) as { spanContext?: () => Partial<OtelSpanRef> } | undefined;
    const ref = span?.spanContext?.();
    if (!ref || !isTraceId(ref.traceId) || !isSpanId(ref.spanId) || ref.traceId === INVALID_TRACE)
      return null;
    return { traceId: ref.traceId, spanId: ref.spanId, traceFlags: ref.traceFlags ?? 1 };
  } catch {
    return null;
  }
}

/** A W3C `traceparent` header value. */
export function formatTraceparent(traceId: string, spanId: string, traceFlags = 1): string {
  return `00-${traceId}-${spanId}-${(traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}
