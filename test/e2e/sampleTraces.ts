// Realistic traces for the browser tests, sent through the real ingest API.
import type { WireEvent } from '../../sdk/src/protocol.ts';
import { ingestRequest, postIngest, spanIdOf, traceIdOf, wire } from '../helpers/server.ts';

export async function send(baseUrl: string, events: WireEvent[]): Promise<void> {
  const answer = await postIngest(baseUrl, ingestRequest(events));
  if (answer.status !== 200 || answer.body?.rejected)
    throw new Error(`ingest failed: ${answer.status} ${JSON.stringify(answer.body)}`);
}

export const XSS_IMG = '<img src=x onerror=window.__xss=1>';
export const XSS_SCRIPT = '<script>window.__xss=1</script>';

const STACK = [
  'Error: ECONNREFUSED connecting to inventory-db:5432',
  '    at Socket.connect (node:net:1234:16)',
  '    at InventoryClient.query (/app/src/tools/inventory.ts:42:11)',
  '    at async checkStock (/app/src/tools/checkStock.ts:18:5)',
].join('\n');

/**
 * An agent run: root agent → LLM call (tool call) → tool → LLM call (answer), plus a failing
 * tool with a stack trace and a destructive one. Returns the ids used.
 */
export function agentRun(
  n: number,
  t0: number,
  options: { name?: string; tags?: string[]; running?: boolean } = {},
) {
  const traceId = traceIdOf(n);
  const id = (k: number) => spanIdOf(n * 100 + k);
  const root = id(1);
  const llm1 = id(2);
  const tool = id(3);
  const failing = id(4);
  const llm2 = id(5);
  const destructive = id(6);
  const system = { role: 'system', content: 'You are a shopping assistant. Be brief.' };
  const user = { role: 'user', content: `Is the **blue kettle** in stock? ${XSS_IMG} ${XSS_SCRIPT}` };
  const toolCall = {
    role: 'assistant',
    content: null,
    tool_calls: [
      {
        id: 'call_stock_1',
        type: 'function',
        function: { name: 'check_stock', arguments: '{"sku":"KTL-BLUE-1"}' },
      },
    ],
  };
  const events: WireEvent[] = [
    wire.traceStart(traceId, t0, {
      name: options.name ?? `checkout-agent #${n}`,
      tags: options.tags ?? ['prod', 'checkout'],
      input: 'Is the blue kettle in stock?',
    }),
    wire.spanStart(traceId, root, null, t0 + 1, { name: 'checkout-agent', type: 'agent', stepOrder: 0 }),
    wire.spanStart(traceId, llm1, root, t0 + 5, {
      name: 'chat gpt-4o-mini',
      type: 'llm',
      model: 'gpt-4o-mini',
      provider: 'openai',
      stepOrder: 1,
      input: { model: 'gpt-4o-mini', messages: [system, user] },
    }),
    wire.spanEnd(traceId, llm1, t0 + 820, {
      output: { choices: [{ index: 0, finish_reason: 'tool_calls', message: toolCall }] },
      promptTokens: 412,
      completionTokens: 38,
      totalTokens: 450,
      costUsd: 0.000085,
      timeToFirstTokenMs: 310,
      status: 'success',
    }),
    wire.spanStart(traceId, tool, root, t0 + 830, {
      name: 'check_stock',
      type: 'tool',
      stepOrder: 2,
      input: { sku: 'KTL-BLUE-1' },
    }),
    wire.spanEnd(traceId, tool, t0 + 1040, {
      output: { sku: 'KTL-BLUE-1', inStock: 3, warehouse: 'Leeds' },
      status: 'success',
    }),
    wire.spanStart(traceId, failing, root, t0 + 1050, {
      name: 'reserve_item',
      type: 'tool',
      stepOrder: 3,
      input: { sku: 'KTL-BLUE-1', qty: 1 },
    }),
    wire.spanEnd(traceId, failing, t0 + 1190, {
      status: 'error',
      error: {
        message: 'ECONNREFUSED connecting to inventory-db:5432',
        type: 'ConnectionError',
        stack: STACK,
      },
    }),
    wire.spanStart(traceId, llm2, root, t0 + 1200, {
      name: 'chat gpt-4o-mini',
      type: 'llm',
      model: 'gpt-4o-mini',
      provider: 'openai',
      stepOrder: 4,
      input: {
        model: 'gpt-4o-mini',
        messages: [
          system,
          user,
          toolCall,
          { role: 'tool', tool_call_id: 'call_stock_1', content: '{"inStock":3}' },
        ],
      },
    }),
    wire.spanEnd(traceId, llm2, t0 + 2300, {
      output: {
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            message: {
              role: 'assistant',
              content: 'Yes — **3 in stock** at the Leeds warehouse.\n\n- colour: blue\n- SKU: `KTL-BLUE-1`',
            },
          },
        ],
      },
      promptTokens: 498,
      completionTokens: 24,
      totalTokens: 522,
      costUsd: 0.000089,
      status: 'success',
    }),
    wire.spanStart(traceId, destructive, root, t0 + 2310, {
      name: 'send_email',
      type: 'tool',
      stepOrder: 5,
      destructive: true,
      input: { to: 'customer@example.com' },
    }),
    wire.spanEnd(traceId, destructive, t0 + 2400, { output: 'sent', status: 'success' }),
  ];
  if (!options.running) {
    events.push(wire.spanEnd(traceId, root, t0 + 2450, { status: 'success' }));
    events.push(wire.traceEnd(traceId, t0 + 2460, { output: 'Yes, 3 in stock.', status: 'success' }));
  }
  return { traceId, events, ids: { root, llm1, tool, failing, llm2, destructive } };
}
