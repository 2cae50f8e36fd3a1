// The compact digests (src/shared/digest) on plain data: the budget holds for any shape of run
// (wide, deep, many roots), failures and the critical path survive summarising, payloads page.
import { describe, expect, it, vi } from 'vitest';
import { digestSpan, digestTree, readablePayload, snippet, spanBody } from '../../src/shared/digest/index.ts';
import { mcpSetup, mcpSetupText } from '../../src/shared/mcpSetup.ts';
import type { Span, SpanWithPayloads, TraceSummary } from '../../src/shared/types.ts';

// The 100,000-span cases take seconds on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

function span(
  spanId: string,
  parentSpanId: string | null,
  name: string,
  at: number,
  extra: Partial<Span> = {},
): Span {
  return {
    spanId,
    traceId: 't'.repeat(32),
    parentSpanId,
    name,
    type: 'tool',
    stepOrder: null,
    startTime: at,
    endTime: at + 1,
    durationMs: 1,
    status: 'success',
    model: null,
    provider: null,
    promptTokens: null,
    completionTokens: null,
    totalTokens: null,
    costUsd: null,
    error: null,
    destructive: false,
    inputPreview: `input of ${name}`,
    outputPreview: `output of ${name}`,
    timeToFirstTokenMs: null,
    kind: null,
    inputBytes: 0,
    outputBytes: 0,
    ...extra,
  };
}

const failed = (message: string): Partial<Span> => ({
  status: 'error',
  error: { message, type: 'ToolError', stack: null },
});

function summary(spans: readonly Span[]): TraceSummary {
  return {
    traceId: 't'.repeat(32),
    name: 'run',
    status: 'error',
    startTime: 0,
    endTime: 10,
    durationMs: 10,
    spanCount: spans.length,
    errorCount: spans.filter((s) => s.status === 'error').length,
    promptTokens: 0,
    completionTokens: 0,
    totalTokens: 0,
    costUsd: 0,
    tags: [],
    sessionId: null,
    userId: null,
    service: null,
    models: [],
    updatedAt: 0,
  };
}

function wide(count: number): Span[] {
  const spans = [span('root', null, 'agent', 0, { endTime: count + 10 })];
  for (let i = 1; i < count; i++)
    spans.push(
      span(`s${i}`, 'root', i % 2 ? 'think' : 'act', i, i === count >> 1 ? failed('boom in the middle') : {}),
    );
  return spans;
}

describe('digestTree', () => {
  it('shows a small run whole, with previews, errors and ids', () => {
    const spans = wide(6);
    const { text, level } = digestTree(summary(spans), spans);
    expect(level).toBe(0);
    for (const s of spans) expect(text).toContain(`#${s.spanId}`);
    expect(text).toContain('error: ToolError: boom in the middle');
    expect(text).toContain('in “input of think” → out “output of think”');
  });

  it('folds repeated siblings with counts and keeps the failure and the critical path whole', () => {
    const spans = wide(1_000);
    const { text } = digestTree(summary(spans), spans);
    expect(text).toMatch(/… 49\d more "think" \[tool\] \(\d+ms in all, none failed\)/);
    expect(text).toContain('#s500'); // the failure
    expect(text).toContain('think [tool] 1ms · critical path #s999'); // the step that ended last
  });

  for (const [name, build] of [
    ['100,000 siblings', () => wide(100_000)],
    [
      'a chain 20,000 deep failing at the bottom',
      () =>
        Array.from({ length: 20_000 }, (_, i) =>
          span(`c${i}`, i ? `c${i - 1}` : null, `step ${i}`, i, i === 19_999 ? failed('deep') : {}),
        ),
    ],
    [
      '5,000 roots',
      () =>
        Array.from({ length: 5_000 }, (_, i) =>
          span(`r${i}`, null, `root ${i % 7}`, i, i === 4_000 ? failed('late') : {}),
        ),
    ],
  ] as const) {
    it(`holds every budget for ${name}`, () => {
      const spans = build();
      for (const budgetChars of [2_000, 5_000, 12_000, 40_000]) {
        const { text } = digestTree(summary(spans), spans, { budgetChars });
        expect(text.length).toBeLessThanOrEqual(budgetChars);
        expect(text.split('\n')[0]).toContain(`${spans.length.toLocaleString('en-US')} spans`);
      }
    });
  }
});

describe('digestSpan', () => {
  const long: SpanWithPayloads = {
    ...span('s1', null, 'chat', 0, { type: 'llm', model: 'gpt-4o' }),
    input: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'word '.repeat(3_000) },
    ],
    output: {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c1', function: { name: 'lookup', arguments: '{"q":"x"}' } }],
    },
    attributes: { temperature: 0.2 },
    events: [],
    links: [],
  };

  it('pages a long payload so the pages join back into the whole', () => {
    const body = spanBody(long);
    let offset = 0;
    let joined = '';
    for (let page = 0; page < 20 && offset < body.length; page++) {
      const text = digestSpan(long, { offset, pageChars: 4_000 });
      expect(text.length).toBeLessThan(4_000 + 600);
      const lines = text.split('\n');
      const footer = lines.at(-1)!;
      const start = offset === 0 ? lines.findIndex((l) => l.startsWith('── input ──')) : 1;
      joined += lines.slice(start, -1).join('\n');
      const next = /next page: offset (\d+)/.exec(footer);
      offset = next ? Number(next[1]) : body.length;
    }
    expect(joined).toBe(body);
  });

  it('reads chat messages and tool calls as lines', () => {
    expect(readablePayload(long.output)).toBe('[assistant]\n  tool call lookup({"q":"x"}) id=c1');
    expect(readablePayload(long.input).split('\n')[0]).toBe('[system] Be brief.');
  });
});

describe('snippet', () => {
  it('marks the first match with context on both sides', () => {
    const text = `${'a '.repeat(60)}the mailbox is full ${'b '.repeat(60)}`;
    expect(snippet(text, ['mailbox'])).toMatch(/^….{40,}«mailbox».{40,}…$/);
    expect(snippet('nothing here', ['mailbox'])).toBeNull();
  });
});

describe('MCP setup lines', () => {
  it('gives the exact registration line and JSON blocks', () => {
    const setup = mcpSetup();
    expect(setup.claudeCode).toBe('claude mcp add spyglass -- npx spyglass mcp');
    expect(JSON.parse(setup.cursorJson)).toEqual({
      mcpServers: { spyglass: { command: 'npx', args: ['spyglass', 'mcp'] } },
    });
    expect(JSON.parse(setup.vscodeJson)).toEqual({
      servers: { spyglass: { type: 'stdio', command: 'npx', args: ['spyglass', 'mcp'] } },
    });
    const custom = mcpSetup('http://127.0.0.1:9999/');
    expect(custom.claudeCode).toBe(
      'claude mcp add spyglass -e SPYGLASS_URL=http://127.0.0.1:9999 -- npx spyglass mcp',
    );
    expect(mcpSetupText().split('\n')).toEqual([
      'Coding agents can query these traces over MCP (spyglass mcp):',
      '  Claude Code: claude mcp add spyglass -- npx spyglass mcp',
      '  Cursor (.cursor/mcp.json): {"mcpServers":{"spyglass":{"command":"npx","args":["spyglass","mcp"]}}}',
      '  VS Code (.vscode/mcp.json): {"servers":{"spyglass":{"type":"stdio","command":"npx","args":["spyglass","mcp"]}}}',
    ]);
    expect(setup.cursorJson).toContain('"args": ["spyglass", "mcp"]');
  });
});
