// A long run to watch live: about ten seconds of steps spaced out (plan, then a loop of search,
// read, note), so the trace grows in the app while it runs.
import type OpenAI from 'openai';
import { Spyglass } from '@spyglass/sdk';
import { openaiClient, pause, runIfMain } from './shared.ts';
import type { ExampleOptions, ExampleResult } from './shared.ts';

const TOPICS = [
  'battery chemistry',
  'grid storage',
  'solar tariffs',
  'wind capacity',
  'heat pumps',
  'hydrogen costs',
];

export async function run(options: ExampleOptions): Promise<ExampleResult> {
  const sg = new Spyglass({ url: options.collectorUrl, flushIntervalMs: 50 });
  const openai = openaiClient(options);
  const stepMs = options.stepDelayMs ?? 0;
  let traceId = '';
  await sg.traced(
    'long-running-analyst',
    async (root) => {
      traceId = root.traceId;
      const plan = [
        { role: 'user' as const, content: `Make a plan in steps to cover: ${TOPICS.join(', ')}` },
      ];
      await sg.wrapOpenAI(
        () => openai.chat.completions.create({ model: 'gpt-4o', messages: plan }),
        plan,
        undefined,
        undefined,
        { name: 'plan' },
      );
      for (const topic of TOPICS) {
        await pause(stepMs);
        await sg.traced(
          `research: ${topic}`,
          async () => {
            await sg.traced(
              'search',
              async () => {
                await pause(stepMs / 2);
                return { hits: topic.length };
              },
              { type: 'retrieval', input: { query: topic } },
            );
            const messages: OpenAI.ChatCompletionMessageParam[] = [
              { role: 'user', content: `Write a note about ${topic}` },
            ];
            const { result } = await sg.wrapOpenAI(
              () =>
                openai.chat.completions.create({
                  model: 'gpt-4o-mini',
                  messages,
                  stream: true,
                  stream_options: { include_usage: true },
                }),
              messages,
            );
            let note = '';
            for await (const chunk of result) note += chunk.choices[0]?.delta.content ?? '';
            return note;
          },
          { type: 'chain' },
        );
      }
    },
    { type: 'agent', tags: ['long', 'example'] },
  );
  await sg.shutdown();
  return { traceIds: [traceId] };
}

// About ten seconds: six topics, each a pause of one step and a search of half a step.
await runIfMain(import.meta.url, run, 1100);
