// `spyglass import` and `spyglass export` as a user runs them (bin/spyglass.js in a child process),
// against a real collector and real database files.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/server/store/index.ts';
import { agentTraceEvents, ingestSamples } from '../helpers/sampleTraces.ts';
import {
  getJson,
  ingestRequest,
  postIngest,
  postJson,
  startTestServer,
  traceIdOf,
  type TestServer,
} from '../helpers/server.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'spyglass.js');
const AGENT = traceIdOf(0xc1);
const RAG = traceIdOf(0xc2);
const dir = makeTempDir('spyglass-cli-files-');
let source: TestServer;
let spyglassFile: string;

/** Runs the CLI without blocking this process (the in-process collector must keep answering). */
function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, SPYGLASS_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function traceIdsIn(dbPath: string): string[] {
  const store = new Store(dbPath);
  try {
    return store
      .listTraces()
      .traces.map((t) => t.traceId)
      .sort();
  } finally {
    store.close();
  }
}

beforeAll(async () => {
  source = await startTestServer();
  await ingestSamples(source.url, AGENT, RAG);
  const { body } = await postJson(`${source.url}/api/export`, { traceIds: [AGENT, RAG] });
  spyglassFile = join(dir.path, 'two-traces.spyglass.json');
  writeFileSync(spyglassFile, JSON.stringify(body));
});
afterAll(async () => {
  await source.close();
  dir.remove();
});

describe('spyglass import', () => {
  it('writes a file straight into a database with --db and prints the trace ids', async () => {
    const db = join(dir.path, 'direct.db');
    const result = await cli(['import', spyglassFile, '--db', db]);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([AGENT, RAG]);
    expect(result.stderr).toContain('Imported 2 traces (8 spans)');
    expect(traceIdsIn(db)).toEqual([AGENT, RAG].sort());
  });

  it('sends a large file to a running collector, drawing progress', async () => {
    // One trace with a 3 MB payload, so the progress bar has something to show.
    const big = traceIdOf(0xb16);
    const events = agentTraceEvents(big, 'c');
    (events[1] as { input: unknown }).input = 'x'.repeat(3 * 1024 * 1024);
    expect((await postIngest(source.url, ingestRequest(events))).status).toBe(200);
    const file = join(dir.path, 'big.spyglass.json');
    const exported = await cli(['export', big, '--url', source.url, '--out', file]);
    expect(exported.status).toBe(0);
    expect(exported.stderr).toContain(`Wrote ${file}`);

    const target = await startTestServer();
    try {
      const result = await cli(['import', file], { SPYGLASS_URL: target.url });
      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe(big);
      expect(result.stderr).toMatch(/reading +\[#{30}\] 100% 3\.\d MB of 3\.\d MB/);
      const { body } = await getJson(`${target.url}/api/traces/${big}/spans/c000000000000001`);
      expect(body.input).toHaveLength(3 * 1024 * 1024);
    } finally {
      await target.close();
    }
  });

  it('rejects a damaged file whole, naming where, and leaves the database as it was', async () => {
    const db = join(dir.path, 'damaged.db');
    expect((await cli(['import', spyglassFile, '--db', db])).status).toBe(0);
    const file = JSON.parse(readFileSync(spyglassFile, 'utf8'));
    file.traces[0].trace.traceId = traceIdOf(0xd1);
    for (const span of file.traces[0].spans) span.traceId = traceIdOf(0xd1);
    file.traces[1].spans[1].type = 'thinking';
    const damaged = join(dir.path, 'damaged.json');
    writeFileSync(damaged, JSON.stringify(file));
    const result = await cli(['import', damaged, '--db', db]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('traces[1].spans[1].type: expected one of "llm"');
    expect(traceIdsIn(db)).toEqual([AGENT, RAG].sort());
  });

  it('says what to do when no collector is running', async () => {
    const result = await cli(['import', spyglassFile, '--url', 'http://127.0.0.1:9']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no Spyglass collector answered at http://127.0.0.1:9');
    expect(result.stderr).toContain('--db FILE');
  });
});

describe('spyglass export', () => {
  it('exports OTLP/JSON from a database file and the Spyglass format from a collector', async () => {
    const db = join(dir.path, 'export.db');
    expect((await cli(['import', spyglassFile, '--db', db])).status).toBe(0);
    const out = join(dir.path, 'agent.otlp.json');
    const otlp = await cli(['export', AGENT, '--db', db, '--format', 'otlp', '--out', out]);
    expect(otlp.status).toBe(0);
    const request = JSON.parse(readFileSync(out, 'utf8'));
    expect(request.resourceSpans[0].scopeSpans[0].spans).toHaveLength(5);

    const stdout = await cli(['export', RAG, '--url', source.url]);
    expect(stdout.status).toBe(0);
    expect(JSON.parse(stdout.stdout)).toMatchObject({
      format: 'spyglass-trace',
      traces: [{ trace: { traceId: RAG } }],
    });

    const unknown = await cli(['export', traceIdOf(0xeee), '--db', db]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(`No trace with id "${traceIdOf(0xeee)}"`);
  });
});
