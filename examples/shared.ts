// What every example agent shares: its options, an OpenAI client pointed at the fake server, and
// the "run me alone" entry (starts the fake server, runs, prints the trace ids).
import OpenAI from 'openai';
import { fileURLToPath } from 'node:url';
import { startFakeOpenAI } from './fake-openai/server.ts';

export interface ExampleOptions {
  /** Collector base URL; default SPYGLASS_URL, else http://127.0.0.1:4318 */
  collectorUrl?: string;
  /** OpenAI-compatible base URL ending in /v1 (the fake server's). */
  openaiBaseUrl: string;
  /** Pause between steps, so a run is watchable live. */
  stepDelayMs?: number;
}

export interface ExampleResult {
  traceIds: string[];
}

export function openaiClient(options: ExampleOptions, maxRetries = 2): OpenAI {
  return new OpenAI({ baseURL: options.openaiBaseUrl, apiKey: 'sk-demo-not-a-real-key-000000', maxRetries });
}

export const pause = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `run` when its module is the entry point: `node examples/support-agent.ts`. */
export async function runIfMain(
  moduleUrl: string,
  run: (options: ExampleOptions) => Promise<ExampleResult>,
  stepDelayMs = 150,
): Promise<void> {
  if (!process.argv[1] || fileURLToPath(moduleUrl) !== process.argv[1]) return;
  const fake = await startFakeOpenAI({ latencyMs: 60 });
  try {
    const { traceIds } = await run({
      collectorUrl: process.env.SPYGLASS_URL,
      openaiBaseUrl: fake.url,
      stepDelayMs,
    });
    console.log(`Sent ${traceIds.length} trace(s): ${traceIds.join(', ')}`);
  } finally {
    await fake.close();
  }
}
