// Times the user types: an ISO date-time, or a duration back from now ("30m", "2h", "1d").
export class TimeFormatError extends Error {}

export function parseTime(value: string, now = Date.now()): number {
  const relative = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/.exec(value.trim());
  if (relative) {
    const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 's' | 'm' | 'h' | 'd'];
    return now - Number(relative[1]) * unit;
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new TimeFormatError(`"${value}" is neither an ISO time nor a duration like 30m, 2h or 1d`);
  return ms;
}
