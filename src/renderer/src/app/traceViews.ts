// The visualisation views (waterfall, flame graph, tree graph) are separate modules found at
// build time: Vite's import.meta.glob lists whichever exist, so the shell builds before they
// do and picks each up as it lands. They load after the first paint (d3 stays out of it) and
// are preloaded right after, so opening a trace does not flash "Loading view…".
import { lazy, type ComponentType } from 'react';
import type { TraceViewProps } from '../components/traceViewProps.ts';
import type { TraceTab } from '../state/urlState.ts';

type ViewModule = Record<string, unknown>;
type View = ComponentType<TraceViewProps>;

const modules = import.meta.glob<ViewModule>([
  '../features/waterfall/WaterfallView.tsx',
  '../features/flamegraph/FlameGraphView.tsx',
  '../features/treegraph/TreeGraphView.tsx',
]);

const SOURCES: Partial<Record<TraceTab, { path: string; exportName: string }>> = {
  waterfall: { path: '../features/waterfall/WaterfallView.tsx', exportName: 'WaterfallView' },
  flame: { path: '../features/flamegraph/FlameGraphView.tsx', exportName: 'FlameGraphView' },
  tree: { path: '../features/treegraph/TreeGraphView.tsx', exportName: 'TreeGraphView' },
};

const loaded = new Map<TraceTab, View>();
const pending = new Map<TraceTab, Promise<View>>();
const lazies = new Map<TraceTab, View>();

function load(tab: TraceTab): Promise<View> | null {
  const source = SOURCES[tab];
  const loader = source ? modules[source.path] : undefined;
  if (!source || !loader) return null;
  let promise = pending.get(tab);
  if (!promise) {
    promise = loader().then((module) => {
      const view = (module[source.exportName] ?? module.default) as View | undefined;
      if (!view) throw new Error(`${source.path} does not export ${source.exportName}`);
      loaded.set(tab, view);
      return view;
    });
    pending.set(tab, promise);
  }
  return promise;
}

/** Start loading every view in the background. */
export function preloadTraceViews(): void {
  for (const tab of Object.keys(SOURCES) as TraceTab[]) void load(tab)?.catch(() => {});
}

/** The view component for a tab, or null while that view has not been written yet. */
export function traceViewFor(tab: TraceTab): View | null {
  // Once a lazy wrapper was handed out, keep handing it out: switching a mounted view's
  // component type would remount it and lose its zoom and scroll.
  const ready = lazies.get(tab) ?? loaded.get(tab);
  if (ready) return ready;
  if (!SOURCES[tab] || !modules[SOURCES[tab].path]) return null;
  let view = lazies.get(tab);
  if (!view) {
    view = lazy(async () => ({ default: await load(tab)! }));
    lazies.set(tab, view);
  }
  return view;
}
