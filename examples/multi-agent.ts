// Automatic parent linking: a coordinator fans out to three specialist agents at once
// (Promise.all); each lets the model call its tools in parallel and runs them with Promise.all.
// No span ids are passed anywhere: the async context links every span to its parent.
import type OpenAI from 'openai';
import { Spyglass } from '@spyglass/sdk';
import { openaiClient, pause, runIfMain } from './shared.ts';
import type { ExampleOptions, ExampleResult } from './shared.ts';

const TOOLS: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'search_docs',
      description: 'Search internal docs',
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'query_metrics',
      description: 'Query the metrics store',
      parameters: {
        type: 'object',
        properties: { query: { type: 'string' }, days: { type: 'integer', minimum: 7 } },
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'fetch_tickets',
      description: 'Fetch support tickets',
      parameters: { type: 'object', properties: { query: { type: 'string' } } },
    },
  },
];

async function runTool(name: string, args: Record<string, unknown>): Promise<unknown> {
  await pause(30 + name.length * 3);
  return { tool: name, args, rows: name.length };
}

export async function run(
  options: ExampleOptions,
  goal = 'Why did checkout latency rise last week?',
): Promise<ExampleResult> {
  const sg = new Spyglass({ url: options.collectorUrl });
  const openai = openaiClient(options);

  async function specialist(focus: string) {
    return sg.traced(
      `${focus}-agent`,
      async () => {
        const messages: OpenAI.ChatCompletionMessageParam[] = [
          {
            role: 'user',
            content: `${focus}: ${goal} Use search_docs, query_metrics and fetch_tickets in parallel.`,
          },
        ];
        for (let turn = 0; turn < 3; turn++) {
          const { result } = await sg.wrapOpenAI(
            () => openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: TOOLS }),
            messages,
          );
          const message = result.choices[0]!.message;
          messages.push(message);
          const calls = (message.tool_calls ?? []).filter((c) => c.type === 'function');
          if (calls.length === 0) return message.content;
          // The model asked for several tools at once: run them in parallel.
          const outputs = await Promise.all(
            calls.map((call) =>
              sg.wrapToolCall(
                call.function.name,
                () => runTool(call.function.name, JSON.parse(call.function.arguments)),
                undefined,
                undefined,
                false,
                { input: JSON.parse(call.function.arguments) },
              ),
            ),
          );
          outputs.forEach(({ result: output }, i) => {
            messages.push({ role: 'tool', tool_call_id: calls[i]!.id, content: JSON.stringify(output) });
          });
          await pause(options.stepDelayMs);
        }
        return null;
      },
      { type: 'agent' },
    );
  }

  let traceId = '';
  await sg.traced(
    'incident-coordinator',
    async (span) => {
      traceId = span.traceId;
      const findings = await Promise.all(['latency', 'errors', 'customers'].map(specialist));
      const summary = [{ role: 'user' as const, content: `Combine findings: ${findings.join(' | ')}` }];
      const { result } = await sg.wrapOpenAI(
        () => openai.chat.completions.create({ model: 'gpt-4o', messages: summary }),
        summary,
        undefined,
        undefined,
        { name: 'final-summary' },
      );
      span.setOutput({ summary: result.choices[0]?.message.content });
    },
    { type: 'agent', input: { goal }, tags: ['multi-agent', 'example'] },
  );
  await sg.shutdown();
  return { traceIds: [traceId] };
}

await runIfMain(import.meta.url, run);
