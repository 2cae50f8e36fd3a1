// Keyboard movement in a single-selection list (the trace and session tables): which row a key
// selects, as Chrome DevTools' tables move.

const STEPS: Readonly<Record<string, number>> = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 };

/**
 * The row index `key` moves the selection to (clamped to the list), or null when the key does not
 * move it. With nothing selected (-1), a step down selects the first row.
 */
export function listKeyTarget(key: string, selectedIndex: number, rowCount: number): number | null {
  if (rowCount === 0) return null;
  if (key === 'Home') return 0;
  if (key === 'End') return rowCount - 1;
  const step = STEPS[key];
  if (step === undefined) return null;
  return Math.max(0, Math.min(rowCount - 1, selectedIndex + step));
}
