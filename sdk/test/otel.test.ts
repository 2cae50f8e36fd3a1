// OpenTelemetry interop: a service instrumented with the real OpenTelemetry SDK (exporting OTLP to
// the collector) and an agent using this SDK in the same process make one trace. SDK spans join
// the active OTel span's trace under the right parent, and traceparent() hands the current span
// to the next service.
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportRun } from '../../test/helpers/otel.ts';
import { getJson, startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
import { Spyglass } from '../src/index.ts';
import { byName, waitForTrace } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(async () => {
  context.disable();
  await server.close();
});

it('joins the active OpenTelemetry trace with the right parents and gives the traceparent of the current span', async () => {
  const sg = new Spyglass({ url: server.url });
  const exporter = new OTLPTraceExporter({ url: `${server.url}/v1/traces` });
  const seen: Record<string, string | null> = {};
  const otelTraceId = await exportRun(
    exporter,
    'checkout-service',
    { name: 'http', version: '1.0.0' },
    (tracer) =>
      tracer.startActiveSpan('POST /checkout', async (request) => {
        await sg.traced(
          'support-agent',
          async () => {
            seen.agentSpan = sg.currentSpanId();
            seen.traceparent = sg.traceparent();
            const llm = sg.startSpan({ name: 'plan', type: 'llm', model: 'gpt-4o-mini' });
            sg.endSpan(llm, { output: 'a plan', prompt_tokens: 10, completion_tokens: 5 });
            // An OTel span started inside the SDK span; SDK work inside it goes under it.
            await tracer.startActiveSpan('SELECT orders', async (query) => {
              await sg.traced('read-orders', async () => 'rows', { type: 'tool' });
              query.end();
            });
          },
          { sessionId: 'conv-otel' },
        );
        request.end();
        return request.spanContext().traceId;
      }),
  );
  // Outside any OTel span, no traceparent and no joining.
  expect(sg.traceparent()).toBeNull();
  await sg.flush();

  const stored = await waitForTrace(
    server.url,
    otelTraceId,
    (t) => t.spans.length === 5 && t.spans.every((s) => s.status !== 'running'),
  );
  const request = byName(stored, 'POST /checkout');
  const agent = byName(stored, 'support-agent');
  const query = byName(stored, 'SELECT orders');
  expect(request.parentSpanId).toBeNull();
  expect(agent.parentSpanId).toBe(request.spanId);
  expect(byName(stored, 'plan').parentSpanId).toBe(agent.spanId);
  // OTel does not see the SDK's context, so its span sits under the request; the SDK's span inside it is its child.
  expect(query.parentSpanId).toBe(request.spanId);
  expect(byName(stored, 'read-orders').parentSpanId).toBe(query.spanId);
  expect(stored.trace.sessionId).toBe('conv-otel');
  expect(seen.agentSpan).toBe(agent.spanId);
  expect(seen.traceparent).toBe(`00-${otelTraceId}-${agent.spanId}-01`);
  // One trace, not one for OTel and another for the SDK.
  const list = await getJson(`${server.url}/api/traces`);
  expect(list.body.traces.map((t: { traceId: string }) => t.traceId)).toEqual([otelTraceId]);
  await sg.shutdown();
});
