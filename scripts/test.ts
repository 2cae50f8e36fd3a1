// `npm test`: lint and format check, module boundaries, build the SDK, type-check the three TypeScript projects,
// build the app (the browser tests load the built UI from out/renderer), then run every test once.
// Ends with one plain summary line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { BIOME_CHECK_ARGS } from './checks.ts';

function step(title: string, command: string, args: string[]): void {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
step('lint + format check (biome)', npx, ['biome', ...BIOME_CHECK_ARGS]);
step('module boundaries (dependency-cruiser)', process.execPath, ['scripts/checkBoundaries.ts']);
// The SDK first: the examples import @spyglass/sdk, whose types live in its built dist/.
step('build (sdk)', 'npm', ['run', 'build', '--workspace', '@spyglass/sdk']);
step('type-check (node)', npx, ['tsc', '--noEmit', '-p', 'tsconfig.node.json']);
step('type-check (web)', npx, ['tsc', '--noEmit', '-p', 'tsconfig.web.json']);
step('type-check (tests)', npx, ['tsc', '--noEmit', '-p', 'tsconfig.test.json']);
step('build (electron-vite)', npx, ['electron-vite', 'build']);

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
const extraArgs = process.argv.slice(2);
console.log('\n▶ tests (vitest)');
const run = spawnSync(
  npx,
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs],
  { stdio: 'inherit', shell: process.platform === 'win32' },
);

try {
  const summary = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
  };
  console.log(`\nvitest: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed`);
} catch {
  console.log('\nvitest: no summary was written');
}
process.exit(run.status ?? 1);
