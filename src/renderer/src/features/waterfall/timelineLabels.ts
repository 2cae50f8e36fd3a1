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

/**
 * The first of `texts` that fits beside a mark (besideMark), with where it goes and its width; null
 * when none does. A bar offers its name with its duration, then the duration alone: the name is
 * in the row's tree column anyway, and a narrow window still shows how long every span took.
 */
export function firstBesideMark(
  texts: readonly string[],
  widthOf: (text: string) => number,
  markStart: number,
  markEnd: number,
  gap: number,
  leftLimit: number,
  rightLimit: number,
): (LabelPlacement & { text: string; width: number }) | null {
  for (const text of texts) {
    const width = widthOf(text);
    const place = besideMark(markStart, markEnd, width, gap, leftLimit, rightLimit);
    if (place !== null) return { ...place, text, width };
  }
  return null;
}

/** The right edge of a label so placed. */
export function labelRight(p: LabelPlacement, textWidth: number): number {
  return p.align === 'left' ? p.x + textWidth : p.x;
}
