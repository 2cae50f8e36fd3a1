// `spyglass mcp`: the MCP server on stdin/stdout until the client closes it. stdout carries the
// protocol only; anything for a person goes to stderr.
import { UsageError, formatFlags, parseFlags } from '../args.ts';
import { SOURCE_FLAGS, sourceFrom } from './sourceFlags.ts';
import type { Command } from './types.ts';

const FLAGS = { ...SOURCE_FLAGS, help: { value: false, description: 'show this help' } };

export const mcpCommand: Command = {
  name: 'mcp',
  summary: 'MCP server on stdio for coding agents (Claude Code, Cursor, VS Code)',
  usage: `spyglass mcp [--url URL | --db FILE]\n\n${formatFlags(FLAGS)}\n\nRegister it: claude mcp add spyglass -- npx spyglass mcp`,
  async run(argv, io) {
    const { flags, positionals } = parseFlags(argv, FLAGS);
    if (flags.help) {
      io.out(this.usage);
      return 0;
    }
    if (positionals.length) throw new UsageError(`mcp takes no arguments (got "${positionals.join(' ')}")`);
    // Loaded here, not at the top: every other command starts without the MCP SDK.
    const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
    const { createMcpServer } = await import('../mcp/server.ts');
    const source = sourceFrom(flags, io);
    const server = createMcpServer(source);
    const transport = new StdioServerTransport();
    await server.connect(transport);
    const closed = new Promise<void>((resolve) => {
      server.server.onclose = () => resolve();
      process.stdin.once('end', () => resolve());
    });
    io.err(`spyglass mcp: serving traces from the ${source.describe()} over stdio`);
    await Promise.race([closed, io.untilStopped()]);
    await server.close();
    source.close();
    return 0;
  },
};
