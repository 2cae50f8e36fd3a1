// npm run bench [-- NAME...]: runs every bench/*.bench.ts (or those whose name contains a NAME),
// each in its own Node process so one bench's heap and database never colour the next.
// Each bench prints its own figures (bench/lib.ts report()); this adds timings and a verdict.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const filters = process.argv.slice(2);
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
for (const name of benches) {
  const start = Date.now();
  console.log(`\n### ${name}`);
  const result = spawnSync(process.execPath, ['--expose-gc', join(dir, name)], { stdio: 'inherit' });
  const seconds = ((Date.now() - start) / 1000).toFixed(1);
  if (result.status !== 0) {
    failures.push(name);
    console.log(`### ${name} FAILED (exit ${result.status ?? result.signal}) after ${seconds} s`);
  } else console.log(`### ${name} done in ${seconds} s`);
}
console.log(
  `\nAll benchmarks: ${((Date.now() - started) / 1000).toFixed(0)} s${failures.length ? `; failed: ${failures.join(', ')}` : ''}`,
);
process.exit(failures.length ? 1 : 0);
