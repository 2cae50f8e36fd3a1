// Realistic agent runs for the compare tests: a support agent that plans with an LLM, calls tools,
// and answers. Each step is described briefly and built into full spans (ids, times, tokens).
import type { SpanType } from '../../src/shared/types.ts';
import type { StepInput } from '../../src/shared/compare/index.ts';

export interface StepSpec {
  type: SpanType;
  name: string;
  model?: string;
  input?: unknown;
  output?: unknown;
  tokens?: [prompt: number, completion: number];
  durationMs?: number;
  status?: 'success' | 'error';
  /** Children of this step (depth first). */
  children?: StepSpec[];
}

let counter = 0;
const hexId = (length: number) => (++counter).toString(16).padStart(length, '0');

/** Builds spans from specs: sequential times (each child after the previous), ids unique per call. */
export function buildRun(root: StepSpec, startMs = 1_700_000_000_000): StepInput[] {
  const traceId = hexId(32);
  const spans: StepInput[] = [];
  let clock = startMs;
  // Recursive on purpose: fixtures are a few levels deep (the 10,000-step tests build spans directly).
  const build = (spec: StepSpec, parent: string | null, order: number): StepInput => {
    const spanId = hexId(16);
    const start = clock;
    clock += 1;
    const span: StepInput = {
      spanId,
      traceId,
      parentSpanId: parent,
      name: spec.name,
      type: spec.type,
      stepOrder: order,
      startTime: start,
      endTime: null,
      durationMs: null,
      status: spec.status ?? 'success',
      model: spec.model ?? null,
      provider: spec.model ? 'openai' : null,
      promptTokens: spec.tokens?.[0] ?? null,
      completionTokens: spec.tokens?.[1] ?? null,
      totalTokens: spec.tokens ? spec.tokens[0] + spec.tokens[1] : null,
      costUsd: spec.tokens ? (spec.tokens[0] * 2.5 + spec.tokens[1] * 10) / 1e6 : null,
      error: spec.status === 'error' ? { message: 'tool failed', type: 'Error', stack: null } : null,
      destructive: false,
      inputPreview: null,
      outputPreview: null,
      timeToFirstTokenMs: null,
      kind: null,
      inputBytes: 0,
      outputBytes: 0,
      input: spec.input,
      output: spec.output,
    };
    spans.push(span);
    (spec.children ?? []).forEach((child, i) => {
      build(child, spanId, i);
    });
    clock += spec.durationMs ?? 10;
    span.endTime = clock;
    span.durationMs = clock - start;
    return span;
  };
  build(root, null, 0);
  return spans;
}

const system = { role: 'system', content: 'You are a support agent for Acme. Use tools to look things up.' };

export const llm = (
  name: string,
  question: string,
  answer: string,
  tokens: [number, number] = [120, 30],
  durationMs = 800,
): StepSpec => ({
  type: 'llm',
  name,
  model: 'gpt-4o-mini',
  input: [system, { role: 'user', content: question }],
  output: { role: 'assistant', content: answer },
  tokens,
  durationMs,
});

export const tool = (
  name: string,
  args: Record<string, unknown>,
  result: unknown,
  durationMs = 50,
): StepSpec => ({
  type: 'tool',
  name,
  input: args,
  output: result,
  durationMs,
});

export const agent = (children: StepSpec[], name = 'support-agent'): StepSpec => ({
  type: 'agent',
  name,
  input: 'My order #1042 has not arrived',
  children,
});

/** The baseline: plan, search the docs, look up the order, answer. */
export function baselineSteps(): StepSpec[] {
  return [
    llm('plan', 'My order #1042 has not arrived', 'I will check the shipping policy and the order.'),
    tool('search_docs', { query: 'shipping delays' }, ['Orders ship within 3 days.']),
    tool('lookup_order', { orderId: 1042 }, { status: 'in transit', carrier: 'UPS' }),
    llm('answer', 'Summarise for the customer', 'Your order is in transit with UPS.', [300, 40], 1200),
  ];
}
