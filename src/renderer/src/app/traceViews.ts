// The visualisation views (waterfall, flame graph, tree graph) are separate modules found at
// build time: Vite's import.meta.glob lists whichever exist, so the shell builds before they
// do and picks each up as it lands. Each loads on first use (d3 stays out of the first paint).
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { TraceViewProps } from '../features/traceViewProps.ts';
import type { TraceTab } from '../state/urlState.ts';

type ViewModule = Record<string, unknown>;
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

const cache = new Map<TraceTab, LazyExoticComponent<ComponentType<TraceViewProps>> | null>();

/** The view component for a tab, or null while that view has not been written yet. */
export function traceViewFor(tab: TraceTab): LazyExoticComponent<ComponentType<TraceViewProps>> | null {
  if (cache.has(tab)) return cache.get(tab)!;
  const source = SOURCES[tab];
  const load = source ? modules[source.path] : undefined;
  const view =
    source && load
      ? lazy(async () => {
          const module = await load();
          const component = (module[source.exportName] ?? module.default) as ComponentType<TraceViewProps> | undefined;
          if (!component) throw new Error(`${source.path} does not export ${source.exportName}`);
          return { default: component };
        })
      : null;
  cache.set(tab, view);
  return view;
}
