// Handing glibc's free heap pages back to the system. After heavy work the V8 heap and SQLite's
// caches are released (idleMemory.ts), but what they freed stays inside glibc's heaps wherever a
// live block sits above it: measured after bench/memory's import and bad-input corpus, 12–27 MB of
// the main heap was free yet resident (1.2–1.34× the baseline), and malloc_trim(0) (called from a
// debugger) brought the process to 0.87×. malloc_trim is the only call that releases free pages in
// the middle of a heap, and Node has no FFI. SQLite's extension loader is the one door to a named C
// function that is already here: it dlopens a library and calls the symbol as
// `init(db, &errmsg, api)`. malloc_trim takes one argument, `pad`, which it reads from the first
// register (db's address, a large number): a pad that large only spares the top of the heap, which
// glibc's trim threshold already handles (mallocTuning.cjs), while the pages inside the heap are
// released whatever the pad. malloc_trim returns 1 when it released something, which SQLite reports
// as a failed initialisation: that error is the expected answer. Only on Linux, and only while
// libc.so.6 can be opened (not on musl), so each failure of another kind turns the trimmer off.
import Database from 'better-sqlite3';

export type HeapTrimmer = () => void;

/** better-sqlite3 takes the entry point as a second argument (src/objects/database.cpp); its types name only the path. */
type LoadExtension = (path: string, entryPoint: string) => unknown;

/** Releases glibc's free heap pages each time it is called (a no-op where glibc is not there). */
export function createHeapTrimmer(platform: NodeJS.Platform = process.platform): HeapTrimmer {
  if (platform !== 'linux') return () => {};
  let loader: Database.Database | null = null;
  let disabled = false;
  return () => {
    if (disabled) return;
    try {
      loader ??= new Database(':memory:');
      (loader.loadExtension as LoadExtension).call(loader, 'libc.so.6', 'malloc_trim');
    } catch (error) {
      if (/error during initialization/.test((error as Error).message)) return; // released pages
      disabled = true;
      loader?.close();
      loader = null;
    }
  };
}
