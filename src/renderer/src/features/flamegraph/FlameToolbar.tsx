// The flame graph's toolbar: what the width measures, how the cells are coloured, and the cost
// heat legend.
import type { FlameMetric } from '../../model/flameLayout.ts';
import { formatCost } from '../../lib/format.ts';
import {
  ToolbarButton,
  ToolbarSeparator,
  ToolbarText,
  ViewToolbar,
} from '../../components/canvas/ViewToolbar.tsx';
import type { FlameColouring } from './flameColors.ts';
import { heatLegendCss } from './flameColors.ts';

const METRICS: [FlameMetric, string][] = [
  ['time', 'Time'],
  ['tokens', 'Tokens'],
  ['cost', 'Cost'],
];

export function FlameToolbar(props: {
  metric: FlameMetric;
  onMetric: (metric: FlameMetric) => void;
  colouring: FlameColouring;
  onColouring: (colouring: FlameColouring) => void;
  theme: string;
  /** The focused subtree's cost, the hot end of the legend; null when nothing is laid out. */
  totalCost: number | null;
}) {
  const { metric, onMetric, colouring, onColouring, theme, totalCost } = props;
  return (
    <ViewToolbar>
      <ToolbarText muted>Width</ToolbarText>
      {METRICS.map(([m, label]) => (
        <ToolbarButton
          key={m}
          label={label}
          title={`Width by ${label.toLowerCase()}`}
          active={metric === m}
          onClick={() => onMetric(m)}
          testId={`flame-metric-${m}`}
        />
      ))}
      <ToolbarSeparator />
      <ToolbarText muted>Colour</ToolbarText>
      <ToolbarButton
        label="Type"
        title="Colour by span type"
        active={colouring === 'type'}
        onClick={() => onColouring('type')}
        testId="flame-colour-type"
      />
      <ToolbarButton
        label="Cost heat"
        title="Colour by subtree cost"
        active={colouring === 'cost'}
        onClick={() => onColouring('cost')}
        testId="flame-colour-cost"
      />
      {colouring === 'cost' && totalCost !== null ? (
        <span
          style={{ display: 'flex', alignItems: 'center', gap: 4, color: 'var(--fg-faint)' }}
          data-testid="flame-legend"
        >
          $0
          <span style={{ width: 90, height: 8, borderRadius: 2, background: heatLegendCss(theme) }} />
          {formatCost(totalCost)}
        </span>
      ) : null}
    </ViewToolbar>
  );
}
