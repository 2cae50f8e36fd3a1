// npm run serve -- [--port N] [--host H] [--db FILE]: headless Spyglass. Builds the UI first when
// out/renderer is missing or older than any file in src/renderer, then runs the CLI's `serve`
// from source with the built UI, in this same process: a child server outlived a killed wrapper,
// holding the port and the database, so the next start failed with "port already in use".
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { restartWithMallocTuning } from './mallocTuning.cjs';

// This process becomes the server: first of all it restarts itself once so that glibc gives freed
// memory back (mallocTuning.cjs), before the build check and the server's modules load.
restartWithMallocTuning();

const root = resolve(import.meta.dirname, '..');
const uiDir = join(root, 'out', 'renderer');
const builtIndex = join(uiDir, 'index.html');

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  if (!existsSync(builtIndex)) return true;
  const sources = join(root, 'src', 'renderer');
  return existsSync(sources) && newestMtimeMs(sources) > statSync(builtIndex).mtimeMs;
}

if (needsBuild()) {
  console.log('spyglass: building the UI (npx electron-vite build)…');
  const build = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    console.error('spyglass: the UI build failed (see above); fix it or run `npm run build` to see why.');
    process.exit(build.status ?? 1);
  }
}

// Imported after the build, so a build failure is reported before the server's modules load.
const { main, processIo } = await import('../src/cli/index.ts');
main(['serve', '--ui-dir', uiDir, ...process.argv.slice(2)], processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`spyglass: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
