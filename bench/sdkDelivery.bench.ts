// SDK delivery (issue #11): what one instrumented call costs the agent with a 1 KB payload, and
// whether sending keeps up with producing. The ceiling for delivery is the collector's own
// SDK-ingest rate: the same events, pre-serialised in 2,000-event batches, POSTed straight to
// /api/ingest two at a time (what the SDK does, minus the SDK). Both run against one collector in
// this process, one after the other, so the pair is measured under the same load; the SDK runs in
// an agent process of its own, and its time includes that process's start.
import { spawn } from 'node:child_process';
import { Spyglass } from '../sdk/src/index.ts';
import type { WireEvent } from '../sdk/src/protocol.ts';
import { newSpanId, newTraceId } from '../sdk/src/ids.ts';
import { startServer } from '../src/server/index.ts';
import { benchDir, median, percentile, report } from './lib.ts';

const SPANS = Number(process.env.BENCH_SDK_DELIVERY_SPANS ?? 30_000);
const KB = 'k'.repeat(1000);
const input = { messages: [{ role: 'user', content: KB }] };
const output = { role: 'assistant', content: KB };

/** Synchronous cost of one recorded call (span start + end, 1 KB in and 1 KB out), in µs. */
async function callCosts(sg: Spyglass, count: number): Promise<number[]> {
  const costs: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const spanId = sg.startSpan({ name: 'chat', type: 'llm', model: 'gpt-4o-mini', input });
    sg.endSpan(spanId, { output, prompt_tokens: 300, completion_tokens: 250 });
    costs.push((performance.now() - start) * 1000);
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
  return costs;
}

function wireEvents(count: number): WireEvent[] {
  const traceId = newTraceId();
  const now = Date.now();
  const events: WireEvent[] = [{ kind: 'trace.start', traceId, name: 'ceiling', time: now }];
  for (let i = 0; i < count; i++) {
    const spanId = newSpanId();
    events.push({ kind: 'span.start', traceId, spanId, name: 'chat', type: 'llm', time: now, input });
    events.push({ kind: 'span.end', traceId, spanId, time: now + 1, output, promptTokens: 300 });
  }
  return events;
}

/** The collector's own rate: pre-built bodies, two requests in flight, events per second. */
async function collectorRate(url: string, count: number): Promise<number> {
  const events = wireEvents(count);
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += 2000)
    bodies.push(JSON.stringify({ protocol: 1, events: events.slice(i, i + 2000) }));
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const response = await fetch(`${url}/api/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await response.text();
    }
  };
  await Promise.all([lane(), lane()]);
  return events.length / ((performance.now() - started) / 1000);
}

/**
 * The SDK's rate from an agent process of its own (as in real use: the agent does not share the
 * collector's thread): produce every span, then wait until the collector acknowledged all of it.
 */
async function sdkRate(url: string, count: number): Promise<number> {
  const sdkEntry = new URL('../sdk/src/index.ts', import.meta.url).href;
  const agent = `
    const { Spyglass } = await import(${JSON.stringify(sdkEntry)});
    const KB = 'k'.repeat(1000);
    const input = { messages: [{ role: 'user', content: KB }] };
    const output = { role: 'assistant', content: KB };
    const sg = new Spyglass({ url: process.env.COLLECTOR });
    const traceId = sg.startTrace('delivery');
    for (let i = 0; i < ${count}; i++) {
      sg.endSpan(sg.startSpan({ name: 'chat', type: 'llm', input }), { output, prompt_tokens: 300 });
      if (i % 2000 === 1999) await new Promise((resolve) => setImmediate(resolve));
    }
    sg.endTrace(traceId);
    while (sg.stats().queued + sg.stats().inFlight > 0) await sg.flush();
    process.stdout.write(String(sg.stats().sent));
  `;
  const started = performance.now();
  const sent = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', agent], {
      env: { ...process.env, COLLECTOR: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', (code) =>
      code === 0 ? resolve(Number(out)) : reject(new Error(`agent exited ${code}`)),
    );
  });
  return sent / ((performance.now() - started) / 1000);
}

const dir = benchDir('sdk-delivery');
const server = (await startServer({ port: 0, uiDir: null, dbPath: dir.file('bench.db') } as never)) as {
  url: string;
  close(): Promise<void>;
};
try {
  const sg = new Spyglass({ url: server.url });
  sg.startTrace('overhead');
  await callCosts(sg, 2000); // warm-up
  const costs = await callCosts(sg, 20_000);
  await sg.shutdown();
  report('SDK: cost of one instrumented call with a 1 KB payload in and out (startSpan + endSpan)', [
    { label: 'median', value: median(costs), unit: 'µs', goal: { max: 10 } },
    { label: 'p95', value: percentile(costs, 95), unit: 'µs' },
  ]);

  await collectorRate(server.url, 2000); // warm-up
  const ceiling = await collectorRate(server.url, SPANS);
  const delivered = await sdkRate(server.url, SPANS);
  report(
    `SDK: delivery from one process, ${SPANS.toLocaleString('en-US')} spans with 1 KB payloads, against the same collector`,
    [
      { label: "collector's own SDK-ingest rate (ceiling)", value: ceiling, unit: 'events/s' },
      { label: 'SDK produce-and-deliver rate', value: delivered, unit: 'events/s' },
      { label: 'SDK rate / collector rate', value: delivered / ceiling, unit: '×', goal: { min: 0.9 } },
    ],
  );
} finally {
  await server.close();
  dir.remove();
}
