// No traces yet: teach the two ways in (the SDK, or any OpenTelemetry exporter) with the exact
// address of this collector. The list replaces this the moment the first trace arrives.
import { SDK_INSTALL_COMMANDS } from '../../../../shared/sdkInstall.ts';
import { CopyButton } from '../../components/CopyButton.tsx';

function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="code-block">
      <pre aria-label={label}>
        <code>{code}</code>
      </pre>
      <CopyButton text={code} />
    </div>
  );
}

export function EmptyState({ origin }: { origin: string }) {
  const sdk = [
    "import { Spyglass } from '@spyglass/sdk';",
    `const spyglass = new Spyglass({ url: '${origin}' });`,
    'const { result } = await spyglass.wrapOpenAI(() => openai.chat.completions.create(req), req.messages);',
  ].join('\n');
  const otlp = `OTEL_EXPORTER_OTLP_ENDPOINT=${origin}`;
  return (
    <div className="empty-state">
      <div className="empty-inner">
        <div className="empty-title">
          <span className="status-dot status-running" aria-hidden /> Waiting for the first trace
        </div>
        <p className="empty-lead">
          Spyglass is listening at <span className="mono">{origin}</span>. Send a trace and it appears here as
          it runs. No reload needed.
        </p>
        <h2>With the Spyglass SDK</h2>
        <p className="muted">Install it from your Spyglass checkout (it is not on npm yet):</p>
        <CodeBlock label="SDK install" code={SDK_INSTALL_COMMANDS} />
        <CodeBlock label="SDK example" code={sdk} />
        <h2>With any OpenTelemetry exporter (OTLP/HTTP)</h2>
        <p className="muted">
          Traces endpoint <span className="mono">{origin}/v1/traces</span>. JSON or protobuf, gzip allowed.
        </p>
        <CodeBlock label="OTLP endpoint" code={otlp} />
        <p className="muted empty-foot">
          Or try it out now: <span className="mono">npm run demo -- --url {origin}</span> runs example agents
          against this collector.
        </p>
      </div>
    </div>
  );
}
