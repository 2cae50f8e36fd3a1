// Where a text label beside a mark on the timeline goes, pure: after the mark when it fits
// before the right edge, else before the mark when it fits after the left edge, else nowhere.
// A label drawn past an edge is cut mid-word (by the canvas, or by the scrollbar over it).

export interface LabelPlacement {
  x: number;
  align: 'left' | 'right';
}

export function besideMark(
  markStart: number,
  markEnd: number,
  textWidth: number,
  gap: number,
  leftLimit: number,
  rightLimit: number,
): LabelPlacement | null {
  if (markEnd + gap + textWidth <= rightLimit) return { x: markEnd + gap, align: 'left' };
  if (markStart - gap - textWidth >= leftLimit) return { x: markStart - gap, align: 'right' };
  return null;
}

/** The right edge of a label so placed. */
export function labelRight(p: LabelPlacement, textWidth: number): number {
  return p.align === 'left' ? p.x + textWidth : p.x;
}
