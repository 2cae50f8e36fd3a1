// "Input" or "Output" in the inspector: a title with the stored size and copy buttons, then the
// payload (or a loading / not-loaded line that says how much is waiting).
import { CopyButton } from '../../components/CopyButton.tsx';
import { PayloadView } from '../../components/payload/PayloadView.tsx';
import { formatBytes } from '../../lib/format.ts';

export function payloadText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

export function PayloadSection({
  title,
  value,
  bytes,
  loading,
  prose,
}: {
  title: string;
  value: unknown;
  bytes: number;
  loading: boolean;
  prose: boolean;
}) {
  const present = value !== undefined && value !== null;
  return (
    <section className="payload-section" aria-label={title}>
      <div className="section-title">
        <span>{title}</span>
        {bytes > 0 && <span className="section-meta">{formatBytes(bytes)}</span>}
        <span className="spacer" />
        {present && (
          <CopyButton label="Copy" title={`Copy ${title.toLowerCase()}`} text={() => payloadText(value)} />
        )}
      </div>
      {loading && !present ? (
        <div className="muted payload-none">Loading {bytes > 0 ? formatBytes(bytes) : ''}…</div>
      ) : (
        <PayloadView value={value} prose={prose} />
      )}
    </section>
  );
}
