// `spyglass mcp`: a Model Context Protocol server over stdio, for coding agents. Reads traces
// from a TraceSource (the collector's API, or the database file read-only) and never writes.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { APP_VERSION } from '../../shared/version.ts';
import type { TraceSource } from '../source/index.ts';
import { registerPrompts } from './prompts.ts';
import { registerResources } from './resources.ts';
import { registerTools } from './tools.ts';

const INSTRUCTIONS = `Spyglass records every run of the user's AI agents (LLM calls, tool calls, retrieval) as traces.
Start with spyglass_failures (no arguments: the latest failed runs) or spyglass_traces; drill into a run with
spyglass_trace and into a step with spyglass_span using the #ids the answers print.`;

export function createMcpServer(source: TraceSource): McpServer {
  const server = new McpServer(
    { name: 'spyglass', title: 'Spyglass', version: APP_VERSION },
    { instructions: INSTRUCTIONS },
  );
  registerTools(server, source);
  registerResources(server, source);
  registerPrompts(server, source);
  return server;
}
