// The desktop app's "open a trace file" path (src/main/importFile.ts) against real collectors:
// a file exported by one collector opens in another; a damaged file is refused, naming where.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTraceFile, TraceImportError, traceFilesInArgv } from '../../src/main/importFile.ts';
import { ingestSamples } from '../helpers/sampleTraces.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

const AGENT = `${'d'.repeat(31)}1`;
const RAG = `${'d'.repeat(31)}2`;
let source: TestServer;
let target: TestServer;
let dir: TempDir;

beforeAll(async () => {
  [source, target] = await Promise.all([startTestServer(), startTestServer()]);
  dir = makeTempDir();
  await ingestSamples(source.url, AGENT, RAG);
});
afterAll(async () => {
  await Promise.all([source.close(), target.close()]);
  dir.remove();
});

describe('importTraceFile', () => {
  it('imports a Spyglass file exported by another collector', async () => {
    const exported = await fetch(`${source.url}/api/traces/${AGENT}/export?format=spyglass`);
    const path = dir.file('agent.spyglass.json');
    writeFileSync(path, Buffer.from(await exported.arrayBuffer()));

    const result = await importTraceFile(target.url, path);

    expect(result.traceIds).toEqual([AGENT]);
    const original = await getJson(`${source.url}/api/traces/${AGENT}`);
    const imported = await getJson(`${target.url}/api/traces/${AGENT}`);
    expect(imported.body.spans.map((s: { spanId: string }) => s.spanId).sort()).toEqual(
      original.body.spans.map((s: { spanId: string }) => s.spanId).sort(),
    );
  });

  it('refuses a damaged file and says where it is damaged', async () => {
    const path = dir.file('broken.json');
    writeFileSync(path, '{"format":"spyglass-trace","version":1,"traces":[{"trace":');
    const before = await getJson(`${target.url}/api/traces`);

    const failure = await importTraceFile(target.url, path).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TraceImportError);
    expect((failure as Error).message).toMatch(/broken\.json was not imported: .*\(at (byte \d+|\S+)\)/);
    const after = await getJson(`${target.url}/api/traces`);
    expect(after.body.traces.length).toBe(before.body.traces.length);
  });
});

describe('traceFilesInArgv', () => {
  it('keeps trace files and drops the executable and flags', () => {
    expect(
      traceFilesInArgv(['/opt/Spyglass/spyglass', '--no-sandbox', 'run.json', 'capture.pb', 'notes.txt']),
    ).toEqual(['run.json', 'capture.pb']);
  });
});
