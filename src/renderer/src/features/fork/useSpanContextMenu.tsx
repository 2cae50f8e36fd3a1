// Right-click on a span in the outline or in any canvas view: a menu to re-run it in the
// playground or fork the run from it. Outline rows carry data-span-id; canvas views select on
// click, so the same click is replayed on the canvas to select (and find) the span under the
// pointer, as DevTools selects on right-click.
import { useCallback, useState, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import type { Span } from '../../../../shared/types.ts';
import { ContextMenu } from '../../components/ContextMenu.tsx';
import { urlStore } from '../../state/urlState.ts';
import { openPlayground } from '../../state/playgroundStore.ts';
import { FORKABLE_TYPES, openForkEditor } from '../../state/forkStore.ts';

export interface SpanMenuTarget {
  x: number;
  y: number;
  span: Span;
}

export function spanMenuItems(span: Span) {
  const running = span.status === 'running';
  return [
    {
      label: 'Re-run in playground…',
      disabled: span.type !== 'llm',
      hint: 'Only LLM calls can be re-run',
      onSelect: () => openPlayground(span.traceId, span.spanId),
    },
    {
      label: 'Fork from here…',
      disabled: !FORKABLE_TYPES.has(span.type) || running,
      hint: running ? 'Wait for the step to finish' : 'Only LLM and tool steps can be forked',
      onSelect: () => openForkEditor(span.traceId, span.spanId),
    },
    { label: 'Copy span ID', onSelect: () => void navigator.clipboard?.writeText(span.spanId) },
  ];
}

export function useSpanContextMenu(
  spans: ReadonlyMap<string, Span>,
  onSelectSpan: (spanId: string) => void,
): { onContextMenu: (event: ReactMouseEvent) => void; menu: ReactNode } {
  const [target, setTarget] = useState<SpanMenuTarget | null>(null);
  const onContextMenu = useCallback(
    (event: ReactMouseEvent) => {
      const element = event.target as Element;
      let spanId = element.closest('[data-span-id]')?.getAttribute('data-span-id') ?? null;
      if (!spanId && element instanceof HTMLCanvasElement) {
        element.dispatchEvent(
          new MouseEvent('click', {
            bubbles: true,
            clientX: event.clientX,
            clientY: event.clientY,
            view: window,
          }),
        );
        spanId = urlStore.get().spanId;
      }
      const span = spanId ? spans.get(spanId) : undefined;
      if (!span) return; // Not on a span: leave the browser's own menu.
      event.preventDefault();
      onSelectSpan(span.spanId);
      setTarget({ x: event.clientX, y: event.clientY, span });
    },
    [spans, onSelectSpan],
  );
  const menu = target ? (
    <ContextMenu
      x={target.x}
      y={target.y}
      items={spanMenuItems(target.span)}
      onClose={() => setTarget(null)}
    />
  ) : null;
  return { onContextMenu, menu };
}
