// Style one (explicit lifecycle): a customer-support agent classifies the question, looks up the
// knowledge base, and streams its answer. Every step is started and ended by hand.
import { Spyglass } from '@spyglass/sdk';
import { openaiClient, pause, runIfMain } from './shared.ts';
import type { ExampleOptions, ExampleResult } from './shared.ts';

const KB: Record<string, string[]> = {
  password_reset: ['Go to Settings > Security > Reset password, then follow the emailed link.'],
  refund_request: ['Refunds are issued within 5 business days to the original payment method.'],
};

export async function run(
  options: ExampleOptions,
  question = 'How do I reset my password?',
): Promise<ExampleResult> {
  const ai = new Spyglass({ apiKey: process.env.SPYGLASS_API_KEY, url: options.collectorUrl });
  const openai = openaiClient(options);
  const traceId = await ai.startTrace({
    name: 'customer-support-agent',
    input: { query: question },
    tags: ['support', 'example'],
    userId: 'user-42',
  });

  const classifyMessages = [
    { role: 'system' as const, content: 'Classify the intent of the question.' },
    { role: 'user' as const, content: `Classify: ${question}` },
  ];
  const llmSpan = ai.startSpan({
    name: 'classify-intent',
    type: 'llm',
    model: 'gpt-4o-mini',
    provider: 'openai',
    input: { messages: classifyMessages },
  });
  const classified = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: classifyMessages,
  });
  const intent = classified.choices[0]?.message.content ?? 'general_question';
  ai.endSpan(llmSpan, {
    output: { intent },
    status: 'success',
    prompt_tokens: classified.usage?.prompt_tokens,
    completion_tokens: classified.usage?.completion_tokens,
    total_tokens: classified.usage?.total_tokens,
  });
  await pause(options.stepDelayMs);

  const kbSpan = ai.startSpan({ name: 'lookup-kb', type: 'retrieval', input: { query: intent } });
  await pause(20);
  const docs = KB[intent] ?? ['No article found; escalate to a human.'];
  ai.endSpan(kbSpan, { output: { docs }, status: 'success' });
  ai.event({ name: 'kb_hit', trace_id: traceId, span_id: kbSpan, articles: docs.length });
  await pause(options.stepDelayMs);

  const answerMessages = [
    { role: 'system' as const, content: `Answer using: ${docs.join(' ')}` },
    { role: 'user' as const, content: question },
  ];
  // The wrapper records the stream (text, usage, time to first token) while this loop reads it.
  const { result: stream } = await ai.wrapOpenAI(
    () =>
      openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: answerMessages,
        stream: true,
        stream_options: { include_usage: true },
      }),
    answerMessages,
    undefined,
    undefined,
    { name: 'compose-answer' },
  );
  let answer = '';
  for await (const chunk of stream) answer += chunk.choices[0]?.delta.content ?? '';

  await ai.endTrace(traceId, { output: { response: answer }, status: 'success' });
  await ai.shutdown();
  return { traceIds: [traceId] };
}

await runIfMain(import.meta.url, run);
