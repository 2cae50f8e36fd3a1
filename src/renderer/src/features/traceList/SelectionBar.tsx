// Shown over the trace list while traces are picked (Ctrl/⌘-click): how many, and what can be
// done with them — export them to one file, or compare two.
import { useStore } from '../../state/createStore.ts';
import { openCompare } from '../../state/openCompare.ts';
import { ExportMenu } from '../../components/ExportMenu.tsx';
import { clearTraceSelection, traceSelectionStore } from '../../state/traceSelection.ts';

export function SelectionBar() {
  const picked = useStore(traceSelectionStore);
  if (picked.length === 0) return null;
  return (
    <div className="selection-bar" role="toolbar" aria-label="Picked traces">
      <span>
        <strong>{picked.length}</strong> {picked.length === 1 ? 'trace' : 'traces'} picked
      </span>
      <span className="spacer" />
      <button
        type="button"
        className="button button-small"
        disabled={picked.length !== 2}
        title={
          picked.length === 2
            ? 'Compare the two picked traces step by step'
            : 'Pick exactly two traces to compare'
        }
        onClick={() => openCompare(picked[0]!, picked[1]!)}
      >
        Compare
      </button>
      <ExportMenu traceIds={picked} label="Export selected" />
      <button type="button" className="link-button" onClick={clearTraceSelection}>
        Clear
      </button>
    </div>
  );
}
