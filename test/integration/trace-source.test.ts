// Where the CLI and the MCP server read from: the collector when it answers, else the database
// file read-only; with neither, an error that says how to start one.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DbSource, FallbackSource, HttpSource, NoSourceError } from '../../src/cli/source/index.ts';
import { agentTraceEvents } from '../helpers/sampleTraces.ts';
import { ingestRequest, postIngest, startTestServer, traceIdOf } from '../helpers/server.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

let dir: TempDir;
let dbPath: string;
/** A loopback port nothing listens on: a refused connection, at once. */
let NO_COLLECTOR: string;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  NO_COLLECTOR = `http://127.0.0.1:${await closedPort()}`;
  dir = makeTempDir();
  dbPath = dir.file('traces.db');
  const server = await startTestServer({ dbPath });
  expect((await postIngest(server.url, ingestRequest(agentTraceEvents(traceIdOf(1))))).status).toBe(200);
  await server.close();
}, 60_000);

afterAll(() => dir?.remove());

it('falls back to the database file, read-only, when no collector answers', async () => {
  const source = new FallbackSource(new HttpSource(NO_COLLECTOR), dbPath);
  try {
    const { traces } = await source.listTraces({});
    expect(traces.map((t) => t.traceId)).toEqual([traceIdOf(1)]);
    expect(source.describe()).toBe(`database ${dbPath} (read-only)`);
    const span = await source.getSpan(traceIdOf(1), `a${(4).toString(16).padStart(15, '0')}`);
    expect(span?.error?.message).toBe('SMTP 550: mailbox unavailable');
  } finally {
    source.close();
  }
});

it('says how to go on when there is neither a collector nor a database', async () => {
  const source = new FallbackSource(new HttpSource(NO_COLLECTOR), dir.file('none.db'));
  const error = await source.listTraces({}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NoSourceError);
  expect((error as Error).message).toMatch(
    /^no Spyglass collector answered at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\), and there is no database at .*none\.db\. Start Spyglass/,
  );
});

it('never writes to the database it reads', async () => {
  const source = new DbSource(dbPath);
  try {
    expect(source.describe()).toContain('(read-only)');
    expect(() =>
      (source as unknown as { db: { exec(sql: string): void } }).db.exec('DELETE FROM spans'),
    ).toThrow(/readonly/);
  } finally {
    source.close();
  }
});
