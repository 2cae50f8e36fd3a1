// Traces whose end never arrives (store/traceState.ts quietOutcome, store/idleSweep.ts): a trace
// with nothing open finishes once quiet for idleTraceMs, a trace with an open span stays running
// until abandonTraceMs, and a span arriving later reopens a finished trace. Servers use tiny
// periods; tests poll the API (no wall-clock assertions) under a generous vitest timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceSummary } from '../../src/shared/types.ts';
import {
  connectWs,
  getJson,
  ingestRequest,
  postIngest,
  postJson,
  spanIdOf,
  startTestServer,
  traceIdOf,
  wire,
  type TestServer,
  type TestSocket,
} from '../helpers/server.ts';

const TIMEOUT = 30_000;
const T0_MS = Date.UTC(2026, 0, 1);
const REMOTE_PARENT = 'f'.repeat(16);

type Traces = { type: 'traces'; traces: TraceSummary[] };

/** One OTLP/JSON request of spans in one trace; `end: false` leaves a span open. */
function otlp(
  traceId: string,
  spans: Array<{ id: string; parent?: string; end?: boolean; error?: boolean; at?: number }>,
): Record<string, unknown> {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'downstream' } }] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: spans.map((s) => {
              const start = BigInt(T0_MS + (s.at ?? 0)) * 1_000_000n;
              return {
                traceId,
                spanId: s.id,
                ...(s.parent ? { parentSpanId: s.parent } : {}),
                name: `span ${s.id}`,
                kind: 2,
                startTimeUnixNano: String(start),
                ...(s.end === false ? {} : { endTimeUnixNano: String(start + 5_000_000n) }),
                status: { code: s.error ? 2 : 0 },
              };
            }),
          },
        ],
      },
    ],
  };
}

async function postOtlp(server: TestServer, body: Record<string, unknown>): Promise<void> {
  const answer = await postJson(`${server.url}/v1/traces`, body);
  expect(answer.status).toBe(200);
}

async function traceOf(server: TestServer, traceId: string): Promise<{ trace: any; spans: any[] }> {
  const answer = await getJson(`${server.url}/api/traces/${traceId}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Polls the trace until `done` holds; the vitest timeout bounds the wait. */
async function until(server: TestServer, traceId: string, done: (trace: any) => boolean): Promise<any> {
  for (;;) {
    const { trace } = await traceOf(server, traceId);
    if (done(trace)) return trace;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A socket following the trace list; resolved once the server has taken the subscription. */
async function followList(server: TestServer): Promise<TestSocket> {
  const socket = await connectWs(server.url);
  socket.send({ type: 'subscribe-traces' });
  await socket.next((m) => m.type === 'subscribed', TIMEOUT);
  return socket;
}

const statusIn = (traceId: string, status: string) => (m: { type: string }) =>
  m.type === 'traces' && (m as Traces).traces.some((t) => t.traceId === traceId && t.status === status);

describe('idle traces (nothing open)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ idleTraceMs: 100 });
  });
  afterAll(() => server.close());

  it(
    'finishes an OTLP trace whose root has a remote parent, and says so on the live feed',
    async () => {
      const socket = await followList(server);
      try {
        const t = traceIdOf(0x101);
        await postOtlp(
          server,
          otlp(t, [
            { id: spanIdOf(1), parent: REMOTE_PARENT },
            { id: spanIdOf(2), parent: spanIdOf(1), at: 1 },
          ]),
        );
        // The commit publishes it running (its root is elsewhere); the sweep, later, finished.
        await socket.next(statusIn(t, 'running'), TIMEOUT);
        const finished = await socket.next<Traces>(statusIn(t, 'success'), TIMEOUT);
        const summary = finished.traces.find((s) => s.traceId === t)!;
        expect(summary).toMatchObject({ spanCount: 2, errorCount: 0, durationMs: 6 });
        expect(summary.endTime).toBe(T0_MS + 6);
        const { trace } = await traceOf(server, t);
        expect(trace).toMatchObject({ status: 'success', error: null });
      } finally {
        await socket.close();
      }
    },
    TIMEOUT,
  );

  it(
    'takes the outcome of the top-level spans: an error there is an error, a survived child error is not',
    async () => {
      const failed = traceIdOf(0x102);
      const survived = traceIdOf(0x103);
      await postOtlp(server, otlp(failed, [{ id: spanIdOf(1), parent: REMOTE_PARENT, error: true }]));
      await postOtlp(
        server,
        otlp(survived, [
          { id: spanIdOf(1), parent: REMOTE_PARENT },
          { id: spanIdOf(2), parent: spanIdOf(1), error: true },
        ]),
      );
      expect(await until(server, failed, (t) => t.status !== 'running')).toMatchObject({
        status: 'error',
        errorCount: 1,
      });
      expect(await until(server, survived, (t) => t.status !== 'running')).toMatchObject({
        status: 'success',
        errorCount: 1,
      });
    },
    TIMEOUT,
  );

  it(
    'keeps a trace with an open span running while traces quiet for as long are finished',
    async () => {
      const open = traceIdOf(0x104);
      const closed = traceIdOf(0x105);
      await postOtlp(server, otlp(open, [{ id: spanIdOf(1), parent: REMOTE_PARENT, end: false }]));
      await postOtlp(server, otlp(closed, [{ id: spanIdOf(1), parent: REMOTE_PARENT }]));
      // `closed` was sent after `open`: once a sweep has finished it, `open` has been quiet longer.
      await until(server, closed, (t) => t.status === 'success');
      const { trace } = await traceOf(server, open);
      expect(trace).toMatchObject({ status: 'running', endTime: null });
    },
    TIMEOUT,
  );

  it(
    'reopens a finished trace when a span arrives, and finishes it again once quiet',
    async () => {
      const socket = await followList(server);
      try {
        const t = traceIdOf(0x106);
        await postOtlp(server, otlp(t, [{ id: spanIdOf(1), parent: REMOTE_PARENT }]));
        await until(server, t, (trace) => trace.status === 'success');
        const seen = socket.messages.length;
        await postOtlp(server, otlp(t, [{ id: spanIdOf(2), parent: REMOTE_PARENT, at: 10 }]));
        // The commit publishes its own summary, running again, before any sweep can see the trace quiet.
        const reopened = await socket.next<Traces>(
          (m) => socket.messages.indexOf(m) >= seen && statusIn(t, 'running')(m),
          TIMEOUT,
        );
        expect(reopened.traces.find((s) => s.traceId === t)).toMatchObject({ spanCount: 2, endTime: null });
        const again = await until(server, t, (trace) => trace.status !== 'running');
        expect(again).toMatchObject({ status: 'success', spanCount: 2, durationMs: 15 });
      } finally {
        await socket.close();
      }
    },
    TIMEOUT,
  );
});

describe('abandoned traces (something open, silent for abandonTraceMs)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ idleTraceMs: 50, abandonTraceMs: 200 });
  });
  afterAll(() => server.close());

  it(
    'shows an SDK trace whose process died mid-span as an error with a note, and takes it back when the end arrives',
    async () => {
      const t = traceIdOf(0x201);
      const root = spanIdOf(1);
      const started = await postIngest(
        server.url,
        ingestRequest([wire.traceStart(t, T0_MS), wire.spanStart(t, root, null, T0_MS, { type: 'agent' })]),
      );
      expect(started.status).toBe(200);
      const abandoned = await until(server, t, (trace) => trace.status !== 'running');
      expect(abandoned).toMatchObject({
        status: 'error',
        error: { message: 'abandoned: no end received', type: 'spyglass.abandoned' },
      });
      // The end was only late: the trace takes its real outcome and loses the note.
      await postIngest(
        server.url,
        ingestRequest([wire.spanEnd(t, root, T0_MS + 7), wire.traceEnd(t, T0_MS + 8)]),
      );
      const { trace } = await traceOf(server, t);
      expect(trace).toMatchObject({ status: 'success', error: null, durationMs: 8 });
    },
    TIMEOUT,
  );
});
