// Deferred full-text indexing (migrations.ts v3, v15). Spans and traces with ids above a watermark
// are new since the last indexing and are indexed whole; changes to older rows are marked in
// search_pending with the fields that changed. The work is handed out in jobs (searchJob.ts), run
// on the search thread (searchThread.ts) where there is one, else on this connection in small
// chunks: when the writer is idle, and after a commit once the index lags more than a bound
// (IngestQueue), so sustained ingest cannot starve it. A search first waits at most
// SEARCH_CATCH_UP_MS for the index to catch up, then answers with the lag that remains (`lagMs`),
// so the UI can say what it may be missing instead of one search freezing the collector.
//
// Rows are "claimed" when their job is handed out: from then on, a change to one of them is
// marked for re-indexing, since the job may have read it already. The watermarks that count for
// the lag are the ones the search file has committed, so a crash redoes what was only claimed.
import type Database from 'better-sqlite3';
import { SearchBlocks } from './searchBlocks.ts';
import { openSearchFile } from './searchFile.ts';
import { type SearchJob, SearchJobRunner } from './searchJob.ts';
import type { SearchThreadClient } from './searchThreadClient.ts';

export { FIELD_ERROR, FIELD_INPUT, FIELD_NAME, FIELD_OUTPUT } from './searchJob.ts';

/**
 * Longest a search waits for indexing before it runs: enough for the backlog of a burst; a larger
 * backlog is the search thread's (or the ingest-time indexer's) to work off.
 */
export const SEARCH_CATCH_UP_MS = 100;
/** Rows a job on the search thread indexes: large enough that FTS5 merges few segments, small
 * enough that a job's rows become searchable within tens of milliseconds. */
const THREAD_JOB_ROWS = 1_000;
/**
 * With a search thread, the store's WAL is checkpointed there, after a job, and not by SQLite's
 * automatic checkpoint in the commit that crosses its threshold: that one copied 64 MB and synced
 * the file on the ingest thread, 100-200 ms during which no request was answered (paced ingest's
 * p99 190 ms; 63 ms without it, bench/ingest.bench.ts). After commits that gave the thread nothing
 * to index, a job that only checkpoints goes out at most this often.
 */
const CHECKPOINT_ONLY_EVERY_MS = 1_000;

/**
 * The pace assumed for indexing before a job has measured it, rows a millisecond: about what the
 * search thread does with realistic 2-20 KB payloads (bench/otlp.bench.ts).
 */
const ASSUMED_ROWS_PER_MS = 5;
/** A job's pace counts for this share of the estimate (an exponential moving average). */
const PACE_WEIGHT = 0.3;

/** A commit's high-water marks, kept until the indexer has passed them (see `lagMs`). */
interface CommitMark {
  atMs: number;
  spanId: number;
  traceId: number;
  /** The commit left changed fields of already indexed rows in search_pending. */
  pending: boolean;
}

interface Watermarks {
  span: number;
  trace: number;
}

/** A job handed out and not yet done. */
interface InFlight {
  job: SearchJob;
  handedOutAtMs: number;
  /** Every row of search_pending was in the job. */
  allPending: boolean;
  /** Owners of the job's pending rows. */
  pendingOwners: Set<number>;
  /** Those marked again since: their rows stay for the next job. */
  markedAgain: Set<number>;
}

export interface SearchIndexerOptions {
  /** Runs jobs on a thread of its own; null: on this connection. */
  thread?: SearchThreadClient | null;
  /** Told of a job that failed on the thread (it is handed out again). */
  onError?: (error: Error) => void;
  /** The thread stopped for good: the store's own connection checkpoints again. */
  onThreadLost?: () => void;
}

export class SearchIndexer {
  private readonly db: Database.Database;
  private readonly stmt;
  /** Sort-key bounds per block of FTS rows (searchBlocks.ts), written as jobs are handed out. */
  readonly blocks: SearchBlocks;
  private readonly runner: SearchJobRunner;
  private thread: SearchThreadClient | null;
  private readonly onError: (error: Error) => void;
  private readonly onThreadLost: () => void;
  /** Commits since the thread last checkpointed the store, and when it did (performance.now()). */
  private uncheckpointedCommits = 0;
  private checkpointedAtMs = 0;
  /** Indexed and committed to the search file. */
  private readonly indexed: Watermarks;
  /** Handed out (≥ indexed). */
  private readonly claimed: Watermarks;
  private inFlight: InFlight | null = null;
  private readonly indexHere: (limit: number) => number;
  private readonly donePending: (owners: number[]) => void;
  /** Commits not yet wholly indexed, oldest first (a queue read from `marksHead`). */
  private marks: CommitMark[] = [];
  private marksHead = 0;
  private newest = { spanId: 0, traceId: 0 };
  /**
   * The newest rows of the last bulk write (a file import), or of the store as it was opened:
   * see `projectedLagMs`.
   */
  private bulk: Watermarks = { span: 0, trace: 0 };
  /** When search_pending was last seen empty after indexing (performance.now()). */
  private pendingClearedAtMs = -Infinity;
  /** How fast recent jobs indexed, rows a millisecond (see `projectedLagMs`). */
  private rowsPerMs = ASSUMED_ROWS_PER_MS;
  /** Searches waiting for the index to pass a commit. */
  private waiters: { mark: CommitMark; resolve: () => void }[] = [];

  constructor(db: Database.Database, storePath: string, options: SearchIndexerOptions = {}) {
    this.db = db;
    this.thread = options.thread ?? null;
    this.onError = options.onError ?? (() => {});
    this.onThreadLost = options.onThreadLost ?? (() => {});
    this.indexed = openSearchFile(db, storePath);
    this.claimed = { ...this.indexed };
    this.stmt = {
      maxSpan: db.prepare('SELECT coalesce(max(id), 0) FROM spans').pluck(),
      maxTrace: db.prepare('SELECT coalesce(max(id), 0) FROM traces').pluck(),
      anyPending: db.prepare('SELECT 1 FROM search_pending LIMIT 1').pluck(),
      takePending: db.prepare('SELECT owner, fields FROM search_pending ORDER BY owner LIMIT ?').raw(),
      donePending: db.prepare('DELETE FROM search_pending WHERE owner = ?'),
    };
    this.blocks = new SearchBlocks(db);
    this.runner = new SearchJobRunner(db);
    this.donePending = db.transaction((owners: number[]) => {
      for (const owner of owners) this.stmt.donePending.run(owner);
    });
    this.indexHere = db.transaction((limit: number) => {
      const started = this.handOut(limit);
      if (!started) return 0;
      const indexed = this.runner.run(started.job);
      this.done(started);
      return indexed;
    });
    // Rows a crash or an earlier run left unindexed count from start-up.
    this.noteCommit(performance.now());
    // ... and, like a file import's, hold no sender: no sender made them. An index made again
    // (missing, or of an earlier format) starts with the whole store as its backlog, minutes of
    // work for a large one, and counting it held every live commit until it was done.
    this.bulk = { span: this.newest.spanId, trace: this.newest.traceId };
  }

  /**
   * Records what a commit that just ended wrote (O(1): two max(rowid) lookups and one probe), so
   * `lagMs` can tell how old the oldest unindexed change is; gives the search thread work.
   */
  noteCommit(atMs: number): void {
    const spanId = this.stmt.maxSpan.get() as number;
    const traceId = this.stmt.maxTrace.get() as number;
    const pending = this.stmt.anyPending.get() !== undefined;
    const grew =
      spanId > Math.max(this.newest.spanId, this.indexed.span) ||
      traceId > Math.max(this.newest.traceId, this.indexed.trace);
    this.newest = { spanId, traceId };
    if (grew || pending) this.marks.push({ atMs, spanId, traceId, pending });
    this.uncheckpointedCommits++;
    this.kickThread();
  }

  /**
   * How long ago the oldest change not yet searchable was committed (0 when the index is
   * current): an upper bound on what a search may miss.
   */
  lagMs(nowMs: number = performance.now()): number {
    while (this.marksHead < this.marks.length && this.covered(this.marks[this.marksHead]!)) this.marksHead++;
    if (this.marksHead === this.marks.length) {
      this.marks = [];
      this.marksHead = 0;
      return 0;
    }
    if (this.marksHead > 1024) {
      this.marks = this.marks.slice(this.marksHead);
      this.marksHead = 0;
    }
    return Math.max(0, nowMs - this.marks[this.marksHead]!.atMs);
  }

  /**
   * How far behind the index may be by the time what is committed now is searchable, at the pace
   * of recent jobs: the age of the oldest unindexed change plus the time the backlog takes (an
   * upper bound: the larger of the two alone let the measured lag overshoot a 1 s limit by 0.7 s,
   * bench/otlp.bench.ts). What ingest waits on (IngestQueue): under a fast load the backlog of one
   * second can take many seconds to index, so `lagMs` alone would let it grow far past any bound
   * before it showed.
   *
   * While a bulk write's rows (a file import) are still being indexed, only the time of the rows
   * committed since counts. No sender made the import's backlog, and holding senders would not
   * index it sooner: counted, it held every live commit for as long as a hold lasts until the
   * import was indexed. What senders add on top of it is still bounded; the age of their oldest
   * change is not counted, as it waits behind the import's rows whatever they do.
   */
  projectedLagMs(nowMs: number = performance.now()): number {
    const lag = this.lagMs(nowMs);
    if (lag === 0) return 0;
    const importing = this.bulk.span > this.indexed.span || this.bulk.trace > this.indexed.trace;
    // Rows past the index and past the last import (once that is indexed, the index is the later).
    const backlog =
      Math.max(0, this.newest.spanId - Math.max(this.indexed.span, this.bulk.span)) +
      Math.max(0, this.newest.traceId - Math.max(this.indexed.trace, this.bulk.trace));
    return (importing ? 0 : lag) + backlog / this.rowsPerMs;
  }

  /** A bulk write (a file import) has committed: its rows do not count in `projectedLagMs`. */
  noteBulkCommitted(): void {
    // Its last applyBatches noted the newest rows (noteCommit); the commit adds none.
    this.bulk = { span: this.newest.spanId, trace: this.newest.traceId };
  }

  private covered(mark: CommitMark): boolean {
    return (
      mark.spanId <= this.indexed.span &&
      mark.traceId <= this.indexed.trace &&
      (!mark.pending || this.pendingClearedAtMs >= mark.atMs)
    );
  }

  /**
   * Whether indexing runs on the search thread, and with it the store's WAL checkpoints (not on
   * the store's connection).
   */
  get onThread(): boolean {
    return this.thread !== null;
  }

  /**
   * Whether a change to this span (owner > 0) or trace (owner < 0) must be marked for re-indexing:
   * its row was handed out to be indexed already. Called as the writer marks it.
   */
  markChanged(owner: number): boolean {
    const claimed = owner > 0 ? owner <= this.claimed.span : -owner <= this.claimed.trace;
    if (claimed && this.inFlight?.pendingOwners.has(owner)) this.inFlight.markedAgain.add(owner);
    return claimed;
  }

  hasBacklog(): boolean {
    return (
      (this.stmt.maxSpan.get() as number) > this.claimed.span ||
      (this.stmt.maxTrace.get() as number) > this.claimed.trace ||
      this.stmt.anyPending.get() !== undefined
    );
  }

  /**
   * Indexes on this connection, in chunks, until nothing is left, `maxItems` are done, or
   * `budgetMs` has passed. With a search thread it only makes sure the thread has work.
   */
  run(options: { maxItems?: number; budgetMs?: number; chunk?: number } = {}): {
    indexed: number;
    more: boolean;
  } {
    if (this.thread) {
      this.kickThread();
      return { indexed: 0, more: this.hasBacklog() };
    }
    const deadline = performance.now() + (options.budgetMs ?? Infinity);
    const maxItems = options.maxItems ?? Infinity;
    const chunk = options.chunk ?? 200;
    let indexed = 0;
    while (indexed < maxItems && performance.now() < deadline) {
      const n = this.indexHere(Math.min(chunk, maxItems - indexed));
      indexed += n;
      if (n === 0) return { indexed, more: false };
    }
    return { indexed, more: this.hasBacklog() };
  }

  /**
   * Resolves once every commit made so far is searchable, or after `budgetMs`: on this connection
   * by indexing for at most that long, with a search thread by waiting for its jobs.
   */
  catchUp(budgetMs: number): Promise<void> {
    if (this.lagMs() === 0) return Promise.resolve();
    if (!this.thread) {
      this.run({ budgetMs });
      return Promise.resolve();
    }
    const mark = this.marks[this.marks.length - 1]!;
    this.kickThread();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, budgetMs);
      this.waiters.push({
        mark,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Waits for the job in flight; the search thread then ends. */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    await thread?.stop();
  }

  /**
   * The next job: new rows after the claimed watermarks (ids only grow), then marked changes, at
   * most `limit` rows. Their blocks' bounds are written now, before any of the rows can be found.
   */
  private handOut(limit: number): InFlight | null {
    const maxSpan = this.stmt.maxSpan.get() as number;
    const maxTrace = this.stmt.maxTrace.get() as number;
    const spans = { from: this.claimed.span, to: Math.min(maxSpan, this.claimed.span + limit) };
    const traces = {
      from: this.claimed.trace,
      to: Math.min(maxTrace, this.claimed.trace + limit - (spans.to - spans.from)),
    };
    const room = limit - (spans.to - spans.from) - (traces.to - traces.from);
    const pending = room > 0 ? (this.stmt.takePending.all(room) as [number, number][]) : [];
    if (spans.to === spans.from && traces.to === traces.from && pending.length === 0) return null;
    if (spans.to > spans.from) this.blocks.indexed('span', spans.from, spans.to);
    if (traces.to > traces.from) this.blocks.indexed('trace', traces.from, traces.to);
    this.claimed.span = spans.to;
    this.claimed.trace = traces.to;
    return this.startJob({ spans, traces, pending }, room > 0 && pending.length < room);
  }

  private startJob(job: SearchJob, allPending: boolean): InFlight {
    this.inFlight = {
      job,
      handedOutAtMs: performance.now(),
      allPending,
      pendingOwners: new Set(job.pending.map(([owner]) => owner)),
      markedAgain: new Set(),
    };
    return this.inFlight;
  }

  /** The job is committed to the search file: its rows count as indexed. */
  private done(job: InFlight): void {
    this.inFlight = null;
    this.notePace(job);
    this.indexed.span = Math.max(this.indexed.span, job.job.spans.to);
    this.indexed.trace = Math.max(this.indexed.trace, job.job.traces.to);
    if (job.pendingOwners.size)
      this.donePending([...job.pendingOwners].filter((o) => !job.markedAgain.has(o)));
    if (job.allPending) this.pendingClearedAtMs = job.handedOutAtMs;
    if (this.waiters.length) {
      const waiting = this.waiters;
      this.waiters = waiting.filter((w) => !this.covered(w.mark));
      for (const w of waiting) if (this.covered(w.mark)) w.resolve();
    }
  }

  /** Folds a job's rows a millisecond into `rowsPerMs` (jobs too small to time are left out). */
  private notePace({ job, handedOutAtMs }: InFlight): void {
    const rows = job.spans.to - job.spans.from + (job.traces.to - job.traces.from) + job.pending.length;
    const elapsedMs = performance.now() - handedOutAtMs;
    if (rows < 50 || elapsedMs <= 0) return;
    this.rowsPerMs = (1 - PACE_WEIGHT) * this.rowsPerMs + PACE_WEIGHT * (rows / elapsedMs);
  }

  /** A job with nothing to index, only the store's checkpoint, when one is due. */
  private checkpointOnly(): InFlight | null {
    if (this.uncheckpointedCommits === 0) return null;
    if (performance.now() - this.checkpointedAtMs < CHECKPOINT_ONLY_EVERY_MS) return null;
    const none = (at: number) => ({ from: at, to: at });
    return this.startJob(
      { spans: none(this.claimed.span), traces: none(this.claimed.trace), pending: [] },
      false,
    );
  }

  /** The job did not commit: what it claimed is handed out again. */
  private failed(): void {
    this.inFlight = null;
    this.claimed.span = this.indexed.span;
    this.claimed.trace = this.indexed.trace;
  }

  /**
   * Hands the search thread its next job when it has none. Never inside a transaction of this
   * connection: the thread sees only what is committed, and a job must not claim rows that an
   * import's transaction might still roll back (their ids would be written again).
   */
  private kickThread(): void {
    const thread = this.thread;
    if (!thread || this.inFlight || this.db.inTransaction) return;
    const job = this.handOut(THREAD_JOB_ROWS) ?? this.checkpointOnly();
    if (!job) return;
    if (this.uncheckpointedCommits > 0) {
      job.job.checkpointStore = true;
      this.uncheckpointedCommits = 0;
      this.checkpointedAtMs = performance.now();
    }
    thread.run(job.job).then(
      (answer) => {
        if ('indexed' in answer) this.done(job);
        else {
          this.failed();
          if (!answer.diskFull) this.onError(new Error(`full-text indexing failed: ${answer.error}`));
          return; // on a full disk, the next commit (or search) tries again
        }
        this.kickThread();
      },
      (error: unknown) => {
        // The thread cannot run (its entry failed to load, or it died): index here from now on.
        this.failed();
        this.thread = null;
        this.onThreadLost();
        this.onError(new Error(`the search thread stopped, indexing on the main thread: ${String(error)}`));
      },
    );
  }
}
