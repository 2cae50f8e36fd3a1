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
    cursorJson: prettyJson({ mcpServers: { spyglass: server } }),
    vscodeJson: prettyJson({ servers: { spyglass: { type: 'stdio', ...server } } }),
  };
}

/** Indented JSON with short arrays kept on one line ("args": ["spyglass", "mcp"]), as people write it. */
function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /\[\s+([^[\]{}]*?)\s+\]/g,
    (_, items: string) => `[${items.split(/,\s+/).join(', ')}]`,
  );
}

/** The lines `spyglass serve` prints (the JSON on one line each, ready to paste). */
export function mcpSetupText(collectorUrl?: string): string {
  const setup = mcpSetup(collectorUrl);
  const oneLine = (json: string) => JSON.stringify(JSON.parse(json));
  return [
    'Coding agents can query these traces over MCP (spyglass mcp):',
    `  Claude Code: ${setup.claudeCode}`,
    `  Cursor (.cursor/mcp.json): ${oneLine(setup.cursorJson)}`,
    `  VS Code (.vscode/mcp.json): ${oneLine(setup.vscodeJson)}`,
  ].join('\n');
}
