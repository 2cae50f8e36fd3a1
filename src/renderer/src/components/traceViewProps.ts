// The one contract every trace view (outline, waterfall, flame graph, tree graph, transcript)
// is written against: views are controlled, selection and collapse live in the shell.
import type { TraceTree } from '../model/traceTree.ts';

export interface TraceViewProps {
  tree: TraceTree;
  selectedSpanId: string | null;
  onSelectSpan: (spanId: string | null) => void;
  /** Shared collapse state across views. */
  collapsed: ReadonlySet<string>;
  onToggleCollapse: (spanId: string) => void;
  /** Span ids matching the view search; null = no search. */
  searchMatches: ReadonlySet<string> | null;
  /** Epoch ms, ticks while the trace is running; the playhead during playback. */
  now: number;
  /** Time-travel playback is on: `tree` is the trace as of the playhead. Absent otherwise. */
  playhead?: PlayheadProps | null;
}

/** The playhead, for views that draw it on their time axis (and may let the user drag it). */
export interface PlayheadProps {
  /** Epoch ms. */
  time: number;
  /** Epoch ms where the recording ends (grows with a live trace): the axis keeps this length. */
  endTime: number;
  /** The user is dragging the playhead to this epoch ms. */
  onScrub: (time: number, phase: 'start' | 'move' | 'end') => void;
}
