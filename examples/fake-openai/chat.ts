// POST /v1/chat/completions: one completion object, or the chunk sequence of `stream: true`
// (role chunk, content or tool-call argument deltas, finish chunk, then a usage-only chunk with
// empty `choices` when `stream_options.include_usage` is set).
import { countPromptTokens, countTokens } from './tokens.ts';
import type { IdSource } from './ids.ts';
import { pieces, servedModel } from './ids.ts';
import type { Reply } from './script.ts';
import type { Turn } from './conversation.ts';

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

function usageOf(turns: Turn[], replyText: string): Usage {
  const prompt = countPromptTokens(turns.map((t) => t.text));
  const completion = countTokens(replyText);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function replyText(r: Reply): string {
  return r.kind === 'text' ? r.text : r.calls.map((c) => c.name + c.arguments).join('');
}

export function chatCompletion(
  body: Record<string, unknown>,
  turns: Turn[],
  r: Reply,
  ids: IdSource,
): object {
  const toolCalls =
    r.kind === 'tools'
      ? r.calls.map((c) => ({
          id: ids.next('call_'),
          type: 'function',
          function: { name: c.name, arguments: c.arguments },
        }))
      : undefined;
  return {
    id: ids.next('chatcmpl-'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: servedModel(body.model),
    system_fingerprint: 'fp_fake0001',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: r.kind === 'text' ? r.text : null,
          refusal: null,
          ...(toolCalls ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: r.kind === 'text' ? 'stop' : 'tool_calls',
      },
    ],
    usage: usageOf(turns, replyText(r)),
  };
}

export function chatChunks(body: Record<string, unknown>, turns: Turn[], r: Reply, ids: IdSource): object[] {
  const includeUsage =
    (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const base = {
    id: ids.next('chatcmpl-'),
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: servedModel(body.model),
    system_fingerprint: 'fp_fake0001',
    ...(includeUsage ? { usage: null } : {}),
  };
  const chunk = (delta: object, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const out: object[] = [chunk({ role: 'assistant', content: r.kind === 'text' ? '' : null, refusal: null })];
  if (r.kind === 'text') {
    for (const piece of pieces(r.text)) out.push(chunk({ content: piece }));
  } else {
    r.calls.forEach((call, index) => {
      out.push(
        chunk({
          tool_calls: [
            { index, id: ids.next('call_'), type: 'function', function: { name: call.name, arguments: '' } },
          ],
        }),
      );
      for (const piece of pieces(call.arguments, 16))
        out.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    });
  }
  out.push(chunk({}, r.kind === 'text' ? 'stop' : 'tool_calls'));
  if (includeUsage) out.push({ ...base, choices: [], usage: usageOf(turns, replyText(r)) });
  return out;
}
