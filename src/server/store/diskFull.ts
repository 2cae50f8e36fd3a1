// Recognising a full disk among storage errors (SQLite's SQLITE_FULL and its extended codes, or the
// file system's ENOSPC), so callers can answer it clearly instead of as an internal error.
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_FULL') || code === 'ENOSPC');
}
