// Where a hover card goes: beside the pointer, on whichever side it fits, and never outside the
// view (a card cut by the view's edge hides the figures it was opened for).

export interface TooltipPlacementInput {
  /** Pointer position relative to the view, CSS px. */
  pointerX: number;
  pointerY: number;
  /** The view's size. */
  boundsW: number;
  boundsH: number;
  /** The card's measured size. */
  boxW: number;
  boxH: number;
}

/** Gap between the pointer and the card, so the cursor never covers its first letters. */
export const POINTER_GAP_X = 14;
export const POINTER_GAP_Y = 16;
/** Space kept between the card and the view's edge. */
export const EDGE_MARGIN = 4;

/** One axis: after the pointer if it fits, else before it, else pushed inside the view. */
function placeOnAxis(pointer: number, gap: number, box: number, bounds: number): number {
  const after = pointer + gap;
  if (after + box <= bounds - EDGE_MARGIN) return after;
  const before = pointer - gap - box;
  if (before >= EDGE_MARGIN) return before;
  // Fits on neither side: as far from the edge it would cross as the view allows, and when
  // larger than the view, its start stays visible.
  return Math.max(EDGE_MARGIN, Math.min(after, bounds - EDGE_MARGIN - box));
}

export function tooltipPlacement(p: TooltipPlacementInput): { left: number; top: number } {
  return {
    left: placeOnAxis(p.pointerX, POINTER_GAP_X, p.boxW, p.boundsW),
    top: placeOnAxis(p.pointerY, POINTER_GAP_Y, p.boxH, p.boundsH),
  };
}
