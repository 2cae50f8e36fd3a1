// npm run bench [-- [--repeat N] NAME...]: runs every bench/*.bench.ts (or those whose name contains
// a NAME), each in its own Node process so one bench's heap and database never colour the next.
// Each bench prints its own figures (bench/lib.ts report()); this adds timings and a verdict, and
// with --repeat N runs them all N times and ends with every goal's median, range and verdicts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { printSummary } from './summary.ts';

const dir = import.meta.dirname;
const { values: options, positionals: filters } = parseArgs({
  options: { repeat: { type: 'string', default: '1' } },
  allowPositionals: true,
});
const repeat = Number(options.repeat);
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error(`bench: --repeat must be a whole number of runs, 1 or more (got "${options.repeat}")`);
  process.exit(2);
}
const benches = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

if (benches.length === 0) {
  console.error(
    `bench: nothing matches ${filters.join(' ')}; available: ${readdirSync(dir)
      .filter((n) => n.endsWith('.bench.ts'))
      .join(', ')}`,
  );
  process.exit(2);
}

console.log(`Spyglass benchmarks (${benches.length}): ${benches.join(', ')}`);
console.log(
  'Figures that matter are ratios against a ceiling measured in the same run; absolute numbers move 2–3× on a shared machine.',
);
const failures: string[] = [];
const started = Date.now();
const resultsDir = mkdtempSync(join(tmpdir(), 'spyglass-bench-results-'));
const runFiles = Array.from({ length: repeat }, (_, run) => join(resultsDir, `run-${run + 1}.jsonl`));
try {
  for (const [run, results] of runFiles.entries()) {
    if (repeat > 1) console.log(`\n######## run ${run + 1} of ${repeat}`);
    for (const name of benches) {
      const start = Date.now();
      console.log(`\n### ${name}`);
      const result = spawnSync(process.execPath, ['--expose-gc', join(dir, name)], {
        stdio: 'inherit',
        env: { ...process.env, BENCH_RESULTS: results },
      });
      const seconds = ((Date.now() - start) / 1000).toFixed(1);
      if (result.status !== 0) {
        failures.push(repeat > 1 ? `${name} (run ${run + 1})` : name);
        console.log(`### ${name} FAILED (exit ${result.status ?? result.signal}) after ${seconds} s`);
      } else console.log(`### ${name} done in ${seconds} s`);
    }
  }
  if (repeat > 1) printSummary(runFiles);
} finally {
  rmSync(resultsDir, { recursive: true, force: true });
}
console.log(
  `\nAll benchmarks: ${((Date.now() - started) / 1000).toFixed(0)} s${failures.length ? `; failed: ${failures.join(', ')}` : ''}`,
);
process.exit(failures.length ? 1 : 0);
