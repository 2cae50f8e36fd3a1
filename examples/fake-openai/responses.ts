// POST /v1/responses: a Response object, or with `stream: true` the typed event sequence
// (response.created ... output_text.delta / function_call_arguments.delta ... response.completed).
import { countPromptTokens, countTokens } from './tokens.ts';
import type { IdSource } from './ids.ts';
import { pieces, servedModel } from './ids.ts';
import type { Reply } from './script.ts';
import type { Turn } from './conversation.ts';

type Item = Record<string, unknown>;

function outputItems(r: Reply, ids: IdSource): Item[] {
  if (r.kind === 'text') {
    return [
      {
        id: ids.next('msg_'),
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: r.text, annotations: [], logprobs: [] }],
      },
    ];
  }
  return r.calls.map((call) => ({
    id: ids.next('fc_'),
    type: 'function_call',
    status: 'completed',
    call_id: ids.next('call_'),
    name: call.name,
    arguments: call.arguments,
  }));
}

function usageOf(turns: Turn[], r: Reply) {
  const text = r.kind === 'text' ? r.text : r.calls.map((c) => c.name + c.arguments).join('');
  const input = countPromptTokens(turns.map((t) => t.text));
  const output = countTokens(text);
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + output,
  };
}

function responseObject(body: Item, id: string, status: string, output: Item[], usage: object | null): Item {
  return {
    id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: servedModel(body.model),
    output,
    parallel_tool_calls: true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    store: true,
    temperature: body.temperature ?? 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: body.tools ?? [],
    top_p: 1,
    truncation: 'disabled',
    usage,
    user: null,
    metadata: body.metadata ?? {},
  };
}

export function response(body: Item, turns: Turn[], r: Reply, ids: IdSource): Item {
  return responseObject(body, ids.next('resp_'), 'completed', outputItems(r, ids), usageOf(turns, r));
}

function itemEvents(item: Item, outputIndex: number): Item[] {
  const itemId = item.id;
  if (item.type === 'function_call') {
    const args = String(item.arguments);
    return [
      {
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, arguments: '', status: 'in_progress' },
      },
      ...pieces(args, 16).map((delta) => ({
        type: 'response.function_call_arguments.delta',
        item_id: itemId,
        output_index: outputIndex,
        delta,
      })),
      {
        type: 'response.function_call_arguments.done',
        item_id: itemId,
        output_index: outputIndex,
        arguments: args,
      },
      { type: 'response.output_item.done', output_index: outputIndex, item },
    ];
  }
  const part = (item.content as Item[])[0] ?? {};
  const text = String(part.text);
  const where = { item_id: itemId, output_index: outputIndex, content_index: 0 };
  return [
    {
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: { ...item, status: 'in_progress', content: [] },
    },
    { type: 'response.content_part.added', ...where, part: { ...part, text: '' } },
    ...pieces(text).map((delta) => ({ type: 'response.output_text.delta', ...where, delta, logprobs: [] })),
    { type: 'response.output_text.done', ...where, text, logprobs: [] },
    { type: 'response.content_part.done', ...where, part },
    { type: 'response.output_item.done', output_index: outputIndex, item },
  ];
}

export function responseEvents(body: Item, turns: Turn[], r: Reply, ids: IdSource): Item[] {
  const id = ids.next('resp_');
  const items = outputItems(r, ids);
  const pending = responseObject(body, id, 'in_progress', [], null);
  const events: Item[] = [
    { type: 'response.created', response: pending },
    { type: 'response.in_progress', response: pending },
    ...items.flatMap((item, index) => itemEvents(item, index)),
    { type: 'response.completed', response: responseObject(body, id, 'completed', items, usageOf(turns, r)) },
  ];
  return events.map((event, index) => ({ ...event, sequence_number: index }));
}
