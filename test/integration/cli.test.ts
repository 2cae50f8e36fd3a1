// The headless CLI as a user runs it: bin/spyglass.js in a child process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDbPath } from '../../src/cli/dataDir.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'spyglass.js');
const dir = makeTempDir('spyglass-cli-');
afterAll(() => dir.remove());

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 20_000,
  });
}

function serve(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /^Spyglass is listening on (http:\/\/127\.0\.0\.1:\d+)\/$/m.exec(out);
      if (match) resolve({ child, url: match[1]!, out: () => out });
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

describe('spyglass serve', () => {
  it('prints the URL when ready, creates the database in the data folder, and stops cleanly on Ctrl-C', async () => {
    const dataHome = dir.file('xdg');
    const { child, url } = await serve(['--port', '0'], { XDG_DATA_HOME: dataHome, SPYGLASS_PORT: '' });
    try {
      const health = await fetch(`${url}/api/health`);
      expect(await health.json()).toMatchObject({ ok: true });
      if (process.platform === 'linux')
        expect(existsSync(join(dataHome, 'spyglass', 'spyglass.db'))).toBe(true);
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('takes the port from SPYGLASS_PORT', async () => {
    const port = await freePort();
    const { child, url } = await serve(['--db', dir.file('env.db')], { SPYGLASS_PORT: String(port) });
    expect(url).toBe(`http://127.0.0.1:${port}`);
    await stop(child);
  });

  it('says clearly when the port is in use, naming it and suggesting --port', async () => {
    const blocker = await listenOnFreePort();
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = run(['serve', '--port', String(port), '--db', dir.file('busy.db')]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`port ${port}`);
      expect(result.stderr).toContain('--port');
      expect(result.stderr).not.toContain('    at '); // no stack trace
    } finally {
      blocker.close();
    }
  });

  it('finishes a trace whose root never arrives after --idle-seconds of quiet', async () => {
    const { child, url } = await serve(
      ['--port', '0', '--no-grpc', '--db', dir.file('idle.db'), '--idle-seconds', '0.3'],
      { SPYGLASS_PORT: '' },
    );
    try {
      const traceId = 'a'.repeat(32);
      // One ended span whose parent (the root, in another service) never comes.
      const body = {
        resourceSpans: [
          {
            resource: { attributes: [] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId,
                    spanId: 'b'.repeat(16),
                    parentSpanId: 'c'.repeat(16),
                    name: 'handler',
                    startTimeUnixNano: String(BigInt(Date.now() - 1000) * 1_000_000n),
                    endTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
                  },
                ],
              },
            ],
          },
        ],
      };
      const posted = await fetch(`${url}/v1/traces`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(posted.status).toBe(200);
      const status = async () =>
        ((await (await fetch(`${url}/api/traces/${traceId}`)).json()) as { trace: { status: string } }).trace
          .status;
      expect(await status()).toBe('running');
      await expect.poll(status, { timeout: 10_000, interval: 100 }).toBe('success');
    } finally {
      await stop(child);
    }
  });
});

// Usage errors, help and version need no process: test/unit/cli-main.test.ts drives main() in-process.
it('the installed bin runs main() and exits with its code', () => {
  const result = run(['launch']);
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('unknown command "launch"');
  expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
});

describe('default database location', () => {
  it('follows each platform convention', () => {
    expect(defaultDbPath({ XDG_DATA_HOME: '/x/data' }, 'linux')).toBe(
      join('/x/data', 'spyglass', 'spyglass.db'),
    );
    expect(defaultDbPath({}, 'linux')).toMatch(/\.local[\\/]share[\\/]spyglass[\\/]spyglass\.db$/);
    expect(defaultDbPath({}, 'darwin')).toMatch(
      /Library[\\/]Application Support[\\/]Spyglass[\\/]spyglass\.db$/,
    );
    expect(defaultDbPath({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32')).toContain('Spyglass');
  });
});

function listenOnFreePort(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function freePort(): Promise<number> {
  const server = await listenOnFreePort();
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}
