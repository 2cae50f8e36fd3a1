// `npm run boundaries` (and a step of `npm test`): the module boundaries in .dependency-cruiser.cjs,
// checked by dependency-cruiser on the resolved module graph. A layer folder that has gone missing
// (renamed, moved) fails too: its rules would otherwise pass by checking nothing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every folder a rule in .dependency-cruiser.cjs is about. */
export const LAYER_FOLDERS = [
  'src/shared',
  'src/server',
  'src/cli',
  'src/main',
  'src/preload',
  'src/renderer/src/app',
  'src/renderer/src/api',
  'src/renderer/src/features',
  'src/renderer/src/components',
  'src/renderer/src/state',
  'src/renderer/src/model',
  'src/renderer/src/lib',
  'sdk/src',
];

export interface BoundaryReport {
  ok: boolean;
  report: string;
}

export function checkBoundaries(root: string): BoundaryReport {
  const missing = LAYER_FOLDERS.filter((folder) => !existsSync(join(root, folder)));
  if (missing.length > 0) {
    const list = missing.map((folder) => `  missing layer folder: ${folder}`).join('\n');
    return {
      ok: false,
      report: `${list}\nA rule in .dependency-cruiser.cjs names it; restore the folder or update the rules and LAYER_FOLDERS.`,
    };
  }
  const bin = join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'depcruise.cmd' : 'depcruise',
  );
  const run = spawnSync(
    bin,
    ['src', 'sdk/src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err', '--no-progress'],
    { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' },
  );
  // Drop dependency-cruiser's note that it cannot use TypeScript 7's compiler: swc parses instead.
  const report = `${run.stdout}${run.stderr}`.split(/\n\s*‼ missing-tsc-transpiler/)[0]!.trim();
  return { ok: run.status === 0, report };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { ok, report } = checkBoundaries(process.cwd());
  console.log(report);
  process.exit(ok ? 0 : 1);
}
