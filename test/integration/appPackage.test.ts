// The `spyglass` bin as installed from the packed app (`npm pack` at the root, then
// `npm install -g spyglass-<version>.tgz`): the package lands under node_modules, where Node does
// not strip types, so the bin must run the CLI bundle that prepack built. The install is laid out
// by hand here (the tarball unpacked into a global prefix's lib/node_modules, its dependencies
// linked to ours) because the registry is not reachable from tests.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { largeOtlpFile } from '../helpers/largeOtlpFile.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: TempDir;
let installed: string;

beforeAll(() => {
  dir = makeTempDir('spyglass-app-pack-');
  // prepack (the build) prints to stdout too: the JSON answer is the array at the end.
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir.path], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const [packed] = JSON.parse(out.slice(out.search(/^\[\s*\{/m))) as { filename: string }[];
  installed = join(dir.path, 'prefix', 'lib', 'node_modules', 'spyglass');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['xzf', join(dir.path, packed!.filename), '-C', installed, '--strip-components=1']);
  symlinkSync(join(ROOT, 'node_modules'), join(installed, 'node_modules'));
}, 180_000);
afterAll(() => dir?.remove());

it('runs from the installed package: --help, and serve with the packed UI and its threads', async () => {
  const bin = join(installed, 'bin', 'spyglass.js');
  expect(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })).toContain('spyglass serve');

  const child = spawn(
    process.execPath,
    [bin, 'serve', '--port', '0', '--no-grpc', '--db', dir.file('g.db')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    let output = '';
    const url = await new Promise<string>((done, fail) => {
      const look = (chunk: Buffer) => {
        output += chunk;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
        if (match) done(match[1]!);
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      child.once('exit', (code) => fail(new Error(`spyglass serve exited (${code}): ${output}`)));
    });
    expect(output).not.toContain('not built');
    // Both of the collector's threads run from the bundle's own modules (out/main), not from
    // TypeScript sources the package does not have: without them ingest decodes and indexes on
    // the request thread.
    expect(output).not.toContain('runs on the request thread');
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(await (await fetch(`${url}/api/health`)).json()).toMatchObject({ ok: true });

    // A body large enough for the decoder thread, and a search the search thread indexes for.
    const file = largeOtlpFile(0.5);
    const sent = await fetch(`${url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array(file.bytes),
    });
    expect(sent.status).toBe(200);
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${url}/api/traces?q=lorem`)).json()) as { traces: unknown[] }).traces.length,
      )
      .toBe(file.traces);
    expect(output).not.toMatch(/did not start|search thread stopped|runs on the request thread/);
  } finally {
    child.kill('SIGTERM');
  }
}, 120_000);
