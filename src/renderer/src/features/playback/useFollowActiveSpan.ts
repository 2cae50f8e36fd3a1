// The inspector follows the span of the latest event the playhead passed: its input when it
// starts, its output once it ends. Following goes through the ordinary selection (so outline
// and waterfall show it too). While playing fast it changes at most about three times a
// second: as fast as anyone reads, and well under the browser's limit on history writes.
import { useEffect, useRef } from 'react';

const MIN_GAP_MS = 350;

export function useFollowActiveSpan(
  activeSpanId: string | null,
  playing: boolean,
  onSelectSpan: (id: string) => void,
): void {
  const select = useRef(onSelectSpan);
  select.current = onSelectSpan;
  const last = useRef({ id: null as string | null, at: -Infinity });

  useEffect(() => {
    if (activeSpanId === null) last.current.id = null;
    if (activeSpanId === null || activeSpanId === last.current.id) return;
    const wait = playing ? last.current.at + MIN_GAP_MS - performance.now() : 0;
    const follow = () => {
      last.current = { id: activeSpanId, at: performance.now() };
      select.current(activeSpanId);
    };
    if (wait <= 0) {
      follow();
      return;
    }
    // The latest active span wins: a newer one cancels this timer through the cleanup.
    const timer = setTimeout(follow, wait);
    return () => clearTimeout(timer);
  }, [activeSpanId, playing]);
}
