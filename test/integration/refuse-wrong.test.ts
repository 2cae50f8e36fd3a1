// Input that is wrong but used to be accepted: a wrong-typed resourceSpans (200, nothing stored)
// and SDK times in seconds (stored as January 1970). Both are refused, naming the problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ingestRequest,
  startCollectorProcess,
  postIngest,
  postJson,
  spanIdOf,
  startTestServer,
  traceIdOf,
  wire,
  type TestServer,
} from '../helpers/server.ts';
import { makeTempDir } from '../helpers/tmp.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('refusing what is wrong', () => {
  it('answers 400 to an OTLP body whose resourceSpans is not an array', async () => {
    const answer = await postJson(`${server.url}/v1/traces`, { resourceSpans: 'nope' });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('"resourceSpans" must be an array');
    const imported = await postJson(`${server.url}/api/import`, { resourceSpans: { not: 'a list' } });
    expect(imported.status).toBe(422);
    expect(imported.body.error).toContain('"resourceSpans" must be an array');
  });

  it('rejects SDK times in seconds, saying so, and keeps the events in milliseconds', async () => {
    const seconds = 1_767_225_600.5;
    const answer = await postIngest(
      server.url,
      ingestRequest([
        wire.traceStart(traceIdOf(1), seconds),
        wire.traceStart(traceIdOf(2), seconds * 1000),
        wire.spanStart(traceIdOf(2), spanIdOf(2), null, seconds),
      ]),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.accepted).toBe(1);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'events[0].time',
      'events[2].time',
    ]);
    expect(answer.body.errors[0].message).toContain('looks like seconds');
  });

  it('answers 413 to a client that streams a too-large body without waiting (no EPIPE)', async () => {
    // A separate process, as in real use: in-process the race between the answer and the upload
    // rarely shows. fetch sends its whole body at once, without Expect: 100-continue.
    const dir = makeTempDir();
    const collector = await startCollectorProcess(dir.file('spyglass.db'));
    try {
      const body = 'x'.repeat(30 * 1024 * 1024);
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${collector.url}/api/ingest`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
        });
        expect(response.status).toBe(413);
        expect((await response.json()).error).toContain('larger than');
      }
    } finally {
      await collector.stop();
      dir.remove();
    }
  }, 120_000);
});
