// `npm run test:stress`: the whole `npm test` while CPU hogs keep every core busy, as on a shared
// 2-core CI machine with a load average near 10. Each hog is a child process spinning until this
// script ends (or its parent dies, or a two-hour cap passes); the script prints the load averages
// and the duration at the end. Extra arguments go to `npm test` (e.g. a vitest file filter).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';

const HOGS_PER_CORE = Number(process.env.SPYGLASS_STRESS_HOGS_PER_CORE ?? 2);
const HOG_SOURCE = `
  const stopAt = Date.now() + 2 * 60 * 60 * 1000;
  const parent = process.ppid;
  let x = 0;
  for (;;) {
    for (let i = 0; i < 5e6; i++) x = (x * 1103515245 + 12345) % 2147483648;
    if (Date.now() > stopAt || process.ppid !== parent) process.exit(0);
  }
`;

const hogs: ChildProcess[] = [];
function stopHogs(): void {
  for (const hog of hogs.splice(0)) hog.kill('SIGKILL');
}
process.on('exit', stopHogs);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopHogs();
    process.exit(130);
  });
}

const count = availableParallelism() * HOGS_PER_CORE;
for (let i = 0; i < count; i++) hogs.push(spawn(process.execPath, ['-e', HOG_SOURCE], { stdio: 'ignore' }));
console.log(`▶ stress: ${count} CPU hogs on ${availableParallelism()} cores, then npm test`);

const started = Date.now();
const run = spawnSync(process.execPath, ['scripts/test.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
const [one, five, fifteen] = loadavg().map((n) => n.toFixed(1));
stopHogs();
console.log(
  `\nstress: npm test exited ${run.status ?? run.signal} after ${((Date.now() - started) / 60_000).toFixed(1)} min; load average ${one} / ${five} / ${fifteen} (1 / 5 / 15 min)`,
);
process.exit(run.status ?? 1);
