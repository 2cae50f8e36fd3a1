// The MCP prompt that primes a coding agent to debug the latest failed run: it names the run,
// carries the failure digest, and says which tools to use next and what to come back with.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { traceListLine } from '../../shared/digest/index.ts';
import { failuresDigest } from '../queries/index.ts';
import type { TraceSource } from '../source/index.ts';

export async function debugLatestFailurePrompt(source: TraceSource): Promise<string> {
  const { traces } = await source.listTraces({ status: 'error', limit: 1 });
  const latest = traces[0];
  if (!latest)
    return 'Spyglass has no failed agent run stored. Run the agent (with the Spyglass SDK or an OpenTelemetry exporter pointed at Spyglass), then ask again; spyglass_traces lists what is stored.';
  const failures = await failuresDigest(source, latest.traceId, { budgetChars: 6_000 });
  return [
    'Debug the latest failed run of my agent, recorded by Spyglass.',
    `The run: ${traceListLine(latest)}`,
    '',
    'What Spyglass found:',
    failures,
    '',
    'Steps:',
    `1. Call spyglass_trace with traceId ${latest.traceId} to see the whole run as a tree.`,
    '2. Open the failed span and the model call before it with spyglass_span (the #ids above) to read the exact messages, tool calls and error.',
    '3. If an earlier successful run of the same agent exists (spyglass_traces with its name and status success), spyglass_compare them to find where they diverge.',
    '4. Find the cause in the agent code in this workspace, explain it in two or three sentences citing span ids, and propose the smallest fix.',
  ].join('\n');
}

export function registerPrompts(server: McpServer, source: TraceSource): void {
  server.registerPrompt(
    'debug-latest-failure',
    {
      title: 'Debug the latest failed run',
      description: 'Finds the most recent failed agent run and primes you to find its cause from the trace',
    },
    async () => ({
      messages: [{ role: 'user', content: { type: 'text', text: await debugLatestFailurePrompt(source) } }],
    }),
  );
}
