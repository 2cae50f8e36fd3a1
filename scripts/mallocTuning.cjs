// A long-running collector on Linux hands memory back only if glibc's malloc lets it. Measured
// after bench/memory's bad-input corpus: the V8 heap was back under its start size, yet ~45 MB
// stayed resident in glibc's own heaps (+27 MB in the main heap, +16 MB in a thread's arena).
// glibc raises its mmap threshold each time a large block is freed (up to 32 MiB, with a trim
// threshold of twice that), so after a few large request bodies freed memory below 64 MiB is never
// given back. Fixed thresholds turn that adaptation off. glibc reads them only at start-up
// (GLIBC_TUNABLES), so `spyglass serve` replaces its own process image once with them set, before
// loading anything else: same PID, same stdio, no wrapper to outlive (process.execve, Node ≥ 23.11;
// on older Node it runs untuned). CommonJS beside requireNode.cjs, so the bin can run it first.
'use strict';

/** Blocks from 128 KiB get their own mapping, unmapped when freed; free heap tops over 1 MiB are trimmed. */
const MALLOC_TUNABLES = 'glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=1048576';

/**
 * The environment to restart with, or null when there is nothing to do: not Linux, no
 * process.execve, the tunables already set (this is the restarted process), or turned off with
 * SPYGLASS_MALLOC_TUNING=0. Other C libraries (musl) ignore GLIBC_TUNABLES, so they are not told
 * apart: asking (process.report) took over a second on a busy machine, a restart ~50 ms.
 * @param {{ platform: string, env: Record<string, string | undefined>, execve?: unknown }} proc
 * @returns {Record<string, string | undefined> | null}
 */
function tunedEnvironment(proc) {
  if (typeof proc.execve !== 'function') return null;
  const env = withMallocTunables(proc.env, proc.platform);
  return env === proc.env ? null : env;
}

/**
 * `env` with the malloc tunables added, for a process about to start (the desktop app's collector,
 * a utility process, gets them this way); `env` itself when they do not apply or are there.
 * @param {Record<string, string | undefined>} env
 * @param {string} platform
 * @returns {Record<string, string | undefined>}
 */
function withMallocTunables(env, platform) {
  if (platform !== 'linux' || env.SPYGLASS_MALLOC_TUNING === '0') return env;
  const current = env.GLIBC_TUNABLES || '';
  if (current.includes('glibc.malloc.mmap_threshold')) return env;
  return { ...env, GLIBC_TUNABLES: current ? `${current}:${MALLOC_TUNABLES}` : MALLOC_TUNABLES };
}

/** Replaces this process with itself under the malloc tunables when they apply; else returns. */
function restartWithMallocTuning(proc = process) {
  const env = tunedEnvironment(proc);
  if (env === null) return;
  proc.execve(proc.execPath, [proc.execPath, ...proc.execArgv, ...proc.argv.slice(1)], env);
}

module.exports = { MALLOC_TUNABLES, tunedEnvironment, withMallocTunables, restartWithMallocTuning };
