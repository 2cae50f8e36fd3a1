// Helpers for bench/*.bench.ts: timing, statistics, and one way to print figures.
// The machine is shared and noisy (performance-notes.md), so every figure that matters is printed
// as a ratio against a ceiling measured in the same run, next to the absolute numbers.
import { appendFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { searchFilePath } from '../src/server/store/searchFile.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const nowMs = (): number => performance.now();

/**
 * Collects this process's garbage before a timed phase (bench/run.ts starts benches with
 * --expose-gc), so that a bench's own heap from an earlier phase is not collected on background
 * threads while the phase runs, taking CPU from what is measured (2 cores here).
 */
export function settleHeap(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs fn `runs` times (after `warmup` unmeasured runs) and returns each duration in ms. */
export async function sample(
  fn: () => unknown | Promise<unknown>,
  runs: number,
  warmup = 2,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = nowMs();
    await fn();
    times.push(nowMs() - start);
  }
  return times;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export interface Figure {
  /** What was measured, e.g. "HTTP ingest / bare insert loop". */
  label: string;
  value: number;
  unit: string;
  /** A goal to compare with, printed as PASS/MISS: `value >= min` or `value <= max`. */
  goal?: { min?: number; max?: number };
  note?: string;
}

const results: { title: string; figures: Figure[] }[] = [];

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(value >= 1 ? 2 : 3);
}

/** Prints one group of figures in a fixed layout, and remembers them for the summary. */
export function report(title: string, figures: Figure[]): void {
  results.push({ title, figures });
  // `npm run bench -- --repeat N` collects every run's figures here (bench/summary.ts).
  if (process.env.BENCH_RESULTS)
    appendFileSync(process.env.BENCH_RESULTS, `${JSON.stringify({ title, figures })}\n`);
  console.log(`\n== ${title}`);
  for (const f of figures) {
    let verdict = '';
    if (f.goal) {
      const ok =
        (f.goal.min === undefined || f.value >= f.goal.min) &&
        (f.goal.max === undefined || f.value <= f.goal.max);
      const goal = f.goal.min !== undefined ? `goal >= ${f.goal.min}` : `goal <= ${f.goal.max}`;
      verdict = `  [${ok ? 'PASS' : 'MISS'}: ${goal}]`;
    }
    console.log(
      `   ${f.label.padEnd(58)} ${format(f.value).padStart(12)} ${f.unit}${verdict}${f.note ? `  (${f.note})` : ''}`,
    );
  }
}

export function reported(): readonly { title: string; figures: Figure[] }[] {
  return results;
}

export interface BenchDir {
  path: string;
  file(name: string): string;
  /** Deletes a measured database (with its -wal and -shm), so the kernel never writes its pages back during a later phase. */
  dropDatabase(file: string): void;
  remove(): void;
}

/** A temporary folder for a bench's database, removed by the returned function. */
export function benchDir(prefix: string): BenchDir {
  const path = mkdtempSync(join(tmpdir(), `spyglass-bench-${prefix}-`));
  return {
    path,
    file: (name) => join(path, name),
    dropDatabase: (file) => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/**
 * Runs one timed phase on a settled heap against a new database `name` in `dir`, then drops that
 * database: the garbage and dirty pages one phase leaves must not be cleaned up while the next
 * one is timed (on 2 cores that took CPU from whichever phase came next).
 */
export async function isolatedPhase<T>(
  dir: BenchDir,
  name: string,
  phase: (dbPath: string) => T | Promise<T>,
): Promise<T> {
  settleHeap();
  const path = dir.file(name);
  try {
    return await phase(path);
  } finally {
    dir.dropDatabase(path);
  }
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'ta',
  'vi',
  'so',
  'pe',
  'da',
  'qu',
  'ar',
  'en',
  'is',
  'om',
  'ux',
];
/** A vocabulary of 4,096 word-like tokens; drawn with a skewed (Zipf-like) frequency, like prose. */
const VOCABULARY = Array.from(
  { length: 4096 },
  (_, i) => SYLLABLES[i & 15]! + SYLLABLES[(i >> 4) & 15]! + SYLLABLES[(i >> 8) & 15]!,
);

/** Deterministic pseudo-random text of `length` characters, word-like so FTS indexes real tokens. */
export function text(seed: number, length: number): string {
  let out = '';
  let x = (seed + 1) * 2654435761;
  while (out.length < length) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const u = (x >>> 8) / 16_777_216; // 24 high bits → [0, 1)
    out += `${VOCABULARY[Math.floor(VOCABULARY.length * u * u * u)]} `;
  }
  return out.slice(0, length);
}

/**
 * text() in lines of 70-80 characters, as prompts and tool results (file contents, command
 * output) come: their line breaks are escapes in the stored JSON, which the indexer undoes.
 */
export function textLines(seed: number, length: number): string {
  return text(seed, length).replace(/(.{70,80}?) /g, '$1\n');
}

/** A store's size on disk: its database file and its full-text index's (store/searchFile.ts). */
export function storeBytesOnDisk(dbPath: string): number {
  const search = searchFilePath(dbPath);
  return statSync(dbPath).size + (existsSync(search) ? statSync(search).size : 0);
}
