// Builds dist/esm and dist/cjs with tsc. Output goes to a private directory first and is moved
// into place at the end, so parallel builds (test workers, the demo) never see half a dist.
// Runs before `npm pack` too (the prepack script), so a packed tarball always carries a build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

// tsc rewrites the sources' `./x.ts` specifiers to `./x.js` in the JavaScript it emits but not in
// the declarations, and a `.ts` path in a .d.ts does not resolve in a user's project (node16 or
// bundler resolution without allowImportingTsExtensions). So the declarations get the same rewrite.
const RELATIVE_TS_SPECIFIER = /((?:from|import)\s*\(?\s*['"]\.\.?\/[^'"]*?)\.ts(['"])/g;

function rewriteDeclarationSpecifiers(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) rewriteDeclarationSpecifiers(path);
    else if (entry.name.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8');
      const rewritten = text.replace(RELATIVE_TS_SPECIFIER, '$1.js$2');
      if (rewritten !== text) writeFileSync(path, rewritten);
    }
  }
}

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
  rewriteDeclarationSpecifiers(staging);
  // Inside a "type": "module" package, .js files are ESM unless a nearer package.json says otherwise.
  writeFileSync(join(staging, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
  mkdirSync(root, { recursive: true });
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  renameSync(staging, join(root, 'dist'));
} finally {
  rmSync(staging, { recursive: true, force: true });
}
