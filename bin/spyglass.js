#!/usr/bin/env node
// The `spyglass` command: runs the CLI from its TypeScript sources (Node strips the types).
// `spyglass serve` serves the built UI from this package's out/renderer unless told otherwise.
// The Node version is checked before the first .ts file loads (hence the dynamic import): an old
// Node fails on it with a stack that does not say why.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('../scripts/requireNode.cjs').requireNode();
// A long-running server: glibc is told at start-up to give freed memory back. Before anything
// else loads, as this restarts the process (scripts/mallocTuning.cjs).
if (process.argv[2] === 'serve') require('../scripts/mallocTuning.cjs').restartWithMallocTuning();

const { existsSync } = await import('node:fs');
const { fileURLToPath } = await import('node:url');
// In a checkout the CLI runs from its sources. Installed as a package (`npm install -g` of the
// packed app) it lives under node_modules, where Node refuses to strip types: there it runs the
// bundle that `npm pack` builds first (out/main/cli.js).
const installed = /[\\/]node_modules[\\/]/.test(fileURLToPath(import.meta.url));
const { main, processIo } = await import(installed ? '../out/main/cli.js' : '../src/cli/index.ts');

const args = process.argv.slice(2);
const builtUi = fileURLToPath(new URL('../out/renderer', import.meta.url));
if (args[0] === 'serve' && !args.some((a) => a === '--ui-dir' || a.startsWith('--ui-dir='))) {
  if (existsSync(`${builtUi}/index.html`)) args.push('--ui-dir', builtUi);
  else process.stderr.write('spyglass: the UI is not built yet (npm run build); serving the API only.\n');
}

// The bundle's thread modules are built beside it (electron.vite.config.ts); from the sources,
// `serve` finds the threads' TypeScript modules itself.
const threadModules = installed
  ? {
      decoder: new URL('../out/main/decoderThread.js', import.meta.url),
      search: new URL('../out/main/searchThread.js', import.meta.url),
    }
  : undefined;
main(args, { ...processIo(), threadModules }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`spyglass: ${error?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
