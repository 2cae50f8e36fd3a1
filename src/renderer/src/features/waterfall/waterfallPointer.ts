// The waterfall's mouse: hover (tooltip, cursor, time guide), click to select or fold, double
// click to zoom to a span, and a press on the ruler to drag a time range (or, during playback,
// to scrub the playhead). The wheel is in waterfallWheel.ts, the overview strip in
// useOverviewDrag.ts.
import type { MouseEvent as ReactMouseEvent } from 'react';
import { localPoint, withinSpan } from '../../components/canvas/hitTest.ts';
import { barExtent } from './renderWaterfall.ts';
import type { WaterfallFrameState } from './renderWaterfall.ts';
import { OVERVIEW_HEIGHT } from './renderOverview.ts';
import type { WaterfallController } from './useWaterfall.ts';
import { RULER_HEIGHT, hitTest } from './waterfallGeometry.ts';
import type { WaterfallHit } from './waterfallGeometry.ts';
import { wheelMove } from './waterfallWheel.ts';

/** A press that moves less than this is a click: it clears the range instead of drawing one. */
const CLICK_SLOP_PX = 3;
/** Bars as thin as a pixel stay hoverable this far either side. */
const BAR_SLOP_PX = 3;

export function cursorFor(hit: WaterfallHit, onBar: boolean, scrubbing: boolean): string {
  if (hit.kind === 'ruler' && scrubbing) return 'ew-resize';
  if (hit.kind === 'chevron' || onBar) return 'pointer';
  if (hit.kind === 'timeline' || hit.kind === 'ruler') return 'grab';
  return 'default';
}

/** A time (epoch ms) under a timeline pixel, kept inside the trace. */
export function timeAtPx(
  px: number,
  timelineLeft: number,
  scale: { startMs: number; pxPerMs: number },
  traceStart: number,
  totalMs: number,
): number {
  return traceStart + Math.max(0, Math.min(totalMs, scale.startMs + (px - timelineLeft) / scale.pxPerMs));
}

export function waterfallPointer(c: WaterfallController) {
  const { props, model, view } = c;
  const { tree } = props;
  const { layout, rows } = model;
  const pointerAt = (e: ReactMouseEvent<HTMLCanvasElement>) =>
    localPoint(e, e.currentTarget.getBoundingClientRect());
  const hitAt = (x: number, y: number) => hitTest(layout, rows, view.current.scrollTop, x, y);

  /** Follows a press on the ruler until the button comes up. */
  const dragOnRuler = (canvas: HTMLCanvasElement, startClientX: number) => {
    const timeAt = (clientX: number) =>
      timeAtPx(
        clientX - canvas.getBoundingClientRect().left,
        c.latest.current.layout.timelineLeft,
        c.zoom.scale(),
        tree.startTime,
        c.latest.current.totalMs,
      );
    const follow = (onMove: (event: MouseEvent) => void, onUp: (event: MouseEvent) => void) => {
      window.addEventListener('mousemove', onMove);
      window.addEventListener(
        'mouseup',
        (event) => {
          window.removeEventListener('mousemove', onMove);
          onUp(event);
        },
        { once: true },
      );
    };
    if (c.playheadRef.current) {
      c.playheadRef.current.onScrub(timeAt(startClientX), 'start');
      follow(
        (event) => c.playheadRef.current?.onScrub(timeAt(event.clientX), 'move'),
        (event) => c.playheadRef.current?.onScrub(timeAt(event.clientX), 'end'),
      );
      return;
    }
    // Drag on the ruler: a time range, as in Perfetto. A click without a drag clears it.
    const anchor = timeAt(startClientX);
    const move = (event: MouseEvent) => {
      const t = timeAt(event.clientX);
      c.rangeRef.current = { startMs: Math.min(anchor, t), endMs: Math.max(anchor, t) };
      c.requestDraw();
    };
    follow(move, (event) => {
      if (Math.abs(event.clientX - startClientX) < CLICK_SLOP_PX) c.rangeRef.current = null;
      else move(event);
      c.commitRange();
      c.requestDraw();
    });
  };

  return {
    onMouseMove(e: ReactMouseEvent<HTMLCanvasElement>) {
      const { x, y } = pointerAt(e);
      const hit = hitAt(x, y);
      view.current.hoverRow =
        hit.kind === 'chevron' || hit.kind === 'label' || hit.kind === 'timeline' ? hit.row : -1;
      view.current.hoverX = x >= layout.labelWidth ? x : null;
      let onBar = false;
      if (hit.kind === 'timeline') {
        const frame = { layout, scale: c.zoom.scale(), traceStart: tree.startTime, now: model.liveNow };
        const { x0, x1 } = barExtent(frame as WaterfallFrameState, hit.node);
        onBar = withinSpan(x, x0, x1, BAR_SLOP_PX);
      }
      const node =
        hit.kind === 'label' || hit.kind === 'chevron' || (hit.kind === 'timeline' && onBar)
          ? hit.node
          : null;
      c.hover.set(
        node ? { node, x, y: y + OVERVIEW_HEIGHT, boundsW: c.size.width, boundsH: c.size.height } : null,
      );
      e.currentTarget.style.cursor = cursorFor(
        hit,
        onBar,
        c.playheadRef.current !== null && x >= layout.labelWidth,
      );
      c.requestDraw();
    },
    onMouseDown(e: ReactMouseEvent<HTMLCanvasElement>) {
      const { x, y } = pointerAt(e);
      // d3-zoom leaves the ruler alone (see zoomTakes): it is ours.
      if (e.button !== 0 || y >= RULER_HEIGHT || x < layout.labelWidth) return;
      e.preventDefault();
      dragOnRuler(e.currentTarget, e.clientX);
    },
    onMouseLeave() {
      view.current.hoverRow = -1;
      view.current.hoverX = null;
      c.hover.set(null);
      c.requestDraw();
    },
    onClick(e: ReactMouseEvent<HTMLCanvasElement>) {
      const { x, y } = pointerAt(e);
      const hit = hitAt(x, y);
      c.bodyRef.current?.focus({ preventScroll: true });
      if (hit.kind === 'chevron') props.onToggleCollapse(hit.node.span.spanId);
      else if (hit.kind === 'label' || hit.kind === 'timeline') props.onSelectSpan(hit.node.span.spanId);
      else if (hit.kind === 'none') props.onSelectSpan(null);
    },
    onDoubleClick(e: ReactMouseEvent<HTMLCanvasElement>) {
      const { x, y } = pointerAt(e);
      const hit = hitAt(x, y);
      if (hit.kind === 'timeline' || hit.kind === 'label') c.zoomToSpan(hit.node);
    },
    onWheel(e: WheelEvent) {
      e.preventDefault(); // Never the page's scroll or the browser's own Ctrl+wheel zoom.
      const overLabels = e.offsetX < c.latest.current.layout.labelWidth;
      const canvas = e.currentTarget as HTMLCanvasElement;
      const move = wheelMove(e, overLabels, c.latest.current.wheelMode, canvas.clientHeight);
      if (move.scrollPx) c.scrollTo(view.current.scrollTop + move.scrollPx);
      if (move.panPx) c.zoom.panByPx(-move.panPx);
    },
  };
}
