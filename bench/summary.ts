// The summary of repeated bench runs (`npm run bench -- --repeat N`): every figure with a goal, as
// the median and range over the runs and each run's verdict, since one run on a shared machine
// says little (performance-notes.md).
import { existsSync, readFileSync } from 'node:fs';
import { median, type Figure } from './lib.ts';

interface Reported {
  title: string;
  figures: Figure[];
}

const passes = (f: Figure) =>
  (f.goal!.min === undefined || f.value >= f.goal!.min) &&
  (f.goal!.max === undefined || f.value <= f.goal!.max);

/** Reads each run's figures (JSON lines, one report a line) and prints one line per goal. */
export function printSummary(runFiles: readonly string[]): void {
  // Keyed by title, label and how many times the label came before in that title (some repeat).
  const rows = new Map<string, { title: string; figure: Figure; values: (Figure | null)[] }>();
  runFiles.forEach((file, run) => {
    const seen = new Map<string, number>();
    // A run whose benches all failed reported nothing and wrote no file.
    const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
    for (const line of lines) {
      if (!line) continue;
      const { title, figures } = JSON.parse(line) as Reported;
      for (const figure of figures) {
        if (!figure.goal) continue;
        const base = `${title}\u0000${figure.label}`;
        const nth = seen.get(base) ?? 0;
        seen.set(base, nth + 1);
        const key = `${base}\u0000${nth}`;
        if (!rows.has(key)) rows.set(key, { title, figure, values: runFiles.map(() => null) });
        rows.get(key)!.values[run] = figure;
      }
    }
  });
  console.log(
    `\n== Summary of ${runFiles.length} runs: median [range], each run's verdict (P pass, M miss, - absent)`,
  );
  let title = '';
  for (const row of rows.values()) {
    if (row.title !== title) {
      title = row.title;
      console.log(`  ${title}`);
    }
    const values = row.values.filter((f): f is Figure => f !== null).map((f) => f.value);
    const verdicts = row.values.map((f) => (f === null ? '-' : passes(f) ? 'P' : 'M')).join('');
    const goal =
      row.figure.goal!.min !== undefined ? `>= ${row.figure.goal!.min}` : `<= ${row.figure.goal!.max}`;
    const range = `${round(median(values))} [${round(Math.min(...values))}–${round(Math.max(...values))}]`;
    console.log(
      `   ${row.figure.label.padEnd(58)} ${range.padStart(24)} ${row.figure.unit}  ${verdicts}  goal ${goal}`,
    );
  }
}

function round(value: number): string {
  return Math.abs(value) >= 100 ? String(Math.round(value)) : value.toPrecision(3);
}
