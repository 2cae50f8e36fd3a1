// The terminal queries as a user runs them (bin/spyglass.js in a child process) against a real
// collector, and from the database file: traces, show, search, and tail following the live feed.
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestSynthetic } from '../helpers/digestTraces.ts';
import { expectGolden } from '../helpers/golden.ts';
import { agentTraceEvents, ragTraceEvents } from '../helpers/sampleTraces.ts';
import { makeTempDir } from '../helpers/tmp.ts';
import { ingestRequest, postIngest, startTestServer, traceIdOf, type TestServer } from '../helpers/server.ts';

// Each test starts the CLI several times; on a busy machine one start can take seconds.
vi.setConfig({ testTimeout: 180_000 });

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'spyglass.js');
const AGENT = traceIdOf(1);
const RAG = traceIdOf(2);
/** A run whose id has a prefix no other run shares. */
const PREFIXED = 'deadbeef'.padEnd(32, '0');

let server: TestServer;

/** Runs the CLI without blocking this process (the collector runs in it). */
async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', SPYGLASS_URL: '', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  server = await startTestServer();
  const answer = await postIngest(
    server.url,
    ingestRequest([...agentTraceEvents(AGENT), ...ragTraceEvents(RAG), ...ragTraceEvents(PREFIXED, 'f')]),
  );
  expect(answer.status).toBe(200);
  await ingestSynthetic(server.url, traceIdOf(10), 10, 'd');
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('spyglass traces', () => {
  it('prints a table that fits the terminal width', async () => {
    for (const columns of [160, 100, 60]) {
      const { code, stdout } = await cli(['traces', '--url', server.url], { COLUMNS: String(columns) });
      expect(code).toBe(0);
      const lines = stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^TRACE +STATUS +NAME/);
      expect(lines).toHaveLength(5);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
      expect(stdout).toContain(AGENT);
    }
    const wide = await cli(['traces', '--url', server.url], { COLUMNS: '160' });
    expectGolden('cli-traces-160.txt', wide.stdout);
  });

  it('filters, and prints JSON for scripts', async () => {
    const { stdout } = await cli(['traces', '--url', server.url, '--status', 'error', '--json']);
    const answer = JSON.parse(stdout) as { traces: { traceId: string }[] };
    expect(answer.traces.map((t) => t.traceId)).toEqual([traceIdOf(10)]);
    const bad = await cli(['traces', '--url', server.url, '--status', 'broken']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status must be running, success or error');
  });

  it('filters by a span attribute, from the collector and the database file alike', async () => {
    // The sample agent's first LLM call records temperature 0.2 (test/helpers/sampleTraces.ts).
    for (const source of [
      ['--url', server.url],
      ['--db', server.dbPath],
    ]) {
      const { stdout } = await cli(['traces', ...source, '--attr', 'temperature<0.5', '--json']);
      const answer = JSON.parse(stdout) as { traces: { traceId: string }[] };
      expect(
        answer.traces.map((t) => t.traceId),
        source[0],
      ).toEqual([AGENT]);
    }
    const bad = await cli(['traces', '--url', server.url, '--attr', 'temperature>warm']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('needs a number (got "warm")');
  });

  it('reads the database file when given --db', async () => {
    const { code, stdout } = await cli(['traces', '--db', server.dbPath, '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { traces: unknown[] }).traces).toHaveLength(4);
  });
});

describe('spyglass show', () => {
  it('prints the tree (golden), by full id or a prefix', async () => {
    const { code, stdout } = await cli(['show', AGENT, '--url', server.url]);
    expect(code).toBe(0);
    expect(stdout).not.toContain('\x1b[');
    expectGolden('cli-show-agent.txt', stdout);
    const prefix = await cli(['show', 'deadbeef', '--url', server.url]);
    expect(prefix.stdout).toContain(`trace ${PREFIXED} "answer-question"`);
    const ambiguous = await cli(['show', '00000000', '--url', server.url]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('"00000000" starts 3 trace ids');
  });

  it('colours failures on a terminal unless NO_COLOR is set', async () => {
    const coloured = await cli(['show', AGENT, '--url', server.url], { FORCE_COLOR: '1' });
    expect(coloured.stdout).toContain('\x1b[31m  send_email [tool] 55ms ✗ failed');
    const plain = await cli(['show', AGENT, '--url', server.url], { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(plain.stdout).not.toContain('\x1b[');
  });

  it('prints JSON, and a clear error for an unknown id', async () => {
    const json = await cli(['show', RAG, '--url', server.url, '--json']);
    expect((JSON.parse(json.stdout) as { spans: unknown[] }).spans).toHaveLength(3);
    const unknown = await cli(['show', 'f'.repeat(32), '--url', server.url]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`no trace with id "${'f'.repeat(32)}"`);
  });
});

describe('spyglass search', () => {
  it('prints the matching runs with snippets, or JSON', async () => {
    const { code, stdout } = await cli(['search', 'mailbox', '--url', server.url]);
    expect(code).toBe(0);
    expect(stdout).toContain(`send_email [tool] #a000000000000004 error: SMTP 550: «mailbox» unavailable`);
    const json = JSON.parse(
      (await cli(['search', 'refund window', '--url', server.url, '--json'])).stdout,
    ) as {
      trace: { traceId: string };
      hits: { field: string }[];
    }[];
    expect(json.map((r) => r.trace.traceId).sort()).toEqual([RAG, PREFIXED].sort());
    expect(json[0]!.hits.length).toBeGreaterThan(0);
  });
});

describe('spyglass tail', () => {
  it('prints runs and failures live as they arrive, and stops on Ctrl-C', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, [BIN, 'tail', '--url', server.url], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await expect.poll(() => stderr, { timeout: 20_000 }).toContain('spyglass tail: following');
    expect(stdout).toBe(''); // nothing from before it started

    const live = traceIdOf(20);
    const events = agentTraceEvents(live, '7');
    const end = events.findIndex((e) => e.kind === 'span.end' && e.status === 'error');
    await postIngest(server.url, ingestRequest(events.slice(0, end + 1)));
    await expect
      .poll(() => stdout, { timeout: 20_000 })
      .toContain('✗ support-agent › send_email [tool] SmtpError: SMTP 550: mailbox unavailable');
    expect(stdout).toContain(`▶ support-agent started · ${live}`);
    expect(stdout).not.toContain('✓');
    await postIngest(server.url, ingestRequest(events.slice(end + 1)));
    await expect
      .poll(() => stdout, { timeout: 20_000 })
      .toContain(`✓ support-agent success in 2.32s · 5 spans · 1 failed`);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
  });
});

describe('spyglass serve', () => {
  it('prints the lines that register spyglass mcp with coding agents', { timeout: 60_000 }, async () => {
    const dir = makeTempDir();
    const child = spawn(
      process.execPath,
      [BIN, 'serve', '--port', '0', '--no-grpc', '--db', dir.file('serve.db')],
      {
        env: { ...process.env, SPYGLASS_PORT: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => stdout, { timeout: 30_000 }).toContain('VS Code (.vscode/mcp.json)');
      const url = /^Spyglass is listening on (http:\/\/127\.0\.0\.1:\d+)\/$/m.exec(stdout)![1]!;
      expect(stdout).toContain(
        `  Claude Code: claude mcp add spyglass -e SPYGLASS_URL=${url} -- npx spyglass mcp\n`,
      );
      expect(stdout).toContain(
        `  Cursor (.cursor/mcp.json): {"mcpServers":{"spyglass":{"command":"npx","args":["spyglass","mcp"],"env":{"SPYGLASS_URL":"${url}"}}}}\n`,
      );
    } finally {
      child.kill('SIGINT');
      await exited;
      dir.remove();
    }
  });
});
