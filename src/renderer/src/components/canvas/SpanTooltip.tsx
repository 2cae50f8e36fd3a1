// Hover card for a span, a DOM overlay above any canvas view. Text only: span names come from
// the traced program and are shown, never interpreted.
import { useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import type { CSSProperties } from 'react';
import { STATUS_LABEL } from '../StatusIcon.tsx';
import { SPAN_TYPE_LABEL, spanTypeColorVar } from '../spanTypes.ts';
import { formatCost, formatDuration, formatTokens } from '../../lib/format.ts';
import type { HoverStore } from './hoverStore.ts';
import { tooltipPlacement } from './tooltipPlacement.ts';

interface Props {
  store: HoverStore;
  traceStart: number;
  now: number;
  /** Extra line under the figures (e.g. the flame graph's share of the parent). */
  extra?: (spanId: string) => string | null;
}

const box: CSSProperties = {
  position: 'absolute',
  zIndex: 20,
  pointerEvents: 'none',
  maxWidth: 340,
  padding: '7px 9px',
  borderRadius: 6,
  background: 'var(--bg-elevated)',
  color: 'var(--fg)',
  border: '1px solid var(--border)',
  boxShadow: '0 4px 16px rgba(0,0,0,0.28)',
  fontSize: 12,
  lineHeight: 1.45,
  whiteSpace: 'nowrap',
};
const muted: CSSProperties = { color: 'var(--fg-muted)' };
const grid: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'max-content 1fr',
  columnGap: 12,
  marginTop: 4,
};

export function SpanTooltip({ store, traceStart, now, extra }: Props) {
  const hover = useSyncExternalStore(store.subscribe, store.get);
  const boxRef = useRef<HTMLDivElement>(null);
  // Placed after layout, before paint: where it fits depends on the card's measured size.
  useLayoutEffect(() => {
    const element = boxRef.current;
    if (!element || hover === null) return;
    const { left, top } = tooltipPlacement({
      pointerX: hover.x,
      pointerY: hover.y,
      boundsW: hover.boundsW,
      boundsH: hover.boundsH,
      boxW: element.offsetWidth,
      boxH: element.offsetHeight,
    });
    element.style.left = `${left}px`;
    element.style.top = `${top}px`;
  }, [hover]);
  if (hover === null) return null;
  const { span } = hover.node;
  const running = span.status === 'running';
  const duration = running ? now - (span.startTime ?? now) : span.durationMs;
  const offset = span.startTime === null ? null : span.startTime - traceStart;
  const note = extra?.(span.spanId) ?? null;
  return (
    <div ref={boxRef} style={box} role="tooltip" data-testid="span-tooltip">
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 6 }}>
        <span
          style={{
            width: 8,
            height: 8,
            borderRadius: 2,
            flex: 'none',
            background: `var(${spanTypeColorVar(span.type)})`,
          }}
        />
        {/* The whole name, wrapped: the views' cards and rows cut long ones, this is where they are read. */}
        <strong style={{ whiteSpace: 'normal', overflowWrap: 'anywhere', minWidth: 0 }}>{span.name}</strong>
      </div>
      <div style={grid}>
        <span style={muted}>Type</span>
        <span>
          {SPAN_TYPE_LABEL[span.type]}
          {span.model ? ` · ${span.model}` : ''}
        </span>
        <span style={muted}>Duration</span>
        <span>
          {formatDuration(duration)}
          {running ? ' (running)' : ''}
          {offset !== null ? <span style={muted}> at +{formatDuration(offset)}</span> : null}
        </span>
        {span.totalTokens !== null ? (
          <>
            <span style={muted}>Tokens</span>
            <span>
              {formatTokens(span.totalTokens)}
              {span.promptTokens !== null ? (
                <span style={muted}>
                  {' '}
                  ({formatTokens(span.promptTokens)} in · {formatTokens(span.completionTokens)} out)
                </span>
              ) : null}
            </span>
          </>
        ) : null}
        {span.costUsd !== null ? (
          <>
            <span style={muted}>Cost</span>
            <span>{formatCost(span.costUsd)}</span>
          </>
        ) : null}
        <span style={muted}>Status</span>
        <span
          style={{
            color: span.status === 'error' ? 'var(--error)' : running ? 'var(--running)' : 'var(--success)',
          }}
        >
          {STATUS_LABEL[span.status]}
          {span.destructive ? <span style={{ color: 'var(--warning)' }}> · destructive</span> : null}
        </span>
      </div>
      {span.error ? (
        <div style={{ color: 'var(--error)', marginTop: 4, whiteSpace: 'normal' }}>
          {span.error.type ? `${span.error.type}: ` : ''}
          {span.error.message.slice(0, 200)}
        </div>
      ) : null}
      {note ? <div style={{ ...muted, marginTop: 4 }}>{note}</div> : null}
    </div>
  );
}
