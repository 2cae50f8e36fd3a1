// The waterfall's toolbar: critical path, fit, zoom to selection, the bottom-up table, and the
// window (or the dragged range's figures) on the right.
import type { ReactNode } from 'react';
import {
  ToolbarButton,
  ToolbarSeparator,
  ToolbarText,
  ViewToolbar,
} from '../../components/canvas/ViewToolbar.tsx';

export function WaterfallToolbar(props: {
  showCritical: boolean;
  onToggleCritical: () => void;
  onFit: () => void;
  canZoomToSelection: boolean;
  onZoomToSelection: () => void;
  showBottomUp: boolean;
  onToggleBottomUp: () => void;
  /** The dragged range's readout; the window's label and the key hint when there is none. */
  rangeReadout: ReactNode | null;
  windowText: string;
}) {
  return (
    <ViewToolbar>
      <ToolbarButton
        label="Critical path"
        title="Show only the chain of spans the trace waited on (C)"
        active={props.showCritical}
        onClick={props.onToggleCritical}
        testId="waterfall-critical"
      />
      <ToolbarSeparator />
      <ToolbarButton label="Fit" title="Show the whole trace (0)" onClick={props.onFit} />
      <ToolbarButton
        label="Zoom to selection"
        title="Zoom to the selected span (F)"
        disabled={!props.canZoomToSelection}
        onClick={props.onZoomToSelection}
      />
      <ToolbarButton
        label="Bottom-up"
        title="Aggregate the trace (or the selected range) by span name or type"
        active={props.showBottomUp}
        onClick={props.onToggleBottomUp}
        testId="waterfall-bottom-up"
      />
      {props.rangeReadout ?? <ToolbarText grow>{props.windowText}</ToolbarText>}
      {props.rangeReadout === null && (
        <ToolbarText muted hint>
          W/S zoom · A/D pan · F focus
        </ToolbarText>
      )}
    </ViewToolbar>
  );
}
