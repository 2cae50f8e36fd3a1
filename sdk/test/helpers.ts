// Reading back what the SDK sent, through the collector's public query API.
import { getJson } from '../../test/helpers/server.ts';

export interface StoredSpan {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  type: string;
  stepOrder: number | null;
  status: string;
  model: string | null;
  provider: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  costUsd: number | null;
  timeToFirstTokenMs: number | null;
  destructive: boolean;
  durationMs: number | null;
  error: { message: string; type?: string; stack?: string } | null;
  input: any;
  output: any;
  attributes: Record<string, unknown>;
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
}

export interface StoredTrace {
  trace: Record<string, any>;
  spans: StoredSpan[];
}

export async function readTrace(baseUrl: string, traceId: string): Promise<StoredTrace | null> {
  const answer = await getJson<StoredTrace>(`${baseUrl}/api/traces/${traceId}?include=payloads`);
  return answer.status === 200 ? answer.body : null;
}

/** Polls until the trace satisfies `ready` (the SDK sends in the background). */
export async function waitForTrace(
  baseUrl: string,
  traceId: string,
  ready: (t: StoredTrace) => boolean = () => true,
): Promise<StoredTrace> {
  for (;;) {
    const trace = await readTrace(baseUrl, traceId);
    if (trace && ready(trace)) return trace;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function byName(trace: StoredTrace, name: string): StoredSpan {
  const span = trace.spans.find((s) => s.name === name);
  if (!span) throw new Error(`no span named ${name} in ${trace.spans.map((s) => s.name).join(', ')}`);
  return span;
}
