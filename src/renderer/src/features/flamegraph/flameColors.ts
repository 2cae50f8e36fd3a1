// Colour for a flame graph cell: by span type, or by cost heat (a sequential scale over the
// subtree's cost, square-root so a 1% subtree is still tinted and the 60% one glows).
import { interpolateInferno, interpolateYlOrRd } from 'd3';
import type { ThemeColors } from '../../state/useThemeColors.ts';
import type { Span } from '../../../../shared/types.ts';

export type FlameColouring = 'type' | 'cost';

export function heatColour(theme: string, fraction: number): string {
  const t = Math.sqrt(Math.max(0, Math.min(1, fraction)));
  // On dark backgrounds hot is bright (inferno, from deep purple up to yellow); on light ones
  // hot is dark (yellow up to deep red). Neither end fades into its background.
  return theme === 'light' ? interpolateYlOrRd(0.12 + 0.88 * t) : interpolateInferno(0.2 + 0.78 * t);
}

export function cellColour(
  colours: ThemeColors,
  colouring: FlameColouring,
  span: Span,
  subtreeCost: number,
  maxCost: number,
): string {
  if (colouring === 'type') return span.status === 'error' ? colours.vars.error : colours.types[span.type];
  if (subtreeCost <= 0 || maxCost <= 0) return colours.vars['bg-elevated'];
  return heatColour(colours.theme, subtreeCost / maxCost);
}

/** Gradient stops for the legend, as CSS. */
export function heatLegendCss(theme: string): string {
  const stops = [0, 0.05, 0.15, 0.3, 0.5, 0.75, 1].map(
    (f) => `${heatColour(theme, f)} ${Math.round(Math.sqrt(f) * 100)}%`,
  );
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
