// The lint + format gate of `npm test` (Biome with the project's biome.jsonc) fails on a planted
// violation of each kind: run on a scratch copy of the config and two clean source files.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIOME_CHECK_ARGS } from '../../scripts/checks.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIOME = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'biome.cmd' : 'biome');
const CLEAN_MODULE = 'src/shared/version.ts';
const CLEAN_COMPONENT = 'src/renderer/src/features/traceList/TraceListFilters.tsx';

let scratch: TempDir;

beforeEach(() => {
  scratch = makeTempDir('spyglass-lint-');
  for (const file of ['biome.jsonc', '.gitignore', CLEAN_MODULE, CLEAN_COMPONENT]) {
    mkdirSync(join(scratch.path, file, '..'), { recursive: true });
    copyFileSync(join(ROOT, file), join(scratch.path, file));
  }
});
afterEach(() => scratch.remove());

function gate(): { status: number | null; output: string } {
  const run = spawnSync(BIOME, BIOME_CHECK_ARGS, { cwd: scratch.path, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function plant(file: string, text: string): void {
  mkdirSync(join(scratch.path, file, '..'), { recursive: true });
  writeFileSync(join(scratch.path, file), text);
}

describe('lint + format gate', () => {
  it('passes on the clean copy', () => {
    const { status, output } = gate();
    expect(output).toContain('Checked');
    expect(status).toBe(0);
  });

  it('fails on a formatting violation', () => {
    plant('src/shared/badFormat.ts', 'export const answer   =  {a:1,"b" : 2}\n');
    const { status, output } = gate();
    expect(status).not.toBe(0);
    expect(output).toMatch(/format/i);
    expect(output).toContain('badFormat.ts');
  });

  it('fails on a missing hook dependency (useExhaustiveDependencies)', () => {
    const source = readFileSync(join(ROOT, CLEAN_COMPONENT), 'utf8');
    const planted = `${source}
export function useLeak(value: string): void {
  useEffect(() => {
    console.log(value);
  }, []);
}
`;
    plant(CLEAN_COMPONENT, planted);
    const { status, output } = gate();
    expect(status).not.toBe(0);
    expect(output).toContain('lint/correctness/useExhaustiveDependencies');
  });

  it('fails on a hook called conditionally (useHookAtTopLevel)', () => {
    const source = readFileSync(join(ROOT, CLEAN_COMPONENT), 'utf8');
    const planted = `${source}
export function useMaybe(flag: boolean): string {
  if (flag) {
    const [draft] = useState('');
    return draft;
  }
  return '';
}
`;
    plant(CLEAN_COMPONENT, planted);
    const { status, output } = gate();
    expect(status).not.toBe(0);
    expect(output).toContain('lint/correctness/useHookAtTopLevel');
  });

  it('fails on an assignment inside an expression', () => {
    plant(
      'src/shared/assign.ts',
      "export function last(list: string[]): string {\n  let item = '';\n  while ((item = list.pop() ?? '')) {\n    if (item.length > 1) break;\n  }\n  return item;\n}\n",
    );
    const { status, output } = gate();
    expect(status).not.toBe(0);
    expect(output).toContain('lint/suspicious/noAssignInExpressions');
  });

  it('fails on a warning-level finding too (noExplicitAny)', () => {
    plant('src/shared/loose.ts', 'export function echo(value: any): string {\n  return String(value);\n}\n');
    const { status, output } = gate();
    expect(status).not.toBe(0);
    expect(output).toContain('lint/suspicious/noExplicitAny');
  });

  it('fails on a renderer feature calling fetch outside the API client', () => {
    plant(
      'src/renderer/src/features/planted/loadThing.ts',
      "export async function loadThing(): Promise<unknown> {\n  return (await fetch('/api/thing')).json();\n}\n",
    );
    const { status, output } = gate();
    expect(status).not.toBe(0);
    expect(output).toContain('lint/style/noRestrictedGlobals');
  });
});
