// The published shapes: the CommonJS build loads with require(), the ESM build with import, both
// from the package name through its exports map, and neither pulls in a dependency.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
// @ts-expect-error plain .mjs helper without declarations
import { ensureSdkBuilt } from '../scripts/ensureBuilt.mjs';

it('loads as CommonJS and as ESM through the package exports', async () => {
  ensureSdkBuilt();
  const require = createRequire(import.meta.url);
  const cjs = require('@spyglass/sdk') as typeof import('../src/index.ts');
  expect(require.resolve('@spyglass/sdk')).toMatch(/dist[\\/]cjs[\\/]index\.js$/);
  const esm = (await import('@spyglass/sdk')) as typeof import('../src/index.ts');
  for (const sdk of [cjs, esm]) {
    const client = new sdk.Spyglass({ enabled: false });
    expect(client.startTrace('x')).toMatch(/^[0-9a-f]{32}$/);
    expect(sdk.PROTOCOL_VERSION).toBe(1);
  }
  expect(cjs.Spyglass).not.toBe(esm.Spyglass);

  // In a plain Node process (no test runner around it), require() works and async context is on.
  const out = execFileSync(
    process.execPath,
    [
      '-e',
      "const { Spyglass } = require('@spyglass/sdk'); const s = new Spyglass({ enabled: false }); console.log(JSON.stringify(s.stats()))",
    ],
    { encoding: 'utf8' },
  );
  expect(JSON.parse(out)).toMatchObject({ enabled: false, asyncContext: true });

  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  expect(pkg.dependencies ?? {}).toEqual({});
  // No top-level node: import in the ESM build: browser and edge bundles must load it.
  const esmIndex = readFileSync(new URL('../dist/esm/context.js', import.meta.url), 'utf8');
  expect(esmIndex).not.toMatch(/^import .*['"]node:/m);
});
