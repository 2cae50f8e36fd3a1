// Where the live feed stands, so the page can tell whether an answer it read over HTTP may lack a
// commit the feed will not send it. The collector counts the commits it publishes; an answer
// carries the count its read started after (the header below), and the ack of a subscription
// carries the count it took effect at. Every commit counted up to an answer's position is in that
// answer, and every commit after an ack's is sent on the socket, so only a commit in between can
// be missing. Positions of two collector runs do not compare: each run has an id of its own.

/** On an HTTP answer read from the store: the feed's position when the read started. */
export const FEED_POSITION_HEADER = 'Spyglass-Feed-Position';

/** `<run id>:<commits published in that run>`. */
export type FeedPosition = string;

export function feedPosition(run: string, published: number): FeedPosition {
  return `${run}:${published}`;
}

function parse(position: string): { run: string; published: number } | null {
  const colon = position.lastIndexOf(':');
  const published = Number(position.slice(colon + 1));
  if (colon <= 0 || !Number.isSafeInteger(published) || published < 0) return null;
  return { run: position.slice(0, colon), published };
}

/**
 * Whether an answer read at `readAt` may lack what the collector published up to `changedAt`, so
 * it must be read again: its position is unknown, or of another collector run, or older.
 */
export function mayLack(readAt: FeedPosition | null, changedAt: FeedPosition): boolean {
  const changed = parse(changedAt);
  const read = readAt === null ? null : parse(readAt);
  if (!changed || !read || read.run !== changed.run) return true;
  return read.published < changed.published;
}
