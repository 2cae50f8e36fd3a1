// Settings: how to let a coding agent (Claude Code, Cursor, VS Code) read these traces over MCP.
// The lines are the ones `spyglass serve` prints (src/shared/mcpSetup.ts), for this collector.
import { CopyButton } from '../../components/CopyButton.tsx';
import { mcpSetup } from '../../../../shared/mcpSetup.ts';

function Snippet({ label, code }: { label: string; code: string }) {
  return (
    <>
      <div className="settings-label">{label}</div>
      <div className="settings-code">
        <pre aria-label={label}>
          <code>{code}</code>
        </pre>
        <CopyButton text={code} />
      </div>
    </>
  );
}

export function McpSection({ collectorUrl }: { collectorUrl: string }) {
  const setup = mcpSetup(collectorUrl);
  return (
    <section className="settings-body settings-mcp" aria-label="Coding agents">
      <h3>Coding agents (MCP)</h3>
      <div className="settings-note">
        <code>spyglass mcp</code> lets a coding agent list runs, read a run as a tree, open a span, search,
        explain failures and compare two runs, from this collector (or the database file when it is not
        running).
      </div>
      <Snippet label="Claude Code" code={setup.claudeCode} />
      <Snippet label="Cursor: .cursor/mcp.json" code={setup.cursorJson} />
      <Snippet label="VS Code: .vscode/mcp.json" code={setup.vscodeJson} />
    </section>
  );
}
