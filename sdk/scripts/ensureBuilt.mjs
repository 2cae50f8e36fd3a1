// Builds sdk/dist when it is missing or older than the sources, once across parallel test
// workers (a lock directory), so tests that load the package by name see the current code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sdkDir = fileURLToPath(new URL('..', import.meta.url));
const lockDir = `${sdkDir}/.build-lock`;

function newestSourceMs(): number {
  let newest = statSync(`${sdkDir}/package.json`).mtimeMs;
  for (const name of readdirSync(`${sdkDir}/src`)) newest = Math.max(newest, statSync(`${sdkDir}/src/${name}`).mtimeMs);
  return newest;
}

function isFresh(): boolean {
  const marker = `${sdkDir}/dist/cjs/package.json`;
  return existsSync(marker) && existsSync(`${sdkDir}/dist/esm/index.js`) && statSync(`${sdkDir}/dist/esm/index.js`).mtimeMs >= newestSourceMs();
}

export function ensureSdkBuilt(): void {
  if (isFresh()) return;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // Another worker is building; a stale lock (a killed build) is taken over after a minute.
      if (Date.now() - statSync(lockDir, { throwIfNoEntry: false } as never)?.mtimeMs > 60_000) rmSync(lockDir, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (!isFresh()) execFileSync(process.execPath, [`${sdkDir}/scripts/build.mjs`], { stdio: 'inherit' });
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
