// Level of detail for the flame graph: cells at least half a pixel wide are drawn one by one
// (with text, hit-testable); everything narrower is folded, once per layout and width, into
// one mark per pixel column per depth, coloured like the widest cell that fell into it. A root
// with 17,000 sub-pixel steps then still shows their shape down every level, for the cost of
// the screen's width per row.
import type { FlameLayout } from './flameLayout.ts';

export interface FlameRaster {
  /** Indexes of cells wide enough to draw individually, in pre-order. */
  cells: Uint32Array;
  /** Per depth: folded pixel columns and the cell index whose colour each one takes. */
  marks: Map<number, { px: Int32Array; cell: Uint32Array }>;
}

export const MIN_CELL_PX = 0.5;

export function buildFlameRaster(layout: FlameLayout, drawWidthPx: number): FlameRaster {
  const cells: number[] = [];
  const marksPx = new Map<number, number[]>();
  const marksCell = new Map<number, number[]>();
  const best = new Map<number, number>(); // depth → value of the cell chosen for the last px
  for (let i = 0; i < layout.nodes.length; i++) {
    const w = (layout.x1[i]! - layout.x0[i]!) * drawWidthPx;
    if (w <= 0) continue;
    if (w >= MIN_CELL_PX) {
      cells.push(i);
      continue;
    }
    // Pre-order visits each depth left to right, so a depth's columns only ever grow.
    const depth = layout.depth[i]!;
    const px = Math.floor(layout.x0[i]! * drawWidthPx);
    let pxs = marksPx.get(depth);
    let ids = marksCell.get(depth);
    if (!pxs || !ids) {
      pxs = [];
      ids = [];
      marksPx.set(depth, pxs);
      marksCell.set(depth, ids);
    }
    if (pxs.length > 0 && pxs[pxs.length - 1] === px) {
      if (layout.value[i]! > best.get(depth)!) {
        ids[ids.length - 1] = i;
        best.set(depth, layout.value[i]!);
      }
    } else {
      pxs.push(px);
      ids.push(i);
      best.set(depth, layout.value[i]!);
    }
  }
  const marks = new Map<number, { px: Int32Array; cell: Uint32Array }>();
  for (const [depth, pxs] of marksPx)
    marks.set(depth, { px: Int32Array.from(pxs), cell: Uint32Array.from(marksCell.get(depth)!) });
  return { cells: Uint32Array.from(cells), marks };
}
