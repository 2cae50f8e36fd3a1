// The spans of a columnar answer, filled in as its parts arrive (each decoded in its own task).
import {
  type DecodedSpan,
  decodeColumnsPart,
  type TraceColumnsHead,
  type TraceColumnsPart,
} from '../../../shared/traceColumns.ts';
import { showBidiControls } from '../lib/bidi.ts';

export class SkeletonSpans {
  readonly head: TraceColumnsHead;
  private readonly spans: DecodedSpan[];
  private received = 0;

  constructor(head: TraceColumnsHead) {
    this.head = head;
    this.spans = new Array<DecodedSpan>(head.spanCount);
  }

  /** Decodes `part`'s rows to their places. */
  add(part: TraceColumnsPart): void {
    // Names are a dictionary column: direction controls made visible once per distinct name,
    // not once per span.
    const names = part.columns.name;
    names.dict = names.dict.map(showBidiControls);
    decodeColumnsPart(this.head, part, this.spans);
    this.received += part.columns.spanId.length;
  }

  /**
   * Every span received, in order. Spans deleted while the answer was sent (the trace was
   * deleted) leave no holes behind.
   */
  all(): DecodedSpan[] {
    return this.received >= this.spans.length ? this.spans : this.spans.filter((span) => span !== undefined);
  }
}
