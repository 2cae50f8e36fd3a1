// `spyglass mcp` end to end: the real stdio server (node bin/spyglass.js mcp) reading a real
// collector, driven by the official MCP SDK client. Answers on demo-like traces are compared with
// golden files (test/fixtures/digest; UPDATE_GOLDEN=1 rewrites them).
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireEvent } from '../../sdk/src/protocol.ts';
import { DEFAULT_BUDGET_CHARS } from '../../src/shared/digest/index.ts';
import { ingestSynthetic, type SyntheticTrace } from '../helpers/digestTraces.ts';
import { expectGolden } from '../helpers/golden.ts';
import { startMcp, type McpSession } from '../helpers/mcpClient.ts';
import { agentTraceEvents, ragTraceEvents } from '../helpers/sampleTraces.ts';
import { ingestRequest, postIngest, startTestServer, traceIdOf, type TestServer } from '../helpers/server.ts';

const AGENT = traceIdOf(1);
const RAG = traceIdOf(2);
const AGENT_RETRY = traceIdOf(3);
const FAILING_TOOL = `a${(4).toString(16).padStart(15, '0')}`;

/** The agent run again with another model and a changed question: what compare must find. */
function variantEvents(): WireEvent[] {
  const text = JSON.stringify(agentTraceEvents(AGENT_RETRY, 'c'));
  return JSON.parse(
    text.replaceAll('Can you cancel it?', 'Can you refund it?').replaceAll('"gpt-4o-mini"', '"gpt-4o"'),
  );
}

let server: TestServer;
let mcp: McpSession;
let small: SyntheticTrace;
let medium: SyntheticTrace;

beforeAll(async () => {
  server = await startTestServer();
  const answer = await postIngest(
    server.url,
    ingestRequest([...agentTraceEvents(AGENT), ...ragTraceEvents(RAG), ...variantEvents()]),
  );
  expect(answer.status).toBe(200);
  small = await ingestSynthetic(server.url, traceIdOf(10), 10, 'd');
  medium = await ingestSynthetic(server.url, traceIdOf(11), 1_000, 'e');
  mcp = await startMcp(['--url', server.url]);
}, 120_000);

afterAll(async () => {
  await mcp?.close();
  await server?.close();
});

describe('spyglass mcp over stdio', () => {
  it('lists its tools, resources and prompt', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'spyglass_compare',
      'spyglass_failures',
      'spyglass_search',
      'spyglass_span',
      'spyglass_trace',
      'spyglass_traces',
    ]);
    for (const tool of tools) {
      expect(tool.description!.length).toBeGreaterThan(40);
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
    const { resourceTemplates } = await mcp.client.listResourceTemplates();
    expect(resourceTemplates.map((r) => r.uriTemplate).sort()).toEqual([
      'spyglass://trace/{traceId}',
      'spyglass://trace/{traceId}/span/{spanId}',
    ]);
    const { prompts } = await mcp.client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['debug-latest-failure']);
  });

  it('spyglass_traces lists runs with filters', async () => {
    const all = await mcp.call('spyglass_traces');
    expect(all.isError).toBe(false);
    expectGolden('mcp-traces.txt', all.text);
    const failed = await mcp.call('spyglass_traces', { status: 'error', name: 'synthetic' });
    expect(
      failed.text
        .split('\n')
        .slice(1)
        .map((l) => l.slice(0, 32)),
    ).toEqual([medium.traceId, small.traceId]);
    const session = await mcp.call('spyglass_traces', { session: 'sess-42' });
    expect(session.text).toContain(AGENT);
    expect(session.text).not.toContain(RAG);
    // The agent's LLM call records temperature 0.2; a bad filter is named, not crashed on.
    const hot = await mcp.call('spyglass_traces', { attr: ['temperature<0.5'] });
    expect(hot.text).toContain(AGENT);
    expect(hot.text).not.toContain(RAG);
    const bad = await mcp.call('spyglass_traces', { attr: ['temperature>warm'] });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('needs a number');
    const text = await mcp.call('spyglass_traces', { text: 'mailbox' });
    expect(text.text).toContain(AGENT);
    expect(text.text).not.toContain(RAG);
  });

  it('spyglass_trace answers the tree of a demo-like run', async () => {
    const tree = await mcp.call('spyglass_trace', { traceId: AGENT });
    expect(tree.isError).toBe(false);
    expectGolden('mcp-trace-agent.txt', tree.text);
    expect(tree.text).toContain(`#${FAILING_TOOL}`);
    expect(tree.text).toContain('SmtpError: SMTP 550: mailbox unavailable');
  });

  it('spyglass_span answers one span whole, and pages a long payload', async () => {
    const span = await mcp.call('spyglass_span', { traceId: AGENT, spanId: `#${FAILING_TOOL}` });
    expect(span.isError).toBe(false);
    expectGolden('mcp-span-failing-tool.txt', span.text);
    const llm = `a${(2).toString(16).padStart(15, '0')}`;
    const first = await mcp.call('spyglass_span', { traceId: AGENT, spanId: llm, pageChars: 200 });
    expect(first.text).toContain('[system] You are a support agent for Acme');
    const next = /next page: offset (\d+)/.exec(first.text);
    expect(next).not.toBeNull();
    const second = await mcp.call('spyglass_span', {
      traceId: AGENT,
      spanId: llm,
      pageChars: 200,
      offset: Number(next![1]),
    });
    expect(second.text.startsWith(`span #${llm} (continued)`)).toBe(true);
  });

  it('spyglass_failures explains each failure with the steps before it and the model input', async () => {
    const failures = await mcp.call('spyglass_failures', { traceId: AGENT });
    expectGolden('mcp-failures-agent.txt', failures.text);
    expect(failures.text).toContain('model input at the step before');
    expect(failures.text).toContain('[user] My order #1042 has not arrived');
    const recent = await mcp.call('spyglass_failures', {});
    expect(recent.text).toContain(medium.traceId);
    expect(recent.text).toContain('NotFoundError: item');
  });

  it('spyglass_search answers matching runs with snippets', async () => {
    const search = await mcp.call('spyglass_search', { text: 'mailbox' });
    expectGolden('mcp-search-mailbox.txt', search.text);
    expect(search.text).toContain('«mailbox»');
  });

  it('spyglass_compare tells the first divergence in words', async () => {
    const compare = await mcp.call('spyglass_compare', { traceIdA: AGENT, traceIdB: AGENT_RETRY });
    expectGolden('mcp-compare-agent.txt', compare.text);
    expect(compare.text).toContain('model gpt-4o-mini → gpt-4o');
    expect(compare.text).toMatch(/-"cancel" \+"refund"/);
  });

  it('answers unknown ids with a tool error that says what to do', async () => {
    const trace = await mcp.call('spyglass_trace', { traceId: 'f'.repeat(32) });
    expect(trace.isError).toBe(true);
    expect(trace.text).toContain(`no trace with id "${'f'.repeat(32)}"`);
    expect(trace.text).toContain('spyglass_traces');
    const span = await mcp.call('spyglass_span', { traceId: AGENT, spanId: '0123456789abcdef' });
    expect(span.isError).toBe(true);
    expect(span.text).toContain(`trace ${AGENT} has no span "0123456789abcdef"`);
    const compare = await mcp.call('spyglass_compare', { traceIdA: AGENT, traceIdB: 'nope' });
    expect(compare.isError).toBe(true);
    expect(compare.text).toContain('no trace with id "nope"');
    const time = await mcp.call('spyglass_traces', { since: 'yesterday-ish' });
    expect(time.isError).toBe(true);
    expect(time.text).toContain('neither an ISO time nor a duration');
  });

  it('answers a tool error, not a crash, when no collector answers', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const offline = await startMcp(['--url', `http://127.0.0.1:${port}`]);
    try {
      const answer = await offline.call('spyglass_traces');
      expect(answer.isError).toBe(true);
      expect(answer.text).toBe(
        `no Spyglass collector answered at http://127.0.0.1:${port} (ECONNREFUSED). Start Spyglass (the app, or \`spyglass serve\`), or read a database file with --db FILE.`,
      );
    } finally {
      await offline.close();
    }
  });

  it('reads traces and spans as resources, and primes a debugging prompt', async () => {
    const { resources } = await mcp.client.listResources();
    expect(resources.map((r) => r.uri)).toContain(`spyglass://trace/${AGENT}`);
    const trace = await mcp.client.readResource({ uri: `spyglass://trace/${AGENT}` });
    expect((trace.contents[0] as { text: string }).text).toContain(`trace ${AGENT} "support-agent"`);
    const span = await mcp.client.readResource({ uri: `spyglass://trace/${AGENT}/span/${FAILING_TOOL}` });
    expect((span.contents[0] as { text: string }).text).toContain('error: SmtpError: SMTP 550');
    const prompt = await mcp.client.getPrompt({ name: 'debug-latest-failure' });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    expect(text).toContain('Debug the latest failed run');
    expect(text).toContain(medium.traceId); // the newest failed run
    expect(text).toContain('spyglass_span');
  });

  it('holds the size budget for runs of 10 and 1,000 spans, keeping the failure whole', async () => {
    for (const run of [small, medium]) {
      const tree = await mcp.call('spyglass_trace', { traceId: run.traceId });
      expect(tree.text.length).toBeLessThanOrEqual(DEFAULT_BUDGET_CHARS);
      expect(tree.text).toContain(`#${run.failingSpanId}`);
      expect(tree.text).toContain('critical path');
      const tight = await mcp.call('spyglass_trace', { traceId: run.traceId, budgetChars: 2_000 });
      expect(tight.text.length).toBeLessThanOrEqual(2_000);
      expect(tight.text).toContain(`#${run.failingSpanId}`);
      expectGolden(`mcp-trace-synthetic-${run.spanCount}.txt`, tree.text);
    }
    const folded = await mcp.call('spyglass_trace', { traceId: medium.traceId });
    expect(folded.text).toMatch(/… [\d,]+ more "choose next item" \[llm\]/);
  });
});
