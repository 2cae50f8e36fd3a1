// Style two (wrappers): a research agent plans with the model, searches, synthesises, and saves a
// report with a destructive tool. Each step names its parent and its step order, as in the
// vendor's docs.
import type OpenAI from 'openai';
import { Spyglass } from '@spyglass/sdk';
import { openaiClient, pause, runIfMain } from './shared.ts';
import type { ExampleOptions, ExampleResult } from './shared.ts';

async function webSearch(query: string) {
  await pause(40);
  return {
    query,
    results: [
      { title: 'Global solar report 2024', snippet: 'Solar generation grew 29% year on year.' },
      { title: 'Grid storage outlook', snippet: 'Battery storage doubled.' },
    ],
  };
}

async function saveReport(path: string, content: string) {
  await pause(15);
  return { path, bytesWritten: content.length };
}

export async function run(
  options: ExampleOptions,
  query = 'What happened to solar power in 2024?',
): Promise<ExampleResult> {
  const tp = new Spyglass('tp_live_YOUR_KEY', { url: options.collectorUrl });
  const openai = openaiClient(options);
  const traceId = await tp.startTrace('research-agent');
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'user', content: `Make a plan in steps: ${query}` },
  ];

  const { result: plan, spanId: planSpanId } = await tp.wrapOpenAI(
    () => openai.chat.completions.create({ model: 'gpt-4o', messages }),
    messages,
  );
  await pause(options.stepDelayMs);

  const { result: searchResult, spanId: searchSpanId } = await tp.wrapToolCall(
    'web-search',
    () => webSearch(query),
    planSpanId,
    2,
  );
  await pause(options.stepDelayMs);

  const followUp: OpenAI.ChatCompletionMessageParam[] = [
    ...messages,
    plan.choices[0]!.message,
    { role: 'user', content: `Search results: ${JSON.stringify(searchResult)}. Summarise.` },
  ];
  const { result: answer, spanId: answerSpanId } = await tp.wrapOpenAI(
    () => openai.chat.completions.create({ model: 'gpt-4o', messages: followUp }),
    followUp,
    searchSpanId,
    3,
  );
  await pause(options.stepDelayMs);

  const report = answer.choices[0]?.message.content ?? '';
  await tp.wrapToolCall(
    'save-report',
    () => saveReport('reports/solar-2024.md', report),
    answerSpanId,
    4,
    true,
    { input: { path: 'reports/solar-2024.md' } },
  );
  tp.endTrace(traceId, { output: { report }, status: 'success' });
  await tp.shutdown();
  return { traceIds: [traceId] };
}

await runIfMain(import.meta.url, run);
