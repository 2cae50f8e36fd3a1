// The spans the trace cache holds for a trace: its answer's list, with the live spans that came
// after merged into it in place. Each change makes a new TraceSpans (the views memoise on the
// identity) over the same storage, and the storage keeps a short log of the changes, so the tree
// can apply a change to itself instead of being built again (model/traceTreeUpdate.ts). Copying a
// Map of every span for each flush of the live feed took 300 ms at 1,000,000 spans.
//
// The index by id is built only after the trace has opened. Opening needs the spans in order (the
// tree is built from them and keeps its own index), not by id: at 1,000,000 spans the Map made
// before the tree took 400-600 ms between the answer's last byte and the first frame
// (bench/bigTrace.bench.ts). The lookups by id come later (a context menu, a fork dialog, the
// payload search's matches, a live span), so the index is built when the thread is idle, and at
// once by a lookup that comes first.
import type { Span } from '../../../shared/types.ts';

/** Spans indexed in one go while the thread is idle, between checks of the idle deadline. */
const INDEX_STEP = 2_048;

/** The changes kept for changesSince: at most this many, holding at most LOG_SPANS spans. */
const LOG_CHANGES = 64;
const LOG_SPANS = 100_000;

/** What the views of one trace's spans share. */
class Storage {
  readonly list: Span[];
  /** Span id → place in `list`, for list[0 … indexed). */
  readonly index = new Map<string, number>();
  indexed = 0;
  /** Views made so far (the newest view's version). */
  version = 0;
  /** The spans each recent change applied, by the version it made (oldest first). */
  readonly log: { version: number; spans: readonly Span[] }[] = [];
  logSpans = 0;
  indexing = true;

  constructor(list: Span[]) {
    this.list = list;
    if (typeof requestIdleCallback === 'function') requestIdleCallback(this.indexWhileIdle);
  }

  byId(): Map<string, number> {
    this.indexUpTo(this.list.length);
    return this.index;
  }

  record(spans: readonly Span[]): void {
    this.log.push({ version: this.version, spans });
    this.logSpans += spans.length;
    while (this.log.length > LOG_CHANGES || (this.logSpans > LOG_SPANS && this.log.length > 1))
      this.logSpans -= this.log.shift()!.spans.length;
  }

  private indexUpTo(end: number): void {
    for (; this.indexed < end; this.indexed++) this.index.set(this.list[this.indexed]!.spanId, this.indexed);
  }

  private readonly indexWhileIdle = (deadline: IdleDeadline): void => {
    while (this.indexing && this.indexed < this.list.length && deadline.timeRemaining() > 1)
      this.indexUpTo(Math.min(this.list.length, this.indexed + INDEX_STEP));
    if (this.indexing && this.indexed < this.list.length) requestIdleCallback(this.indexWhileIdle);
  };
}

/**
 * One version of a trace's spans, as a read-only map in the answer's order (live spans after).
 * Only the newest version is current: an older one reads the same storage, so it sees the
 * changes made since, and is good for telling versions apart and for changesSince.
 */
export class TraceSpans implements ReadonlyMap<string, Span> {
  private readonly storage: Storage;
  private readonly version: number;

  /**
   * `list`: a trace answer's spans, each id once (the collector keeps one row per span id). It is
   * taken, not copied: merges add to it.
   */
  static of(list: Span[]): TraceSpans {
    return new TraceSpans(new Storage(list));
  }

  private constructor(storage: Storage) {
    this.storage = storage;
    this.version = storage.version;
  }

  /**
   * `incoming` on top, in place: a span held is replaced, unless it has ended and the incoming
   * copy has not (an older snapshot: a fetch and the live feed can race); a new span is added at
   * the end. Returns the new version.
   */
  merge(incoming: readonly Span[]): TraceSpans {
    const { list } = this.storage;
    const byId = this.storage.byId();
    const applied: Span[] = [];
    for (const span of incoming) {
      const at = byId.get(span.spanId);
      if (at === undefined) {
        byId.set(span.spanId, list.length);
        list.push(span);
        this.storage.indexed = list.length;
      } else {
        const held = list[at]!;
        if (held.endTime !== null && span.endTime === null) continue;
        list[at] = span;
      }
      applied.push(span);
    }
    this.storage.version++;
    this.storage.record(applied);
    return new TraceSpans(this.storage);
  }

  /**
   * The spans changed from `older` to this version (a span may come more than once: the last copy
   * counts), or null when `older` is not an earlier version of these spans or its changes are no
   * longer kept.
   */
  changesSince(older: ReadonlyMap<string, Span>): readonly Span[] | null {
    if (!(older instanceof TraceSpans) || older.storage !== this.storage || older.version > this.version)
      return null;
    const changes = this.storage.log.filter((c) => c.version > older.version && c.version <= this.version);
    // Every version between them must still be in the log.
    if (changes.length !== this.version - older.version) return null;
    return changes.length === 1 ? changes[0]!.spans : changes.flatMap((c) => c.spans);
  }

  /** The trace left the cache: no more indexing in idle time. */
  stopIndexing(): void {
    this.storage.indexing = false;
  }

  get size(): number {
    return this.storage.list.length;
  }

  get(spanId: string): Span | undefined {
    const at = this.storage.byId().get(spanId);
    return at === undefined ? undefined : this.storage.list[at];
  }

  has(spanId: string): boolean {
    return this.storage.byId().has(spanId);
  }

  values(): MapIterator<Span> {
    return this.storage.list.values();
  }

  *keys(): MapIterator<string> {
    for (const span of this.storage.list) yield span.spanId;
  }

  *entries(): MapIterator<[string, Span]> {
    for (const span of this.storage.list) yield [span.spanId, span];
  }

  [Symbol.iterator](): MapIterator<[string, Span]> {
    return this.entries();
  }

  forEach(
    callback: (span: Span, spanId: string, map: ReadonlyMap<string, Span>) => void,
    thisArg?: unknown,
  ): void {
    for (const span of this.storage.list) callback.call(thisArg, span, span.spanId, this);
  }
}
