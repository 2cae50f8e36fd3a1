// Every entry point run on a Node older than 22.18 says so in one line, instead of the stack an
// old Node prints when it meets the first .ts file. Runs the real entry points on the machine's
// old Node when there is one (Debian's /usr/bin/node), and checks the guard's rule everywhere.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const guard = createRequire(import.meta.url)('../../scripts/requireNode.cjs') as {
  nodeVersionProblem(version: string): string | null;
  MINIMUM_NODE: string;
};
const ENTRY_SCRIPTS = ['start', 'dev', 'serve', 'demo', 'test', 'bench', 'dist'];
const scripts = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

function oldNode(): string | null {
  const candidate = process.env['SPYGLASS_OLD_NODE'] ?? '/usr/bin/node';
  if (!existsSync(candidate)) return null;
  const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return guard.nodeVersionProblem(version) ? candidate : null;
}

function expectOneLine(stderr: string): void {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  const ours = lines.filter((line) => line.startsWith('Spyglass needs Node.js 22.18.0 or newer'));
  expect(ours, stderr).toHaveLength(1);
  expect(ours[0]).toContain('https://nodejs.org/');
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('ERR_');
}

describe('the Node version rule', () => {
  it('accepts 22.18 and newer, refuses older with the version needed and where to get it', () => {
    for (const ok of ['v22.18.0', '22.18.1', '22.20.0', '23.0.0', '24.21.0', '26.1.0']) {
      expect(guard.nodeVersionProblem(ok), ok).toBeNull();
    }
    for (const old of ['v22.17.1', '22.6.0', '20.20.2', '18.19.0', 'v16.20.2']) {
      const problem = guard.nodeVersionProblem(old);
      expect(problem, old).toContain('22.18.0');
      expect(problem).toContain(old.replace(/^v/, ''));
      expect(problem).toContain('https://nodejs.org/');
      expect(problem).not.toContain('\n');
    }
  });

  it('runs first in every npm entry point', () => {
    for (const name of ENTRY_SCRIPTS) {
      expect(scripts[name], name).toMatch(/^node scripts\/requireNode\.cjs && /);
    }
  });
});

const old = oldNode();
describe.runIf(old)('the entry points on an old Node', () => {
  const env = { ...process.env, PATH: `${dirname(old!)}:${process.env['PATH']}` };

  it.each(ENTRY_SCRIPTS)('npm run %s prints one line', (name) => {
    const run = spawnSync('npm', ['run', name], { cwd: ROOT, env, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expectOneLine(run.stderr);
  });

  it('the spyglass bin prints one line', () => {
    const run = spawnSync(old!, [join(ROOT, 'bin/spyglass.js'), 'traces'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expectOneLine(run.stderr);
  });
});
