// Golden text files under test/fixtures/digest: compared exactly; UPDATE_GOLDEN=1 rewrites them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';

const dir = resolve(import.meta.dirname, '../fixtures/digest');

export function expectGolden(name: string, actual: string): void {
  const path = resolve(dir, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    writeFileSync(path, actual.endsWith('\n') ? actual : `${actual}\n`);
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`wrote the missing golden file ${name}; check it and run again`);
    return;
  }
  expect(actual.endsWith('\n') ? actual : `${actual}\n`).toBe(readFileSync(path, 'utf8'));
}
