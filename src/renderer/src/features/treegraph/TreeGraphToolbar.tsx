// The tree graph's toolbar: fit, centre, close the default-closed subtrees again, and how many
// spans are shown.
import { formatCount, formatCounted } from '../../lib/format.ts';
import { ToolbarButton, ToolbarText, ViewToolbar } from '../../components/canvas/ViewToolbar.tsx';
import type { WheelMode } from '../../lib/wheelNavigation.ts';

export function TreeGraphToolbar(props: {
  onFit: () => void;
  onCentre: (() => void) | null;
  onCollapseToDefault: (() => void) | null;
  shownCount: number;
  spanCount: number;
  hiddenCount: number;
  wheelMode: WheelMode;
}) {
  const { onFit, onCentre, onCollapseToDefault, shownCount, spanCount, hiddenCount, wheelMode } = props;
  return (
    <ViewToolbar>
      <ToolbarButton
        label="Fit"
        title="Fit the graph, or its first levels when the whole would be too small to read (0)"
        onClick={onFit}
      />
      <ToolbarButton
        label="Centre on selection"
        title="Centre on the selected span (F)"
        disabled={onCentre === null}
        onClick={() => onCentre?.()}
      />
      <ToolbarButton
        label="Collapse to default"
        title="Close the deep and wide subtrees again"
        onClick={() => onCollapseToDefault?.()}
        disabled={onCollapseToDefault === null}
      />
      <ToolbarText grow>
        {formatCount(shownCount)} of {formatCounted(spanCount, 'span')} shown
        {hiddenCount > 0 ? ` · ${formatCount(hiddenCount)} in closed subtrees` : ''}
      </ToolbarText>
      <ToolbarText muted hint>
        {wheelMode === 'zoom' ? 'Scroll to zoom' : 'Scroll to pan · Ctrl+scroll to zoom'} · drag to pan ·
        click +N to open · ←→↑↓ move · Enter toggle · F centre
      </ToolbarText>
    </ViewToolbar>
  );
}
