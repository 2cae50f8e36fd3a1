// `npm run serve` is one process (the server runs inside scripts/serve.ts, so killing it frees the
// port and the database), and a start on a port an earlier Spyglass holds names that Spyglass.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MALLOC_TUNABLES } from '../../scripts/mallocTuning.cjs';
import { startTestServer } from '../helpers/server.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function run(args: string[]) {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, out: () => out, err: () => err };
}

describe('npm run serve', () => {
  it('runs the server in its own process: killing it (even with SIGKILL) frees the port', async () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.remove());
    const serve = run(['scripts/serve.ts', '--port', '0', '--db', dir.file('spyglass.db')]);
    cleanups.push(() => void serve.child.kill('SIGKILL'));
    await expect
      .poll(() => /listening on (http:\/\/127\.0\.0\.1:\d+)\//.test(serve.out()), { timeout: 240_000 })
      .toBe(true);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(serve.out())![1]!;
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    // It restarted itself in place (same PID) with glibc told to give memory back (mallocTuning.cjs).
    // (glibc cuts the variable at each ':' in place as it reads it, so each setting is looked for.)
    const environment = readFileSync(`/proc/${serve.child.pid}/environ`, 'utf8');
    for (const setting of MALLOC_TUNABLES.split(':')) expect(environment).toContain(setting);
    serve.child.kill('SIGKILL');
    await serve.exited;
    await expect
      .poll(
        () =>
          fetch(`${url}/api/health`).then(
            () => 'answering',
            () => 'closed',
          ),
        { timeout: 20_000 },
      )
      .toBe('closed');
  }, 300_000);

  it('names the Spyglass that already holds the port', async () => {
    const earlier = await startTestServer();
    cleanups.push(() => earlier.close());
    const dir = makeTempDir();
    cleanups.push(() => dir.remove());
    const second = run([
      'src/cli/index.ts',
      'serve',
      '--port',
      String(earlier.port),
      '--db',
      dir.file('other.db'),
    ]);
    expect(await second.exited).toBe(1);
    expect(second.err()).toContain(`port ${earlier.port} on 127.0.0.1 is already used by Spyglass`);
    expect(second.err()).toContain(earlier.url);
  }, 120_000);
});
