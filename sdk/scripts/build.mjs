// Builds dist/esm and dist/cjs with tsc. Output goes to a private directory first and is moved
// into place at the end, so parallel builds (test workers, the demo) never see half a dist.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// typescript's exports map hides bin/, so find it from its package.json.
const tsc = join(
  dirname(createRequire(join(root, 'package.json')).resolve('typescript/package.json')),
  'bin',
  'tsc',
);
const staging = join(root, `dist.build-${process.pid}`);

try {
  for (const [config, out] of [
    ['tsconfig.json', 'esm'],
    ['tsconfig.cjs.json', 'cjs'],
  ]) {
    execFileSync(process.execPath, [tsc, '-p', join(root, config), '--outDir', join(staging, out)], {
      stdio: 'inherit',
      cwd: root,
    });
  }
  // Inside a "type": "module" package, .js files are ESM unless a nearer package.json says otherwise.
  writeFileSync(join(staging, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
  mkdirSync(root, { recursive: true });
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  renameSync(staging, join(root, 'dist'));
} finally {
  rmSync(staging, { recursive: true, force: true });
}
