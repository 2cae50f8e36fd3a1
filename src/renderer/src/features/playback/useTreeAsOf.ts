// The derived "as of the playhead" tree, rebuilt only when an event was crossed, and while
// playing no more often than its cost allows: every view re-derives its rows from a new tree,
// so on a 100,000-span trace the structure refreshes a few times a second while the playhead
// (and every running bar growing to it) keeps moving at the clock's rate. Paused, it is exact.
import { useRef } from 'react';
import type { PlaybackTimeline } from '../../model/playbackTimeline.ts';
import { treeAsOf } from '../../model/playbackTree.ts';
import type { TraceTree } from '../../model/traceTree.ts';

/** A rebuild costing c ms waits this many times c before the next one while playing. */
const COST_FACTOR = 8;

interface Cached {
  timeline: PlaybackTimeline;
  applied: number;
  tree: TraceTree;
  builtAt: number;
  costMs: number;
}

export function useTreeAsOf(
  timeline: PlaybackTimeline | null,
  applied: number,
  time: number,
  playing: boolean,
): TraceTree | null {
  const cache = useRef<Cached | null>(null);
  if (!timeline) {
    cache.current = null;
    return null;
  }
  const previous = cache.current;
  if (previous && previous.timeline === timeline && previous.applied === applied) return previous.tree;
  const started = performance.now();
  if (
    previous &&
    previous.timeline === timeline &&
    playing &&
    started - previous.builtAt < previous.costMs * COST_FACTOR
  ) {
    return previous.tree;
  }
  const tree = treeAsOf(timeline, applied, time);
  const costMs = performance.now() - started;
  cache.current = { timeline, applied, tree, builtAt: started, costMs };
  // Read by the render benchmark and the browser tests (the canvas views publish theirs too).
  const debug = (window.__spyglassPlayback ??= { builds: 0, lastBuildMs: 0, spans: 0 });
  debug.builds++;
  debug.lastBuildMs = costMs;
  debug.spans = tree.byId.size;
  return tree;
}

declare global {
  interface Window {
    __spyglassPlayback?: { builds: number; lastBuildMs: number; spans: number };
  }
}
