// The heap trimmer (src/server/heapTrim.ts) gives glibc's free pages inside its heap back to the
// system: without it they stayed resident after heavy load (bench/memory: 1.2–1.34× the baseline
// 30 s after an import). Run in a child process so the test runner's own heap is not involved.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CHILD = join(import.meta.dirname, '..', 'fixtures', 'heapTrimChild.ts');

describe('heap trimmer', () => {
  it('returns the free pages inside the heap that live blocks pin', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', CHILD], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { before, after } = JSON.parse(run.stdout) as { before: number; after: number };
    expect(before).toBeGreaterThan(40_000); // ~80 MB of freed 4 KiB blocks was resident
    expect(after).toBeLessThan(before / 4);
  });
});
