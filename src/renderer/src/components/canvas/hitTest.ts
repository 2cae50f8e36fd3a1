// Pointer-in-mark tests shared by the canvas views, in the views' own CSS-pixel coordinates.
// Marks thinner than a finger get a little slop so a 1 px bar can still be hovered.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** True when `p` lies in [start - slop, end + slop]. */
export function withinSpan(p: number, start: number, end: number, slop = 0): boolean {
  return p >= start - slop && p <= end + slop;
}

/** True when the point lies in the rectangle, grown by `slop` on every side. */
export function insideRect(px: number, py: number, r: Rect, slop = 0): boolean {
  return withinSpan(px, r.x, r.x + r.width, slop) && withinSpan(py, r.y, r.y + r.height, slop);
}

/** The index of the first mark containing the point, or -1. `rectOf` may skip a mark with null. */
export function firstHit<T>(
  marks: readonly T[],
  rectOf: (mark: T, index: number) => Rect | null,
  px: number,
  py: number,
  slop = 0,
): number {
  for (let i = 0; i < marks.length; i++) {
    const r = rectOf(marks[i]!, i);
    if (r !== null && insideRect(px, py, r, slop)) return i;
  }
  return -1;
}

/** A pointer event's position relative to a box (an element's getBoundingClientRect()). */
export function localPoint(
  event: { clientX: number; clientY: number },
  box: { left: number; top: number },
): { x: number; y: number } {
  return { x: event.clientX - box.left, y: event.clientY - box.top };
}
