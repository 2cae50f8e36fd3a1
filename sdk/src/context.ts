// Which trace and span the running code belongs to, so spans link to their parent without ids
// threaded by hand. On Node (and Bun, Deno) this is AsyncLocalStorage, which follows awaits,
// Promise.all branches and timers. It is loaded lazily, never by a top-level `node:` import, so a
// browser or edge bundle still loads; there the context degrades to a synchronous stack.

import { activeOtelSpan } from './otel.ts';

export interface Frame {
  traceId: string;
  /** null: at the top of the trace (a new span becomes a root). */
  spanId: string | null;
  /**
   * Set when the trace a startTrace() frame points at has ended. enterWith() leaves the frame in
   * place after the trace (even for code that runs later in the caller's flow, and for other
   * clients), so an ended trace must be visible on the frame itself.
   */
  closed?: boolean;
  /**
   * Set while an instrumented client method runs: a client's own helpers call its other methods
   * (`.stream()` and `.parse()` call `create`), and those calls are the same step, not new ones.
   */
  clientCall?: boolean;
  /**
   * The OpenTelemetry span active when this frame was entered: an OTel span active now that
   * differs from it (in the same trace) was started inside this frame, so it is the nearer parent.
   */
  otelSpanId?: string | null;
  /** The running traced()/withSpan()/observe() span's own updater, for updateSpan(). */
  update?: (fields: Record<string, unknown>) => void;
}

interface Storage {
  getStore(): Frame | undefined;
  run<R>(frame: Frame, fn: () => R): R;
  enterWith(frame: Frame): void;
}

type AsyncHooks = { AsyncLocalStorage: new () => Storage };

// Present only in the CommonJS build on Node; declared here because the SDK compiles without Node types.
declare const require: ((id: string) => unknown) | undefined;

function fromProcess(): AsyncHooks | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return proc?.getBuiltinModule?.('node:async_hooks') as AsyncHooks | undefined;
  } catch {
    return undefined;
  }
}

function fromRequire(): AsyncHooks | undefined {
  // CommonJS on Node versions before getBuiltinModule (18, 20 < 20.16).
  try {
    return typeof require === 'function' ? (require('node:async_hooks') as AsyncHooks) : undefined;
  } catch {
    return undefined;
  }
}

/** A single-threaded stand-in: right for synchronous nesting, approximate across awaits. */
class StackStorage implements Storage {
  private stack: Frame[] = [];
  private entered: Frame | undefined;
  getStore(): Frame | undefined {
    return this.stack[this.stack.length - 1] ?? this.entered;
  }
  run<R>(frame: Frame, fn: () => R): R {
    this.stack.push(frame);
    try {
      return fn();
    } finally {
      this.stack.pop();
    }
  }
  enterWith(frame: Frame): void {
    this.entered = frame;
  }
}

function createStorage(): Storage {
  const hooks = fromProcess() ?? fromRequire();
  if (hooks?.AsyncLocalStorage) {
    try {
      return new hooks.AsyncLocalStorage();
    } catch {
      // fall through to the stack
    }
  }
  return new StackStorage();
}

let storage: Storage | undefined;

function current(): Storage {
  storage ??= createStorage();
  return storage;
}

export function activeFrame(): Frame | undefined {
  return current().getStore();
}

export function runInFrame<R>(frame: Frame, fn: () => R): R {
  frame.otelSpanId = activeOtelSpan()?.spanId ?? null;
  return current().run(frame, fn);
}

/** Makes `frame` current for the rest of this async flow (startTrace's explicit style). */
export function enterFrame(frame: Frame): void {
  frame.otelSpanId = activeOtelSpan()?.spanId ?? null;
  current().enterWith(frame);
}

export function hasAsyncContext(): boolean {
  return !(current() instanceof StackStorage);
}
