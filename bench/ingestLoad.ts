// What the ingest and OTLP benches both do to a collector under load: send request bodies from
// several clients as fast as they are answered, and watch how far the full-text index trails the
// writer (GET /api/health searchLagMs) while the load runs and how long it takes to catch up once
// it stops.
import type { HealthResponse } from '../src/shared/types.ts';
import { nowMs } from './lib.ts';

export interface Answer {
  status: number;
  /** The answer's body, for the error when it is not a success. */
  text?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends every body, `connections` at a time, each client taking the next body once its last is
 * answered. A 503 or 429 (the collector asking the sender to wait) is retried after 50 ms; any
 * other failure throws. Returns how many retries there were.
 */
export async function sendAll<Body>(
  bodies: readonly Body[],
  connections: number,
  send: (body: Body) => Promise<Answer>,
): Promise<number> {
  let next = 0;
  let retries = 0;
  const client = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      for (;;) {
        const { status, text } = await send(body);
        if (status === 200) break;
        if (status !== 503 && status !== 429)
          throw new Error(`ingest answered ${status}: ${(text ?? '').slice(0, 500)}`);
        retries++;
        await sleep(50);
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  return retries;
}

export interface SearchLagWatch {
  /**
   * Stops watching: the lags seen while the load ran, and how long the index then took to catch up.
   * Called again, answers the same.
   */
  stop(): Promise<{ lags: number[]; catchUpMs: number }>;
}

/** Samples the collector's search lag every 20 ms from now until stop(). */
export function watchSearchLag(baseUrl: string): SearchLagWatch {
  const searchLag = async () =>
    ((await (await fetch(`${baseUrl}/api/health`)).json()) as HealthResponse).searchLagMs;
  const lags: number[] = [];
  let watching = true;
  const sampling = (async () => {
    while (watching) {
      lags.push(await searchLag());
      await sleep(20);
    }
  })();
  let stopped: ReturnType<SearchLagWatch['stop']> | null = null;
  const stop = async () => {
    watching = false;
    await sampling;
    const at = nowMs();
    while ((await searchLag()) > 0) await sleep(20);
    return { lags, catchUpMs: nowMs() - at };
  };
  // Once: a second call (a caller's cleanup) gets the first one's answer.
  return { stop: () => (stopped ??= stop()) };
}
