import { useEffect, useState } from 'react';

/** Epoch ms, ticking while `live` (a running trace grows on screen); frozen otherwise. */
export function useNow(live: boolean, intervalMs = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [live, intervalMs]);
  return now;
}
