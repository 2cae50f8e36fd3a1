// The `spyglass` bin: `spyglass serve` serves the built UI at / without being told where it is
// (npm test builds out/renderer before the tests run).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

const BIN = fileURLToPath(new URL('../../bin/spyglass.js', import.meta.url));
const BUILT_UI = fileURLToPath(new URL('../../out/renderer/index.html', import.meta.url));
let dir: TempDir;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => dir.remove());

it('spyglass serve serves the built UI at /', async () => {
  expect(existsSync(BUILT_UI), 'run `npm run build` (npm test does) before this test').toBe(true);
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', dir.file('bin.db')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk) => {
        out += chunk;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`spyglass serve exited (${code}): ${out}`)));
    });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
  } finally {
    child.kill('SIGTERM');
  }
});
