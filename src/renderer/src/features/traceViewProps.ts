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
  /** Epoch ms, ticks while the trace is running. */
  now: number;
}
