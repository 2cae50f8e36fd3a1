// How to register `spyglass mcp` with common coding agents: the exact line for Claude Code and
// the JSON blocks for Cursor (.cursor/mcp.json) and VS Code (.vscode/mcp.json). Shown by
// `spyglass serve` and in the app's Settings; pure, so both print the same text.
/** The collector's default address (the server's DEFAULT_PORT on loopback). */
export const DEFAULT_COLLECTOR_URL_TEXT = 'http://127.0.0.1:4318';

export interface McpSetup {
  claudeCode: string;
  cursorJson: string;
  vscodeJson: string;
}

/** `collectorUrl` other than the default is passed on as SPYGLASS_URL. */
export function mcpSetup(collectorUrl: string = DEFAULT_COLLECTOR_URL_TEXT): McpSetup {
  const url = collectorUrl.replace(/\/+$/, '');
  const custom = url !== DEFAULT_COLLECTOR_URL_TEXT;
  const env = custom ? { SPYGLASS_URL: url } : undefined;
  const server = { command: 'npx', args: ['spyglass', 'mcp'], ...(env ? { env } : {}) };
  return {
    claudeCode: `claude mcp add spyglass${custom ? ` -e SPYGLASS_URL=${url}` : ''} -- npx spyglass mcp`,
    cursorJson: JSON.stringify({ mcpServers: { spyglass: server } }, null, 2),
    vscodeJson: JSON.stringify({ servers: { spyglass: { type: 'stdio', ...server } } }, null, 2),
  };
}

/** The lines `spyglass serve` prints. */
export function mcpSetupText(collectorUrl?: string): string {
  const setup = mcpSetup(collectorUrl);
  return [
    'Coding agents can query these traces over MCP (spyglass mcp):',
    `  Claude Code: ${setup.claudeCode}`,
    `  Cursor (.cursor/mcp.json) and VS Code (.vscode/mcp.json, "servers" instead of "mcpServers"):`,
    ...setup.cursorJson.split('\n').map((l) => `    ${l}`),
  ].join('\n');
}
