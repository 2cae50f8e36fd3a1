// What the client remembers about traces and spans: which trace a span id belongs to (so a
// parentSpanId alone is enough to link), start times, and per-trace step counters. A trace or span
// that is still open is always kept: forgetting it would lose its end (a root with 25,000 children
// must still end, and a crash must still end every open span). Only ended entries are bounded,
// oldest forgotten first, so a long-running agent does not grow it forever.

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

/** Open entries without a bound (each is a call the agent has not finished), ended ones bounded. */
export class LifecycleMap<V extends { ended: boolean }> {
  private readonly open = new Map<string, V>();
  private readonly ended = new Map<string, V>();
  private readonly maxEnded: number;
  constructor(maxEnded: number) {
    this.maxEnded = maxEnded;
  }
  get(key: string): V | undefined {
    return this.open.get(key) ?? this.ended.get(key);
  }
  set(key: string, value: V): void {
    this.ended.delete(key);
    this.open.set(key, value);
  }
  /** Marks the entry ended and moves it to the bounded part. */
  end(key: string): V | undefined {
    const value = this.open.get(key);
    if (!value) return this.ended.get(key);
    value.ended = true;
    this.open.delete(key);
    this.ended.set(key, value);
    if (this.ended.size > this.maxEnded) this.ended.delete(this.ended.keys().next().value as string);
    return value;
  }
  /** The entries still open, oldest first. */
  openEntries(): IterableIterator<[string, V]> {
    return this.open.entries();
  }
  get openCount(): number {
    return this.open.size;
  }
}

export class Registry {
  readonly traces = new LifecycleMap<TraceRecord>(2_000);
  readonly spans = new LifecycleMap<SpanRecord>(20_000);

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
