// Builds sdk/dist when it is missing or older than the sources, once across parallel processes
// (a lock directory), so tests and the demo that load @spyglass/sdk by name see current code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sdkDir = fileURLToPath(new URL('..', import.meta.url));
const lockDir = `${sdkDir}/.build-lock`;

function newestSourceMs() {
  let newest = statSync(`${sdkDir}/package.json`).mtimeMs;
  for (const name of readdirSync(`${sdkDir}/src`))
    newest = Math.max(newest, statSync(`${sdkDir}/src/${name}`).mtimeMs);
  return newest;
}

function isFresh() {
  const built = `${sdkDir}/dist/esm/index.js`;
  return (
    existsSync(`${sdkDir}/dist/cjs/package.json`) &&
    existsSync(built) &&
    statSync(built).mtimeMs >= newestSourceMs()
  );
}

export function ensureSdkBuilt() {
  if (isFresh()) return;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // Another process is building; a lock left by a killed build is taken over after a minute.
      const lock = statSync(lockDir, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 60_000) rmSync(lockDir, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (!isFresh()) execFileSync(process.execPath, [`${sdkDir}/scripts/build.mjs`], { stdio: 'inherit' });
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
