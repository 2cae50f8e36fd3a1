// Group commit. Batches that arrive while the writer is busy (or within one event-loop turn) are
// committed together in one transaction, which is what keeps a synchronous SQLite writer from
// spending its time on per-transaction overhead under many concurrent senders. Each caller's
// promise settles only after the transaction holding its batch has committed.
//
// Overload: the queue is bounded by spans waiting. Past the bound, `submit` rejects at once with
// OverloadedError (503 + Retry-After) instead of buffering without limit; the SDK and OTLP
// exporters retry later.
import type { NormalizedBatch } from '../ingest/model.ts';
import type { ChangeSet, Store } from '../store/index.ts';
import { HttpError } from './http.ts';
import { splitBatch } from './splitBatch.ts';

/** Longest stretch the idle indexer holds the event loop. */
const INDEX_SLICE_MS = 10;
/** How long ingest must be quiet before the idle indexer runs. */
const INDEX_IDLE_MS = 50;
/**
 * Under sustained ingest the writer is never idle, so past this lag each commit is followed by
 * an indexing slice (see indexBehindIngest): what is searchable trails ingest by about this much.
 */
export const INDEX_LAG_TARGET_MS = 250;
/**
 * An indexing slice after a commit indexes up to this many times the items just committed, so a
 * lagging index gains on ingest instead of only keeping pace...
 */
const INDEX_CATCH_UP_FACTOR = 2;
/** ...within this long, so together with the commit (≤ ~25 ms) no turn holds the loop past ~100 ms. */
const INDEX_SLICE_UNDER_LOAD_MS = 50;
/**
 * With a search thread, commits wait while the index would trail by more than this once it has
 * indexed what is committed (Store.projectedSearchLagMs). The thread competes with ingest for the
 * cores, and nothing else slows a sender down: with realistic 2-20 KB payloads from 4 clients the
 * lag grew through the whole load (3.5 s after 20,000 OTLP spans, and growing; issue 17 asks for
 * a bounded lag). Held commits hold their senders' answers, which is the back-pressure the SDK
 * and OTLP exporters understand; past maxQueuedItems they get 503. 1.5 s keeps the measured lag
 * under the bench's 2 s goal (1.6 s at most), and a load the thread keeps up with is not held:
 * at 1 s the 1 KB ingest bench, whose lag stays near 1 s on its own, lost 20% of its rate.
 */
export const INDEX_LAG_LIMIT_MS = 1_500;
/**
 * The longest one hold lasts: then the next commit goes through whatever the lag, so an index
 * that makes no progress (a thread that keeps failing) slows ingest but never stops it.
 */
const INDEX_HOLD_MAX_MS = 2_000;
/**
 * A held queue looks at the lag again this often (or as soon as the index is current): commits
 * resume as soon as the lag is back under the limit, keeping the search thread busy and the
 * other core at ingest instead of both waiting out a long pause.
 */
const INDEX_HOLD_RECHECK_MS = 20;

/** What an exclusive writer (IngestQueue.exclusive) writes through; files/importInPieces.ts's ImportSink. */
export interface BulkSink {
  /** Writes a batch inside the open transaction. */
  commit(batch: NormalizedBatch): void;
  /** Undoes everything written so far in it. */
  discard(): void;
}

export class OverloadedError extends HttpError {
  constructor(retryAfterSeconds: number) {
    super(503, `The collector is busy writing; retry in ${retryAfterSeconds} s`, undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

export interface SubmitOptions {
  /** Commit the batch in one transaction however large (it then holds the event loop that long). */
  atomic?: boolean;
}

function mergeChangeSets(sets: ChangeSet[]): ChangeSet {
  const tracePks = new Set<number>();
  const spanPksByTrace = new Map<string, number[]>();
  for (const set of sets) {
    for (const pk of set.tracePks) tracePks.add(pk);
    for (const [traceId, pks] of set.spanPksByTrace) {
      const list = spanPksByTrace.get(traceId);
      if (list) for (const pk of pks) list.push(pk);
      else spanPksByTrace.set(traceId, [...pks]);
    }
  }
  return { tracePks: [...tracePks], spanPksByTrace };
}

interface Pending {
  batch: NormalizedBatch;
  size: number;
  resolve(changes: ChangeSet): void;
  reject(error: unknown): void;
}

export interface IngestQueueOptions {
  /** Most spans waiting for a commit before new batches are refused. */
  maxQueuedItems?: number;
  /**
   * Most items committed in one transaction (a bigger queue is drained over several). The commit
   * holds the event loop, so this bounds how long a UI query can wait behind ingest (~2,000 span
   * events ≈ 25 ms; bench/ingest.bench.ts measures list latency during ingest).
   */
  maxItemsPerCommit?: number;
  /** Called after each commit with what it changed (the live feed). */
  onCommit?(changes: ChangeSet): void;
  onError?(error: unknown): void;
}

export class IngestQueue {
  private readonly store: Store;
  private readonly maxQueued: number;
  private readonly maxPerCommit: number;
  private readonly onCommit: (changes: ChangeSet) => void;
  private readonly onError: (error: unknown) => void;
  private pending: Pending[] = [];
  private queuedItems = 0;
  private scheduled = false;
  private closed = false;
  private indexing: NodeJS.Timeout | null = null;
  /** Since when commits wait for the search thread (see holdForIndex); null: not waiting. */
  private heldSinceMs: number | null = null;
  private lastCommitMs = -Infinity;
  /** While an exclusive writer holds its transaction open, the queue commits nothing. */
  private paused = false;
  private exclusiveTail: Promise<unknown> = Promise.resolve();

  constructor(store: Store, options: IngestQueueOptions = {}) {
    this.store = store;
    this.maxQueued = options.maxQueuedItems ?? 100_000;
    this.maxPerCommit = options.maxItemsPerCommit ?? 2_000;
    this.onCommit = options.onCommit ?? (() => {});
    this.onError = options.onError ?? (() => {});
  }

  /**
   * Resolves after the batch is committed. An empty batch resolves at once. A batch larger than
   * one commit is committed in parts (splitBatch.ts) unless `atomic` (file import: all or nothing).
   */
  submit(batch: NormalizedBatch, options: SubmitOptions = {}): Promise<ChangeSet> {
    const size = batch.spans.length + batch.traces.length;
    if (size === 0) return Promise.resolve({ tracePks: [], spanPksByTrace: new Map() });
    if (this.closed)
      return Promise.reject(
        new HttpError(503, 'The collector is shutting down', undefined, { 'Retry-After': '5' }),
      );
    if (this.queuedItems > 0 && this.queuedItems + size > this.maxQueued) {
      return Promise.reject(new OverloadedError(1));
    }
    const parts = options.atomic ? [batch] : splitBatch(batch, this.maxPerCommit);
    const committed = parts.map(
      (part) =>
        new Promise<ChangeSet>((resolve, reject) => {
          const partSize = part.spans.length + part.traces.length;
          this.pending.push({ batch: part, size: partSize, resolve, reject });
          this.queuedItems += partSize;
        }),
    );
    this.schedule();
    return committed.length === 1 ? committed[0]! : Promise.all(committed).then(mergeChangeSets);
  }

  /**
   * Runs `work` as the only writer: what is queued is committed first, then the store's bulk
   * transaction is opened, and new batches wait (bounded as usual: past maxQueuedItems they are
   * refused with 503) until `work` settles. Its batches commit together when it resolves and are
   * rolled back when it throws; the live feed hears of them once, at the end. Used by the file
   * import, which writes a piece per event-loop turn so the collector stays responsive.
   */
  exclusive<T>(work: (sink: BulkSink) => Promise<T>): Promise<T> {
    const run = this.exclusiveTail.then(async () => {
      if (this.closed)
        throw new HttpError(503, 'The collector is shutting down', undefined, { 'Retry-After': '5' });
      // Batches queued before the import commit first, a slice per turn as usual; batches
      // arriving from now on wait behind the import (the scheduled commits stand aside).
      this.paused = true;
      const changes: ChangeSet[] = [];
      let committed = false;
      try {
        for (let ahead = this.pending.length; ahead > 0; ) {
          const before = this.pending.length;
          this.indexBehindIngest(this.commitSome());
          ahead -= before - this.pending.length;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        this.store.beginBulk();
        const result = await work({
          commit: (batch) => {
            this.lastCommitMs = performance.now();
            changes.push(this.store.applyBatches([batch]));
          },
          discard: () => {
            this.store.endBulk(false);
            changes.length = 0;
            this.store.beginBulk();
          },
        });
        this.store.endBulk(true);
        committed = true;
        return result;
      } finally {
        if (!committed) this.store.endBulk(false);
        this.paused = false;
        if (committed && changes.length) this.publish(mergeChangeSets(changes));
        if (this.pending.length) this.schedule();
        else this.indexWhenIdle();
      }
    });
    this.exclusiveTail = run.catch(() => {});
    return run;
  }

  get queued(): number {
    return this.queuedItems;
  }

  /** Commits what is queued, then refuses new batches. */
  close(): void {
    // During an exclusive write the queue cannot commit (its batches would join a transaction that
    // is about to be rolled back): they are refused, so their senders retry against the next run.
    if (this.paused) {
      for (const p of this.pending.splice(0))
        p.reject(new HttpError(503, 'The collector is shutting down', undefined, { 'Retry-After': '5' }));
      this.queuedItems = 0;
    }
    while (this.pending.length) this.commitSome();
    this.closed = true;
    if (this.indexing) clearTimeout(this.indexing);
    this.indexing = null;
  }

  /**
   * Full-text indexing runs once ingest has been quiet for INDEX_IDLE_MS, one slice
   * (≤ INDEX_SLICE_MS) per event-loop turn, so during a flood requests and commits have the thread
   * and indexing waits (a search catches up on its own before it runs; see searchIndex.ts).
   */
  indexWhenIdle(): void {
    if (this.indexing || this.closed || this.paused) return;
    const quietForMs = performance.now() - this.lastCommitMs;
    this.indexing = setTimeout(
      () => {
        this.indexing = null;
        if (this.closed || this.paused) return;
        if (this.pending.length) return; // the commit path calls back here when the queue drains
        if (performance.now() - this.lastCommitMs < INDEX_IDLE_MS) return this.indexWhenIdle();
        let more = false;
        try {
          more = this.store.indexSearch({ budgetMs: INDEX_SLICE_MS }).more;
        } catch (error) {
          this.onError(error);
        }
        if (more) this.indexWhenIdle();
      },
      Math.max(0, INDEX_IDLE_MS - quietForMs),
    );
    this.indexing.unref();
  }

  /**
   * Sustained ingest never leaves the writer idle, so once the index trails by more than
   * INDEX_LAG_TARGET_MS a commit of N items is followed by indexing up to 2N (bounded in time):
   * the backlog shrinks whenever the machine can index as fast as it stores, and what a search
   * may miss stays bounded instead of growing with the length of the load.
   */
  private indexBehindIngest(committedItems: number): void {
    if (committedItems === 0 || this.store.searchLagMs() <= INDEX_LAG_TARGET_MS) return;
    try {
      this.store.indexSearch({
        maxItems: committedItems * INDEX_CATCH_UP_FACTOR,
        budgetMs: INDEX_SLICE_UNDER_LOAD_MS,
      });
    } catch (error) {
      this.onError(error);
    }
  }

  /**
   * With a search thread, whether the next commit waits for it: while the index would trail by
   * more than INDEX_LAG_LIMIT_MS once it has indexed what is committed, for at most
   * INDEX_HOLD_MAX_MS at a time. A waiting queue checks again when the thread has caught up, or
   * every INDEX_HOLD_RECHECK_MS. A large import's backlog holds no one: while it is indexed, only
   * what live senders commit on top of it counts (SearchIndexer.projectedLagMs).
   */
  private holdForIndex(): boolean {
    if (!this.store.indexesOnThread || this.store.projectedSearchLagMs() <= INDEX_LAG_LIMIT_MS) {
      this.heldSinceMs = null;
      return false;
    }
    const now = performance.now();
    this.heldSinceMs ??= now;
    if (now - this.heldSinceMs > INDEX_HOLD_MAX_MS) {
      this.heldSinceMs = null;
      return false;
    }
    this.scheduled = true; // submit() must not schedule a commit past the hold
    this.store.catchUpSearch(INDEX_HOLD_RECHECK_MS).then(
      () => this.resumeAfterHold(),
      (error: unknown) => {
        this.onError(error);
        this.resumeAfterHold();
      },
    );
    return true;
  }

  private resumeAfterHold(): void {
    this.scheduled = false;
    if (!this.closed) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after pending I/O callbacks, so requests parsed in this turn join the commit.
    setImmediate(() => {
      this.scheduled = false;
      if (this.paused) return; // exclusive() schedules again when it is done
      if (this.pending.length && this.holdForIndex()) return;
      this.indexBehindIngest(this.commitSome());
      if (this.pending.length) this.schedule();
      else this.indexWhenIdle();
    });
  }

  /** Commits the next items of the queue (up to maxPerCommit); returns how many. */
  private commitSome(): number {
    if (this.pending.length === 0) return 0; // close() may have drained the queue already
    this.lastCommitMs = performance.now();
    const take: Pending[] = [];
    let items = 0;
    while (this.pending.length && (take.length === 0 || items + this.pending[0]!.size <= this.maxPerCommit)) {
      const next = this.pending.shift()!;
      take.push(next);
      items += next.size;
    }
    this.queuedItems -= items;
    let changes: ChangeSet;
    try {
      changes = this.store.applyBatches(take.map((p) => p.batch));
    } catch (error) {
      // One bad batch must not fail the others: retry them one by one.
      if (take.length > 1) {
        for (const p of take) this.commitAlone(p);
      } else {
        this.onError(error);
        take[0]!.reject(error);
      }
      return items;
    }
    this.publish(changes);
    for (const p of take) p.resolve(changes);
    return items;
  }

  private commitAlone(p: Pending): void {
    try {
      const changes = this.store.applyBatches([p.batch]);
      this.publish(changes);
      p.resolve(changes);
    } catch (error) {
      this.onError(error);
      p.reject(error);
    }
  }

  private publish(changes: ChangeSet): void {
    try {
      this.onCommit(changes);
    } catch (error) {
      this.onError(error);
    }
  }
}
