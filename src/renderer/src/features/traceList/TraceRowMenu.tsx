// Right-click on a trace in the list: compare it with the open trace, pick it for a multi-trace
// export or comparison, or export it alone.
import type { TraceSummary } from '../../../../shared/types.ts';
import { ContextMenu, type ContextMenuItem } from '../../components/ContextMenu.tsx';
import { selectTrace } from '../../state/selection.ts';
import { openCompare } from '../../state/openCompare.ts';
import { runExport } from '../../components/ExportMenu.tsx';
import { toggleTraceSelection, traceSelectionStore } from '../../state/traceSelection.ts';

export interface TraceRowMenuProps {
  trace: TraceSummary;
  openTraceId: string | null;
  x: number;
  y: number;
  onClose: () => void;
}

export function TraceRowMenu({ trace, openTraceId, x, y, onClose }: TraceRowMenuProps) {
  const picked = traceSelectionStore.get().includes(trace.traceId);
  const items: ContextMenuItem[] = [
    { label: 'Open', onSelect: () => selectTrace(trace.traceId) },
    {
      label: 'Compare with the open trace',
      disabled: !openTraceId || openTraceId === trace.traceId,
      hint: openTraceId
        ? 'This is the open trace: right-click another one'
        : 'Open a trace first; it becomes the baseline',
      onSelect: () => openCompare(openTraceId!, trace.traceId),
    },
    { label: picked ? 'Unpick' : 'Pick (Ctrl/⌘-click)', onSelect: () => toggleTraceSelection(trace.traceId) },
    { label: 'Export as Spyglass JSON…', onSelect: () => void runExport([trace.traceId], 'spyglass') },
    { label: 'Export as OTLP JSON…', onSelect: () => void runExport([trace.traceId], 'otlp') },
  ];
  return <ContextMenu x={x} y={y} items={items} onClose={onClose} />;
}
