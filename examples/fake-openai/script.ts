// The fake model's behaviour, scripted by the conversation so example agents get sensible,
// repeatable multi-step runs:
// - tools offered and the last turn is the user's: call the tools the user names (in the order
//   named, one per turn; all at once when the user says "in parallel"), or the first tool when
//   none is named;
// - after tool results: call the next named tool not yet called, else answer using the results;
// - no tools: answer the question (a label for "classify", JSON when JSON was asked for).
import type { JsonSchema, ToolSpec, Turn } from './conversation.ts';

export interface PlannedCall {
  name: string;
  arguments: string;
}

export type Reply = { kind: 'text'; text: string } | { kind: 'tools'; calls: PlannedCall[] };

const MARKER = /\[\[[^\]]*\]\]/g;

function lastUserText(turns: Turn[]): string {
  for (let i = turns.length - 1; i >= 0; i--) if (turns[i]?.role === 'user') return turns[i]!.text;
  return '';
}

export function topicOf(turns: Turn[]): string {
  const text = lastUserText(turns).replace(MARKER, '').replace(/\s+/g, ' ').trim();
  return text.length > 80 ? `${text.slice(0, 77)}...` : text || 'your request';
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'note'
  );
}

function mentions(text: string, toolName: string): number {
  const lower = text.toLowerCase();
  const spaced = toolName.toLowerCase().replace(/[-_]+/g, ' ');
  const at = lower.indexOf(toolName.toLowerCase());
  return at >= 0 ? at : lower.indexOf(spaced);
}

function valueFor(key: string, schema: JsonSchema, topic: string, lastResult: string): unknown {
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case 'number':
    case 'integer':
      return schema.minimum ?? 3;
    case 'boolean':
      return true;
    case 'array':
      return [topic];
    case 'object':
      return {};
  }
  const k = key.toLowerCase();
  if (/path|file/.test(k)) return `notes/${slug(topic)}.md`;
  if (/url|link/.test(k)) return `https://example.com/${slug(topic)}`;
  if (/email/.test(k)) return 'customer@example.com';
  if (/content|body|text|summary/.test(k)) return lastResult ? `Summary: ${lastResult.slice(0, 200)}` : topic;
  if (/id$/.test(k)) return `${slug(topic).slice(0, 8)}-1042`;
  return topic;
}

export function argumentsFor(tool: ToolSpec, topic: string, lastResult: string): string {
  const props = tool.parameters?.properties ?? {};
  const args: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(props))
    args[key] = valueFor(key, schema ?? {}, topic, lastResult);
  return JSON.stringify(args);
}

function calledTools(turns: Turn[]): Set<string> {
  const called = new Set<string>();
  for (const turn of turns) for (const name of turn.toolCalls ?? []) called.add(name);
  return called;
}

function planTools(turns: Turn[], tools: ToolSpec[]): PlannedCall[] {
  const userText = lastUserText(turns);
  const topic = topicOf(turns);
  const toolTurns = turns.filter((t) => t.role === 'tool');
  const lastResult = toolTurns.at(-1)?.text ?? '';
  const named = tools
    .map((tool) => ({ tool, at: mentions(userText, tool.name) }))
    .filter((n) => n.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((n) => n.tool);
  const called = calledTools(turns);
  const pending = named.filter((tool) => !called.has(tool.name));
  const lastTurn = turns[turns.length - 1];
  const first = tools[0];
  if (first && lastTurn?.role !== 'tool' && named.length === 0 && called.size === 0) pending.push(first);
  if (pending.length === 0) return [];
  const batch = /in parallel|at the same time|simultaneously/i.test(userText) ? pending : pending.slice(0, 1);
  return batch.map((tool) => ({ name: tool.name, arguments: argumentsFor(tool, topic, lastResult) }));
}

const LABELS: Array<[RegExp, string]> = [
  [/password|log ?in|sign ?in/i, 'password_reset'],
  [/refund|money back|charge/i, 'refund_request'],
  [/bill|invoice|payment/i, 'billing_question'],
  [/bug|error|crash|broken/i, 'bug_report'],
  [/cancel/i, 'cancellation'],
];

function classify(text: string): string {
  for (const [pattern, label] of LABELS) if (pattern.test(text)) return label;
  return 'general_question';
}

function answerText(turns: Turn[], wantsJson: boolean): string {
  const topic = topicOf(turns);
  const system = turns
    .filter((t) => t.role === 'system')
    .map((t) => t.text)
    .join(' ');
  const asks = `${system} ${lastUserText(turns)}`;
  if (/classify/i.test(asks)) {
    const label = classify(lastUserText(turns));
    return wantsJson ? JSON.stringify({ intent: label, confidence: 0.92 }) : label;
  }
  const results = turns
    .filter((t) => t.role === 'tool')
    .map((t) => t.text.replace(/\s+/g, ' ').slice(0, 160));
  if (wantsJson) return JSON.stringify({ answer: `About "${topic}"`, sources: results.length });
  if (/plan|steps/i.test(asks) && results.length === 0) {
    return `Plan for "${topic}": 1. Gather the key facts. 2. Check them against a second source. 3. Write a short, sourced summary.`;
  }
  if (results.length > 0) {
    return `Based on ${results.length} tool result${results.length > 1 ? 's' : ''} (${results.join('; ')}), here is the answer to "${topic}": the findings agree, and the next step is to act on the most recent result.`;
  }
  return `Here is a concise answer to "${topic}": start with the most direct option, confirm it worked, and escalate only if it did not.`;
}

export function reply(turns: Turn[], tools: ToolSpec[], wantsJson: boolean): Reply {
  if (tools.length > 0) {
    const calls = planTools(turns, tools);
    if (calls.length > 0) return { kind: 'tools', calls };
  }
  return { kind: 'text', text: answerText(turns, wantsJson) };
}

/** `[[fail:429]]` always fails; `[[fail-once:500]]` fails the first time this request is seen. */
export function failureMarker(turns: Turn[]): { status: number; once: boolean } | null {
  const match = /\[\[fail(-once)?:(\d{3})\]\]/.exec(lastUserText(turns));
  return match ? { status: Number(match[2]), once: match[1] !== undefined } : null;
}
