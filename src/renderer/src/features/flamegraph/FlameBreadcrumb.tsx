// The path from the trace's root down to the focused subtree; each ancestor zooms back out.
import type { CSSProperties } from 'react';
import type { SpanNode } from '../../model/traceTree.ts';

const strip: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 4,
  minHeight: 24,
  padding: '0 8px',
  borderBottom: '1px solid var(--border)',
  fontSize: 12,
};

const crumb: CSSProperties = {
  font: 'inherit',
  fontSize: 12,
  border: 'none',
  background: 'none',
  color: 'var(--accent)',
  cursor: 'pointer',
  padding: '0 2px',
  maxWidth: 160,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};

export function FlameBreadcrumb({ path, onZoom }: { path: SpanNode[]; onZoom: (spanId: string) => void }) {
  return (
    <div style={strip}>
      <span style={{ color: 'var(--fg-faint)', flex: 'none' }}>Zoomed to</span>
      <span
        style={{ display: 'flex', alignItems: 'center', minWidth: 0, overflow: 'hidden', flexWrap: 'wrap' }}
        aria-label="Zoomed subtree"
        data-testid="flame-breadcrumb"
      >
        {path.map((n, i) => (
          <span key={n.span.spanId} style={{ display: 'flex', alignItems: 'center', minWidth: 0 }}>
            {i > 0 ? <span style={{ color: 'var(--fg-faint)', padding: '0 2px' }}>›</span> : null}
            {i === path.length - 1 ? (
              <span style={{ ...crumb, color: 'var(--fg)', cursor: 'default' }}>{n.span.name}</span>
            ) : (
              <button
                type="button"
                style={crumb}
                onClick={() => onZoom(n.span.spanId)}
                title={`Zoom out to ${n.span.name}`}
              >
                {n.span.name}
              </button>
            )}
          </span>
        ))}
      </span>
      <span style={{ flex: '1 1 auto' }} />
      <span style={{ color: 'var(--fg-faint)', flex: 'none' }}>Click to zoom in · Esc out</span>
    </div>
  );
}
