// What the client remembers about recent traces and spans: which trace a span id belongs to (so
// a parentSpanId alone is enough to link), start times, and per-trace step counters. Bounded:
// the oldest entries are forgotten first, so a long-running agent does not grow it forever.

import type { Frame } from './context.ts';

export interface TraceRecord {
  name: string;
  /** The frame startTrace() entered, closed when the trace ends. */
  frame: Frame | null;
  ended: boolean;
  /** Started by the SDK for a span that had no trace; ended with that span. */
  implicitRootSpanId: string | null;
  nextStep: number;
  lastTime: number;
}

export interface SpanRecord {
  traceId: string;
  startTime: number;
  ended: boolean;
}

export class BoundedMap<K, V> {
  private map = new Map<K, V>();
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, value: V): void {
    this.map.set(key, value);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next().value as K;
      this.map.delete(oldest);
    }
  }
  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }
}

export class Registry {
  readonly traces = new BoundedMap<string, TraceRecord>(2_000);
  readonly spans = new BoundedMap<string, SpanRecord>(20_000);

  /** The step order for a new span: the caller's, or one after the last one of the trace. */
  stepFor(trace: TraceRecord | undefined, explicit: number | undefined): number | undefined {
    if (!trace) return explicit;
    if (explicit !== undefined) {
      trace.nextStep = Math.max(trace.nextStep, explicit + 1);
      return explicit;
    }
    return trace.nextStep++;
  }
}
