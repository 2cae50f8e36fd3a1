// Everything a trace view needs about the open trace: its cached data (fetched once, then kept
// current by the live feed while open), the tree built from it, and its interaction state.
import { useEffect, useMemo } from 'react';
import { useStore } from '../state/createStore.ts';
import { entryStore, openTrace, type TraceEntry } from '../state/traceCache.ts';
import { interactionStore, type TraceInteraction } from '../state/traceInteraction.ts';
import { matchSpans } from '../state/spanSearch.ts';
import { useServerSpanSearch } from './useServerSpanSearch.ts';
import type { TraceTree } from '../model/traceTree.ts';
import { useTraceTree } from './useTraceTree.ts';
import { hasRunningSpans } from '../model/spanTiming.ts';
import { liveFeed } from '../state/feed.ts';

export interface OpenTrace {
  entry: TraceEntry;
  tree: TraceTree;
  /** False while the first tree of the trace is still being built (in slices). */
  treeReady: boolean;
  interaction: TraceInteraction;
  searchMatches: ReadonlySet<string> | null;
  running: boolean;
}

export function useOpenTrace(traceId: string): OpenTrace {
  useEffect(() => {
    // Subscribe before fetching, so no span committed in between is missed.
    const unfollow = liveFeed.followTrace(traceId);
    // A cached trace is shown as it is: its live updates stopped while no view followed it, but the
    // subscription's ack says where it last changed, and it is read again only if that is after
    // its cached read (traceCache.ts catchUpTrace). Switching back to a finished trace still
    // cached costs no read.
    openTrace(traceId);
    return unfollow;
  }, [traceId]);
  const entry = useStore(entryStore(traceId));
  const interaction = useStore(interactionStore(traceId));
  const { tree, ready: treeReady } = useTraceTree(entry.spans);
  const localMatches = useMemo(
    () => matchSpans(entry.spans.values(), interaction.search),
    [entry.spans, interaction.search],
  );
  const payloadMatches = useServerSpanSearch(traceId, interaction.search);
  const searchMatches = useMemo(() => {
    if (!localMatches || !payloadMatches) return localMatches;
    const all = new Set(localMatches);
    for (const id of payloadMatches) if (entry.spans.has(id)) all.add(id);
    return all;
  }, [localMatches, payloadMatches, entry.spans]);
  // Memoised: during playback this hook's component re-renders at the clock's rate.
  const anySpanRunning = useMemo(() => hasRunningSpans(tree), [tree]);
  const running = entry.trace?.status === 'running' || anySpanRunning;
  return { entry, tree, treeReady, interaction, searchMatches, running };
}
