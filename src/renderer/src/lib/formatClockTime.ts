// Start times in the list: the clock time today (as DevTools' Network panel does), the date
// otherwise, so rows stay one glance wide.
const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const dated = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export function formatClockTime(epochMs: number | null, today = new Date()): string {
  if (epochMs === null) return '—';
  const date = new Date(epochMs);
  return date.toDateString() === today.toDateString() ? clock.format(date) : dated.format(date);
}

/** "14:03:21.102" today, "Nov 22, 14:03:21.102" on other days: to the millisecond, as logs are. */
export function formatFullTime(epochMs: number | null, today = new Date()): string {
  if (epochMs === null) return '—';
  const date = new Date(epochMs);
  const ms = String(Math.floor(((epochMs % 1000) + 1000) % 1000)).padStart(3, '0');
  const time = `${clock.format(date)}.${ms}`;
  return date.toDateString() === today.toDateString() ? time : `${day.format(date)}, ${time}`;
}
