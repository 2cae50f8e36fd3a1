// The tooltip's extra line in the flame graph: a cell's measure as a share of the view and of
// its parent, and its subtree's cost when the width is not already cost.
import type { FlameLayout, FlameMetric } from '../../model/flameLayout.ts';
import { formatCost, formatPercent } from '../../lib/format.ts';
import { formatMeasure } from './flameGeometry.ts';

export function flameShareText(
  layout: FlameLayout,
  indexById: ReadonlyMap<string, number>,
  metric: FlameMetric,
  spanId: string,
): string | null {
  const i = indexById.get(spanId);
  if (i === undefined) return null;
  const node = layout.nodes[i]!;
  const parentIndex = node.parent ? indexById.get(node.parent.span.spanId) : undefined;
  const ofView = layout.value[0]! > 0 ? layout.value[i]! / layout.value[0]! : 0;
  const ofParent =
    parentIndex !== undefined && layout.value[parentIndex]! > 0
      ? layout.value[i]! / layout.value[parentIndex]!
      : null;
  const measure = formatMeasure(metric, layout.value[i]!);
  const cost = metric !== 'cost' ? ` · subtree cost ${formatCost(layout.cost[i]!)}` : '';
  return `${measure} = ${formatPercent(ofView)} of view${ofParent !== null ? `, ${formatPercent(ofParent)} of parent` : ''}${cost}`;
}
