// One-line instrumentation: an Anthropic client traced with `spyglass.instrument(...)`, a tool
// wrapped once with `observe`, and a two-turn conversation whose traces share a session. No
// per-call wrapping: every model call (tool use, a cached system prompt, a streamed answer) is
// recorded by the instrumented client.
import Anthropic from '@anthropic-ai/sdk';
import { Spyglass } from '@spyglass/sdk';
import { pause, runIfMain } from './shared.ts';
import type { ExampleOptions, ExampleResult } from './shared.ts';

const MODEL = 'claude-sonnet-4-5';
// Stable across calls and marked for caching: the second call of a turn reads it from the prompt cache.
const SYSTEM = `You are a travel assistant. Use the tools to check facts before answering. ${'Be concise and cite the tool results. '.repeat(6)}`;

const tools: Anthropic.Tool[] = [
  {
    name: 'get_weather',
    description: 'Current weather for a city',
    input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
];

export async function run(options: ExampleOptions): Promise<ExampleResult> {
  const spyglass = new Spyglass({ url: options.collectorUrl });
  const anthropic = spyglass.instrument(
    new Anthropic({
      baseURL: options.openaiBaseUrl.replace(/\/v1\/?$/, ''),
      apiKey: 'sk-ant-demo-not-a-real-key',
      maxRetries: 2,
    }),
  );
  const getWeather = spyglass.observe(
    async function getWeather(input: { city: string }) {
      await pause(30);
      return { city: input.city, celsius: 18, sky: 'clear' };
    },
    { type: 'tool' },
  );
  const system: Anthropic.TextBlockParam[] = [
    { type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } },
  ];

  const traceIds: string[] = [];
  /** One turn: the model asks for tools until it can answer; each reply is streamed. */
  const turn = spyglass.observe(
    async function travelTurn(question: string) {
      const messages: Anthropic.MessageParam[] = [{ role: 'user', content: question }];
      for (let round = 0; round < 4; round++) {
        const reply = await anthropic.messages
          .stream({ model: MODEL, max_tokens: 512, system, tools, messages })
          .finalMessage();
        const calls = reply.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
        if (calls.length === 0) {
          const answer = reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
          traceIds.push(spyglass.currentTraceId() ?? '');
          return answer;
        }
        messages.push({ role: 'assistant', content: reply.content });
        const results: Anthropic.ToolResultBlockParam[] = [];
        for (const call of calls) {
          const result = await getWeather(call.input as { city: string });
          results.push({ type: 'tool_result', tool_use_id: call.id, content: JSON.stringify(result) });
        }
        messages.push({ role: 'user', content: results });
        await pause(options.stepDelayMs);
      }
      return '';
    },
    { sessionId: `trip-${Date.now().toString(36)}`, userId: 'traveller-7', tags: ['example', 'anthropic'] },
  );

  await turn('Use get_weather for Lisbon: is it warm enough for the beach?');
  await pause(options.stepDelayMs);
  await turn('And in Porto? Use get_weather again.');
  await spyglass.shutdown();
  return { traceIds };
}

await runIfMain(import.meta.url, run);
