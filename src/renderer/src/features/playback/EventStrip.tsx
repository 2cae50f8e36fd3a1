// Where spans start along the playback slider: a strip of marks, taller where more spans begin,
// so the busy stretches of a run can be seen (and scrubbed to) before playing through them.
import { memo, useMemo } from 'react';
import { startDensity, type PlaybackTimeline } from '../../model/playbackTimeline.ts';

const BUCKETS = 160;

export const EventStrip = memo(function EventStrip({
  timeline,
  head,
}: {
  timeline: PlaybackTimeline;
  head: number;
}) {
  const counts = useMemo(() => startDensity(timeline, head, BUCKETS), [timeline, head]);
  let max = 0;
  for (const count of counts) max = Math.max(max, count);
  const marks = Array.from(counts, (count, i) =>
    count === 0 ? null : (
      <rect key={i} x={i + 0.15} width={0.7} y={10 - h(count, max)} height={h(count, max)} />
    ),
  );
  // Twice: faint for the whole run, and in the accent colour clipped to the part already played.
  return (
    <div className="pb-strip" aria-hidden="true">
      <svg className="pb-strip-all" viewBox={`0 0 ${BUCKETS} 10`} preserveAspectRatio="none">
        {marks}
      </svg>
      <svg className="pb-strip-played" viewBox={`0 0 ${BUCKETS} 10`} preserveAspectRatio="none">
        {marks}
      </svg>
    </div>
  );
});

/** Square-root scale: one lone span still shows next to a burst of hundreds. */
function h(count: number, max: number): number {
  return 3 + 7 * Math.sqrt(count / max);
}
