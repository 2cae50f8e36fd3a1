// Failure and retry: the first model call hits a 429 (the fake server's `[[fail-once:429]]`),
// the agent backs off and retries, a tool fails for good and is recorded as an error, and the
// run still finishes. Each attempt is its own span, so the waterfall shows the retry.
import type OpenAI from 'openai';
import { Spyglass } from '@spyglass/sdk';
import { openaiClient, pause, runIfMain } from './shared.ts';
import type { ExampleOptions, ExampleResult } from './shared.ts';

export async function run(options: ExampleOptions): Promise<ExampleResult> {
  const sg = new Spyglass({ url: options.collectorUrl });
  // maxRetries 0: the agent retries itself, so every attempt is visible.
  const openai = openaiClient(options, 0);
  const traceId = sg.startTrace({
    name: 'flaky-agent',
    input: { task: 'summarise the incident' },
    tags: ['retry', 'example'],
  });
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'user', content: `Summarise incident #${Date.now() % 100000} [[fail-once:429]]` },
  ];

  let summary = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const { result } = await sg.wrapOpenAI(
        () => openai.chat.completions.create({ model: 'gpt-4o-mini', messages }),
        messages,
        undefined,
        undefined,
        { name: `summarise (attempt ${attempt})` },
      );
      summary = result.choices[0]?.message.content ?? '';
      break;
    } catch (error) {
      sg.event('retrying', { attempt, reason: (error as Error).message });
      await pause(50 * attempt);
    }
  }
  await pause(options.stepDelayMs);

  try {
    await sg.wrapToolCall(
      'post-to-slack',
      async () => {
        await pause(20);
        throw new Error('Slack webhook returned 503 Service Unavailable');
      },
      undefined,
      undefined,
      true,
    );
  } catch {
    // The agent carries on without the notification; the span keeps the error and stack.
  }
  sg.endTrace(traceId, {
    output: { summary, notified: false },
    status: 'error',
    error: { message: 'notification failed', type: 'PartialFailure' },
  });
  await sg.shutdown();
  return { traceIds: [traceId] };
}

await runIfMain(import.meta.url, run);
