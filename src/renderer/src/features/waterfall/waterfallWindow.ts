// The waterfall's view maths, pure: how wide the name column is, which time window a span or a
// moving playhead asks for, where to scroll so a row shows, and how the window reads in words.
import type { CriticalSegment } from '../../model/criticalPath.ts';
import { formatDuration } from '../../lib/format.ts';
import { ROW_HEIGHT } from './waterfallGeometry.ts';

const DEFAULT_LABEL_WIDTH = 300;
/** The name column and the timeline never get narrower than these, however the column is dragged. */
export const MIN_LABEL_WIDTH = 120;
export const MIN_TIMELINE_WIDTH = 160;

/** The span name column: as the user dragged it, else a share of a narrow pane (an outline often sits beside it). */
export function labelColumnWidth(paneWidth: number, chosen: number): number {
  if (chosen <= 0) return Math.max(170, Math.min(DEFAULT_LABEL_WIDTH, paneWidth * 0.36));
  return Math.max(MIN_LABEL_WIDTH, Math.min(chosen, paneWidth - MIN_TIMELINE_WIDTH));
}

export function groupSegments(segments: CriticalSegment[]): Map<string, CriticalSegment[]> {
  const bySpan = new Map<string, CriticalSegment[]>();
  for (const seg of segments) {
    const list = bySpan.get(seg.spanId);
    if (list) list.push(seg);
    else bySpan.set(seg.spanId, [seg]);
  }
  return bySpan;
}

/** The window (ms since trace start) that frames a span with 8% room on each side, inside the trace. */
export function spanWindow(
  span: { startTime: number | null; endTime: number | null },
  traceStart: number,
  nowMs: number,
  totalMs: number,
): [number, number] {
  const start = (span.startTime ?? traceStart) - traceStart;
  const end = (span.endTime ?? nowMs) - traceStart;
  const pad = Math.max((end - start) * 0.08, 0.0005);
  return [Math.max(0, start - pad), Math.min(totalMs, end + pad)];
}

/**
 * Playback while zoomed in: the window to move to when the playhead (ms since trace start) has
 * left it, with the playhead 15% in from the left; null when it needs no moving.
 */
export function windowFollowingPlayhead(
  playheadMs: number,
  window: [number, number],
  totalMs: number,
): [number, number] | null {
  const [startMs, endMs] = window;
  const width = endMs - startMs;
  if (width >= totalMs * 0.999 || (playheadMs >= startMs && playheadMs <= endMs)) return null;
  const from = Math.max(0, Math.min(playheadMs - width * 0.15, totalMs - width));
  return [from, from + width];
}

/** The scroll offset that brings row `index` into a view `viewHeight` tall, or null when it shows. */
export function scrollToReveal(index: number, scrollTop: number, viewHeight: number): number | null {
  const top = index * ROW_HEIGHT;
  if (top < scrollTop) return top - ROW_HEIGHT;
  if (top + ROW_HEIGHT > scrollTop + viewHeight) return top - viewHeight + ROW_HEIGHT * 2;
  return null;
}

/** The toolbar's readout: the settled window, or "All" when it shows (nearly) the whole trace. */
export function windowLabel(window: [number, number], totalMs: number): string {
  const [startMs, endMs] = window;
  return endMs > startMs && endMs - startMs < totalMs * 0.999
    ? `${formatDuration(startMs)} – ${formatDuration(endMs)} of ${formatDuration(totalMs)}`
    : `All ${formatDuration(totalMs)}`;
}
