// Temporary folders for tests: each under the OS temp dir, removed by the returned cleanup.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  path: string;
  /** A path inside the folder. */
  file(name: string): string;
  remove(): void;
}

export function makeTempDir(prefix = 'spyglass-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
