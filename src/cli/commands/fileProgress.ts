// A progress bar for import/export of large files, on stderr. On a terminal it redraws one line;
// in a pipe or a log it prints a line every 10% instead, so logs stay readable.
import type { ImportProgress } from '../../shared/files.ts';

/** Below this size a progress bar would only flash; nothing is drawn. */
export const PROGRESS_MIN_BYTES = 1024 * 1024;
const WIDTH = 30;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const LABELS: Record<ImportProgress['phase'], string> = {
  read: 'reading',
  parse: 'parsing',
  validate: 'checking',
  write: 'writing',
};

export interface ProgressSink {
  /** A terminal: redraw in place with '\r'. */
  tty: boolean;
  write(text: string): void;
}

export function progressBar(sink: ProgressSink, totalBytes: number) {
  const enabled = totalBytes >= PROGRESS_MIN_BYTES;
  let lastDecile = -1;
  let lastPhase = '';
  let drawn = false;
  return {
    update(progress: ImportProgress): void {
      if (!enabled || progress.total <= 0) return;
      const fraction = Math.min(1, progress.done / progress.total);
      const amount =
        progress.phase === 'read' || progress.phase === 'parse'
          ? `${mb(progress.done)} of ${mb(progress.total)}`
          : `${progress.done} of ${progress.total} spans`;
      const line = `${LABELS[progress.phase].padEnd(9)}[${'#'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '.')}] ${Math.round(fraction * 100)}% ${amount}`;
      if (sink.tty) {
        sink.write(`\r${line}\x1b[K`);
        drawn = true;
        return;
      }
      const decile = Math.floor(fraction * 10);
      if (decile !== lastDecile || progress.phase !== lastPhase) {
        sink.write(`${line}\n`);
        lastDecile = decile;
        lastPhase = progress.phase;
      }
    },
    /** Ends the redrawn line so the next output starts on its own. */
    finish(): void {
      if (drawn) sink.write('\n');
      drawn = false;
    },
  };
}

export function stderrSink(): ProgressSink {
  return { tty: process.stderr.isTTY === true, write: (text) => void process.stderr.write(text) };
}
