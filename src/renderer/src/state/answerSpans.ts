// The spans of a trace answer, as the read-only map the trace cache holds, indexed by id only
// after the trace has opened. Opening needs the spans in order (the tree is built from them and
// keeps its own index), not by id: at 1,000,000 spans the Map made before the tree took 400-600
// ms between the answer's last byte and the first frame (bench/bigTrace.bench.ts). The lookups
// by id come later (a context menu, a fork dialog, the payload search's matches), so the index
// is built when the thread is idle, and at once by a lookup that comes first.
import type { Span } from '../../../shared/types.ts';

/** Spans indexed in one go while the thread is idle, between checks of the idle deadline. */
const INDEX_STEP = 2_048;

export class AnswerSpans implements ReadonlyMap<string, Span> {
  private readonly list: readonly Span[];
  private readonly index = new Map<string, Span>();
  /** list[0 … indexed) are in `index`. */
  private indexed = 0;

  /** `list`: a trace answer's spans, each id once (the collector keeps one row per span id). */
  constructor(list: readonly Span[]) {
    this.list = list;
    if (typeof requestIdleCallback === 'function') requestIdleCallback(this.indexWhileIdle);
  }

  get size(): number {
    return this.list.length;
  }

  get(spanId: string): Span | undefined {
    return this.byId().get(spanId);
  }

  has(spanId: string): boolean {
    return this.byId().has(spanId);
  }

  values(): MapIterator<Span> {
    return this.list.values();
  }

  *keys(): MapIterator<string> {
    for (const span of this.list) yield span.spanId;
  }

  *entries(): MapIterator<[string, Span]> {
    for (const span of this.list) yield [span.spanId, span];
  }

  [Symbol.iterator](): MapIterator<[string, Span]> {
    return this.entries();
  }

  forEach(
    callback: (span: Span, spanId: string, map: ReadonlyMap<string, Span>) => void,
    thisArg?: unknown,
  ): void {
    for (const span of this.list) callback.call(thisArg, span, span.spanId, this);
  }

  private byId(): Map<string, Span> {
    this.indexUpTo(this.list.length);
    return this.index;
  }

  private indexUpTo(end: number): void {
    for (; this.indexed < end; this.indexed++) {
      const span = this.list[this.indexed]!;
      this.index.set(span.spanId, span);
    }
  }

  private readonly indexWhileIdle = (deadline: IdleDeadline): void => {
    while (this.indexed < this.list.length && deadline.timeRemaining() > 1)
      this.indexUpTo(Math.min(this.list.length, this.indexed + INDEX_STEP));
    if (this.indexed < this.list.length) requestIdleCallback(this.indexWhileIdle);
  };
}
