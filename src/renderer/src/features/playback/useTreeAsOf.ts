// The derived "as of the playhead" tree, rebuilt only when an event was crossed, and while
// playing no more often than it can be afforded. A new tree costs more than its own build:
// every view re-derives its rows from it before the next frame paints. So the cost measured is
// from the build to the next animation frame, and while playing the next rebuild waits a few
// times that long. A small trace rebuilds every frame; a 100,000-span one a few times a second
// while the playhead (and every running bar growing to it) moves at the clock's rate. Paused or
// stepping, it is always exact.
import { useRef } from 'react';
import type { PlaybackTimeline } from '../../model/playbackTimeline.ts';
import { treeAsOf } from '../../model/playbackTree.ts';
import type { TraceTree } from '../../model/traceTree.ts';

/** After a tree change that cost c ms up to the next frame, wait this many times c. */
const COST_FACTOR = 3;

interface Cached {
  timeline: PlaybackTimeline;
  applied: number;
  tree: TraceTree;
  builtAt: number;
  /** Build to next frame, once that frame has come; the build alone until then. */
  costMs: number;
}

export interface PlaybackDebug {
  builds: number;
  lastBuildMs: number;
  lastFrameCostMs: number;
  spans: number;
}

declare global {
  interface Window {
    __spyglassPlayback?: PlaybackDebug;
  }
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
  const throttled = previous !== null && previous.timeline === timeline && playing;
  if (throttled && started - previous.builtAt < previous.costMs * COST_FACTOR) return previous.tree;

  const tree = treeAsOf(timeline, applied, time);
  const buildMs = performance.now() - started;
  const entry: Cached = { timeline, applied, tree, builtAt: started, costMs: buildMs };
  cache.current = entry;
  requestAnimationFrame(() => {
    entry.costMs = performance.now() - started;
    debug.lastFrameCostMs = entry.costMs;
  });
  // Read by the browser tests and the playback benchmark.
  window.__spyglassPlayback ??= { builds: 0, lastBuildMs: 0, lastFrameCostMs: 0, spans: 0 };
  const debug = window.__spyglassPlayback;
  debug.builds++;
  debug.lastBuildMs = buildMs;
  debug.spans = tree.byId.size;
  return tree;
}
