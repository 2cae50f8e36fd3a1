// Real OpenTelemetry SDK plumbing for tests: run some instrumented code under a TracerProvider that
// exports every span as it ends (SimpleSpanProcessor) through the exporter under test.
import type { Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';

export async function exportRun<T>(
  exporter: SpanExporter,
  service: string,
  scope: { name: string; version: string },
  run: (tracer: Tracer) => Promise<T>,
): Promise<T> {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  try {
    const result = await run(provider.getTracer(scope.name, scope.version));
    await provider.forceFlush();
    return result;
  } finally {
    await provider.shutdown();
  }
}
