// Pointer gestures on the overview strip: drag the window to pan, drag its edges to resize it,
// drag elsewhere to brush a new window, click elsewhere to centre the window there.
import type { PointerEvent as ReactPointerEvent } from 'react';
import type { TimelineZoom } from './useTimelineZoom.ts';
import type { WaterfallLayout } from './waterfallGeometry.ts';
import { overviewWindowPx } from './renderOverview.ts';

type Mode = 'move' | 'resize-left' | 'resize-right' | 'brush';

interface Drag {
  mode: Mode;
  startX: number;
  startWindow: [number, number];
}

export function overviewHandlers(
  zoom: () => TimelineZoom,
  layout: () => WaterfallLayout,
  totalMs: () => number,
  requestDraw: () => void,
) {
  let drag: Drag | null = null;
  const msPerPx = () => totalMs() / Math.max(layout().timelineRight - layout().timelineLeft, 1);
  const toMs = (x: number) => (x - layout().timelineLeft) * msPerPx();
  const localX = (e: ReactPointerEvent<HTMLCanvasElement>) =>
    e.clientX - e.currentTarget.getBoundingClientRect().left;
  const clampWindow = (a: number, b: number): [number, number] => {
    const total = totalMs();
    const width = Math.min(Math.max(b - a, total / 1e7), total);
    const start = Math.min(Math.max(0, a), total - width);
    return [start, start + width];
  };

  const modeAt = (x: number): Mode => {
    const scale = zoom().scale();
    const [x0, x1] = overviewWindowPx({ layout: layout(), scale, totalMs: totalMs() });
    if (Math.abs(x - x0) <= 5) return 'resize-left';
    if (Math.abs(x - x1) <= 5) return 'resize-right';
    return x > x0 && x < x1 ? 'move' : 'brush';
  };

  return {
    onPointerDown(e: ReactPointerEvent<HTMLCanvasElement>) {
      const x = localX(e);
      if (x < layout().labelWidth || e.button !== 0) return;
      e.currentTarget.setPointerCapture(e.pointerId);
      const scale = zoom().scale();
      drag = { mode: modeAt(x), startX: x, startWindow: [scale.startMs, scale.endMs] };
    },
    onPointerMove(e: ReactPointerEvent<HTMLCanvasElement>) {
      const x = localX(e);
      if (drag === null) {
        const mode = x < layout().labelWidth ? null : modeAt(x);
        e.currentTarget.style.cursor =
          mode === 'move'
            ? 'grab'
            : mode === 'resize-left' || mode === 'resize-right'
              ? 'ew-resize'
              : mode
                ? 'crosshair'
                : 'default';
        return;
      }
      const dMs = (x - drag.startX) * msPerPx();
      const [a, b] = drag.startWindow;
      let next: [number, number];
      if (drag.mode === 'move') next = clampWindow(a + dMs, b + dMs);
      else if (drag.mode === 'resize-left') next = clampWindow(Math.min(a + dMs, b - msPerPx()), b);
      else if (drag.mode === 'resize-right') next = clampWindow(a, Math.max(b + dMs, a + msPerPx()));
      else if (Math.abs(x - drag.startX) < 3) return;
      else next = clampWindow(Math.min(toMs(drag.startX), toMs(x)), Math.max(toMs(drag.startX), toMs(x)));
      zoom().setWindow(next[0], next[1]);
      requestDraw();
    },
    onPointerUp(e: ReactPointerEvent<HTMLCanvasElement>) {
      if (drag?.mode === 'brush' && Math.abs(localX(e) - drag.startX) < 3) {
        const [a, b] = drag.startWindow;
        const centre = toMs(localX(e));
        const next = clampWindow(centre - (b - a) / 2, centre + (b - a) / 2);
        zoom().setWindow(next[0], next[1], true);
      }
      drag = null;
    },
  };
}
