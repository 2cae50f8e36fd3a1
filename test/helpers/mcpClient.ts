// The real `spyglass mcp` over stdio, driven by the official SDK's client, as a coding agent would.
import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const root = resolve(import.meta.dirname, '../..');

export interface McpSession {
  client: Client;
  /** A tool's text answer and whether it was an error. */
  call(name: string, args?: Record<string, unknown>): Promise<{ text: string; isError: boolean }>;
  stderr(): string;
  close(): Promise<void>;
}

export async function startMcp(args: string[], env: Record<string, string> = {}): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['bin/spyglass.js', 'mcp', ...args],
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: 'spyglass-test', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    async call(name, callArgs = {}) {
      const result = await client.callTool({ name, arguments: callArgs });
      const content = result.content as { type: string; text: string }[];
      return { text: content.map((c) => c.text).join('\n'), isError: result.isError === true };
    },
    stderr: () => stderr,
    close: () => client.close(),
  };
}
