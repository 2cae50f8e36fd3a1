// MCP resources: each run as spyglass://trace/{traceId} (its tree digest) and each span as
// spyglass://trace/{traceId}/span/{spanId} (the span's first page). The list names recent runs.
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { traceHeader } from '../../shared/digest/index.ts';
import { spanDigest, treeDigest } from '../queries/index.ts';
import type { TraceSource } from '../source/index.ts';

const LISTED_TRACES = 20;

const one = (params: Record<string, string | string[]>, key: string): string => {
  const value = params[key];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};

export function registerResources(server: McpServer, source: TraceSource): void {
  server.registerResource(
    'trace',
    new ResourceTemplate('spyglass://trace/{traceId}', {
      list: async () => {
        const { traces } = await source.listTraces({ limit: LISTED_TRACES });
        return {
          resources: traces.map((t) => ({
            uri: `spyglass://trace/${t.traceId}`,
            name: `${t.name} (${t.status})`,
            description: traceHeader(t),
            mimeType: 'text/plain',
          })),
        };
      },
    }),
    { title: 'Agent run', description: 'A recorded run as a compact tree', mimeType: 'text/plain' },
    async (uri, params) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: 'text/plain',
          text: (await treeDigest(source, one(params, 'traceId'))).text,
        },
      ],
    }),
  );

  server.registerResource(
    'span',
    new ResourceTemplate('spyglass://trace/{traceId}/span/{spanId}', { list: undefined }),
    { title: 'Span', description: 'One span whole (first page of its payloads)', mimeType: 'text/plain' },
    async (uri, params) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: 'text/plain',
          text: await spanDigest(source, one(params, 'traceId'), one(params, 'spanId')),
        },
      ],
    }),
  );
}
