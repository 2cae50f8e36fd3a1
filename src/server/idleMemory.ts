// Giving memory back once heavy work is over. Measured after the bad-input corpus (bench/memory):
// V8's heap was back to ~20 MB, yet ~190 MB stayed resident as ~800 pooled 256 KiB heap pages.
// V8 releases its page pool in a memory-reducing GC, and its memory reducer, which would run one
// when the process goes idle, never did: it judged the allocation rate by the load that had just
// ended ("high alloc, foreground", --trace-memory-reducer) and kept waiting. So when the process
// has grown and then gone quiet, this asks for that GC itself, and has SQLite free its page cache.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createHeapTrimmer } from './heapTrim.ts';

type Gc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/** Growth of the RSS since the last release that is worth a release. */
const GROWTH_BYTES = 32 * 1024 * 1024;
/** How often the process is looked at; a release waits for one quiet interval. */
const CHECK_MS = 2_000;
/** Share of an interval the event loop may have been busy for it to count as quiet. */
const QUIET_UTILIZATION = 0.05;
/** Quiet intervals in a row after which a busy spell counts as over. */
const SETTLED_INTERVALS = 2;
/**
 * RSS above the lowest seen that is worth a release once a busy spell is over. Smaller than
 * GROWTH_BYTES: the growth rule alone missed a spell that ended ~30 MB up (bench/memory's bad-input
 * corpus: 1.28× the baseline 30 s later), because a release in a pause mid-spell had raised its mark.
 */
const SETTLED_EXCESS_BYTES = 8 * 1024 * 1024;

/**
 * V8's gc() (as --expose-gc installs it), or null. A context created while the flag is on gets the
 * function; the flag is turned off again straight after, so no other code sees a global gc.
 */
function obtainGc(): Gc | null {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return existing as Gc;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    setFlagsFromString('--no-expose-gc');
    return typeof gc === 'function' ? (gc as Gc) : null;
  } catch {
    return null;
  }
}

export interface IdleMemoryOptions {
  /** Frees caches the process holds outside V8 (the store's page cache). */
  releaseCaches(): void;
  /**
   * Whether a bulk write (an import) is running. A release due then waits for the next quiet
   * look: a full GC and trim in the middle of the next import held its event loop for nothing.
   */
  bulkWriting?(): boolean;
  checkMs?: number;
  growthBytes?: number;
}

export interface MemoryReleaser {
  /**
   * Releases shortly, busy or not: after a bulk write (an import), whose input (up to 256 MiB of
   * file bytes) is garbage as soon as its answer is sent, while the search indexing that follows
   * keeps the event loop busy for minutes. Unless other work kept the event loop busy in that
   * second (the next import, say): then it is left to the next quiet look.
   */
  releaseSoon(): void;
  stop(): void;
}

/** After the answer to a bulk write is sent, so its buffers are no longer held. */
const AFTER_BULK_MS = 1_000;
/** Share of that second the event loop may have been busy for the release to go ahead then. */
const BUSY_AFTER_BULK = 0.5;

/** One look at the process: its event loop's busy share since the last look, and its RSS. */
export interface MemorySample {
  busy: number;
  rss: number;
}

/**
 * When to release, from the samples alone. Two rules: the RSS grew by `growth` since the last
 * release (and the process is quiet now), or a busy spell is over (quiet for SETTLED_INTERVALS in a
 * row) with the RSS still SETTLED_EXCESS_BYTES above the lowest seen. The second catches a spell
 * whose mid-spell release (in a pause between requests) raised the growth rule's mark.
 */
export class ReleasePolicy {
  private releasedAt: number;
  private lowest: number;
  private busySinceRelease = false;
  private quietInARow = 0;
  private readonly growth: number;

  constructor(startRss: number, growth = GROWTH_BYTES) {
    this.growth = growth;
    this.releasedAt = startRss;
    this.lowest = startRss;
  }

  /** Whether to release now. */
  observe(sample: MemorySample): boolean {
    if (sample.busy > QUIET_UTILIZATION) {
      this.busySpell();
      return false;
    }
    this.quietInARow++;
    this.lowest = Math.min(this.lowest, sample.rss);
    const grown = sample.rss >= this.releasedAt + this.growth;
    const spellOver =
      this.busySinceRelease &&
      this.quietInARow >= SETTLED_INTERVALS &&
      sample.rss > this.lowest + SETTLED_EXCESS_BYTES;
    return grown || spellOver;
  }

  /** Counts as a busy spell, so the release comes once the process is quiet again. */
  busySpell(): void {
    this.busySinceRelease = true;
    this.quietInARow = 0;
  }

  /**
   * After a release, with the RSS it left. Whatever is still resident is in use (or kept by the
   * allocator): the next release waits for as much growth again, or for the next busy spell to
   * end, rather than running for nothing.
   */
  released(rss: number): void {
    this.releasedAt = rss;
    this.lowest = Math.min(this.lowest, rss);
    this.busySinceRelease = false;
  }
}

/** Starts watching the process's memory. */
export function releaseMemoryWhenIdle(options: IdleMemoryOptions): MemoryReleaser {
  const gc = obtainGc();
  const trimHeap = createHeapTrimmer();
  const policy = new ReleasePolicy(process.memoryUsage.rss(), options.growthBytes);
  let before = performance.eventLoopUtilization();
  const release = () => {
    options.releaseCaches();
    gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    trimHeap(); // what the two freed, from inside glibc's heaps (heapTrim.ts)
    policy.released(process.memoryUsage.rss());
  };
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, before).utilization;
    before = now;
    if (policy.observe({ busy, rss: process.memoryUsage.rss() })) release();
  }, options.checkMs ?? CHECK_MS);
  timer.unref();
  let soon: NodeJS.Timeout | null = null;
  return {
    releaseSoon() {
      if (soon) clearTimeout(soon);
      const scheduled = performance.eventLoopUtilization();
      soon = setTimeout(() => {
        soon = null;
        // Not in the middle of other work (the next import streaming in, or committing): a full GC
        // and heap trim then held the event loop for nothing. The policy releases once it is quiet.
        const busy = performance.eventLoopUtilization(performance.eventLoopUtilization(), scheduled);
        if (options.bulkWriting?.() || busy.utilization > BUSY_AFTER_BULK) policy.busySpell();
        else release();
      }, AFTER_BULK_MS);
      soon.unref();
    },
    stop() {
      clearInterval(timer);
      if (soon) clearTimeout(soon);
    },
  };
}
