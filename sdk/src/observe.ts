// Wrap once, trace every call: `const answer = spyglass.observe(answerQuestion)` returns a
// function that runs the original in a span (starting a trace when none is active) and records
// its arguments as the input and what it returns (or resolves to) as the output, the way
// LangSmith's `traceable` and Langfuse's `observe` do. `this`, the arguments and the result pass
// through untouched; a throw or rejection is recorded and rethrown as it was.
import type { SpanHandle, TracedOptions } from './wrappers.ts';

export interface ObserveOptions extends Omit<TracedOptions, 'input'> {
  /** false: leave the arguments out (e.g. secrets or huge buffers). Default true. */
  captureArgs?: boolean;
}

type Traced = <R>(name: string, fn: (span: SpanHandle) => R, options?: TracedOptions) => R;

/** One argument is recorded as itself, several as their list, none as nothing. */
function argsInput(args: unknown[]): unknown {
  if (args.length === 0) return undefined;
  return args.length === 1 ? args[0] : args;
}

export function observeFunction<A extends unknown[], R>(
  traced: Traced,
  fn: (...args: A) => R,
  options: ObserveOptions = {},
): (...args: A) => R {
  if (typeof fn !== 'function') return fn;
  const { captureArgs = true, ...traceOptions } = options;
  const name = options.name ?? (fn.name || 'function');
  const observed = function (this: unknown, ...args: A): R {
    return traced(name, () => fn.apply(this, args), {
      ...traceOptions,
      input: captureArgs ? argsInput(args) : undefined,
    });
  };
  try {
    Object.defineProperty(observed, 'name', { value: fn.name, configurable: true });
    Object.defineProperty(observed, 'length', { value: fn.length, configurable: true });
  } catch {}
  return observed;
}
