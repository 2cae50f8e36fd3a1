// Observes a stream the agent consumes, without changing it: the same object goes back to the
// agent (instanceof, controller, tee() and toReadableStream() still work) with its iterator
// wrapped so each chunk is seen on its way through. openai's Stream keeps its source in an own
// `iterator` function that every consumer goes through, so that is what gets wrapped; other
// async iterables get an own Symbol.asyncIterator.

export interface StreamObserver {
  chunk(value: unknown): void;
  /** Called once: when the stream ends, the consumer stops early (`cancelled`), or it fails. */
  end(outcome: { error?: unknown; cancelled?: boolean }): void;
}

export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

function observe(
  source: AsyncIterator<unknown>,
  observer: StreamObserver,
): AsyncIterator<unknown> & AsyncIterable<unknown> {
  let ended = false;
  const end = (outcome: { error?: unknown; cancelled?: boolean }) => {
    if (ended) return;
    ended = true;
    try {
      observer.end(outcome);
    } catch {
      // the observer is ours; never let it break the agent's loop
    }
  };
  const wrapped: AsyncIterator<unknown> & AsyncIterable<unknown> = {
    async next(...args: [] | [unknown]) {
      let step: IteratorResult<unknown>;
      try {
        step = await source.next(...args);
      } catch (error) {
        end({ error });
        throw error;
      }
      if (step.done) end({});
      else {
        try {
          observer.chunk(step.value);
        } catch {
          // as above
        }
      }
      return step;
    },
    async return(value?: unknown) {
      end({ cancelled: true });
      return source.return ? source.return(value) : { done: true, value };
    },
    async throw(error?: unknown) {
      end({ error });
      if (source.throw) return source.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return wrapped;
    },
  };
  return wrapped;
}

/** Wraps the stream's iterator in place; false when the object cannot be wrapped (frozen...). */
export function tapStream(stream: object, observer: StreamObserver): boolean {
  const target = stream as { iterator?: unknown; [Symbol.asyncIterator]?: () => AsyncIterator<unknown> };
  let used = false;
  try {
    if (Object.hasOwn(target, 'iterator') && typeof target.iterator === 'function') {
      const original = target.iterator as () => AsyncIterator<unknown>;
      target.iterator = function (this: unknown) {
        const source = original.call(this);
        if (used) return source;
        used = true;
        return observe(source, observer);
      };
      return true;
    }
    const original = target[Symbol.asyncIterator] as () => AsyncIterator<unknown>;
    Object.defineProperty(target, Symbol.asyncIterator, {
      configurable: true,
      writable: true,
      value: function (this: unknown) {
        const source = original.call(this);
        if (used) return source;
        used = true;
        return observe(source, observer);
      },
    });
    return true;
  } catch {
    return false;
  }
}
