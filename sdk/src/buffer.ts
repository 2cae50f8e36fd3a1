// The events waiting to be sent, bounded in count and in approximate bytes. When the collector is
// away (or slower than the agent) long enough to fill it, what goes first is what matters least
// for seeing the run: first the payloads of the oldest events (input, output and attributes are
// stripped, the event itself stays) and log events; only then whole events, oldest first. So a
// trace keeps its shape (starts, ends, names, tree) while its payloads are still being cut. Every
// loss is reported to `onDrop`, which counts it per trace.
import type { WireEvent } from './protocol.ts';

export interface Queued {
  event: WireEvent;
  approxBytes: number;
  /** Its payloads were stripped to make room. */
  stripped?: boolean;
}

export type DropKind = 'span' | 'event' | 'payload';

/** What a stripped event still weighs in the byte estimate. */
const SHAPE_BYTES = 200;
/** Trace starts kept aside at most (each is small once stripped). */
const MAX_PINNED = 10_000;

export class SendBuffer {
  private items: Array<Queued | null> = [];
  /**
   * Trace starts that reached the front of a full buffer: kept aside and sent first, because the
   * trace's name, input and tags live in them (a trace that lost them arrived as "trace eaa6b94f").
   */
  private pinned: Queued[] = [];
  private head = 0;
  /** Removed from the middle (null slots between head and the end). */
  private holes = 0;
  /** Where the next stripping pass starts: everything before it is already stripped or gone. */
  private stripFrom = 0;
  private bytes = 0;
  dropped = 0;
  readonly maxEvents: number;
  readonly maxBytes: number;
  private readonly onDrop: (event: WireEvent, kind: DropKind) => void;

  constructor(
    maxEvents: number,
    maxBytes: number,
    onDrop: (event: WireEvent, kind: DropKind) => void = () => {},
  ) {
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
    this.onDrop = onDrop;
  }

  get length(): number {
    return this.pinned.length + this.queuedLength();
  }

  private queuedLength(): number {
    return this.items.length - this.head - this.holes;
  }

  get approxBytes(): number {
    return this.bytes;
  }

  /** Adds one event; returns how many events were dropped or stripped to make room. */
  push(item: Queued): number {
    this.items.push(item);
    this.bytes += item.approxBytes;
    return this.enforceBounds();
  }

  /** Puts a batch that failed to send back at the front, then re-applies the bounds. */
  unshift(batch: Queued[]): number {
    this.items = (batch as Array<Queued | null>).concat(
      this.items.slice(this.head).filter((q) => q !== null),
    );
    this.head = 0;
    this.holes = 0;
    this.stripFrom = 0;
    for (const item of batch) this.bytes += item.approxBytes;
    return this.enforceBounds();
  }

  /** Every queued item, oldest first, without taking them. */
  peekAll(): Queued[] {
    return this.pinned.concat(this.items.slice(this.head).filter((q): q is Queued => q !== null));
  }

  /** Takes up to `maxEvents` events and about `maxBytes` (always at least one event). */
  take(maxEvents: number, maxBytes: number): Queued[] {
    const batch: Queued[] = this.pinned.splice(0, maxEvents);
    let size = 0;
    for (const item of batch) {
      size += item.approxBytes;
      this.bytes -= item.approxBytes;
    }
    while (this.head < this.items.length && batch.length < maxEvents) {
      const item = this.items[this.head];
      if (item === null || item === undefined) {
        this.head++;
        this.holes--;
        continue;
      }
      if (batch.length > 0 && size + item.approxBytes > maxBytes) break;
      batch.push(item);
      size += item.approxBytes;
      this.items[this.head] = null;
      this.head++;
      this.bytes -= item.approxBytes;
    }
    this.compact();
    return batch;
  }

  private enforceBounds(): number {
    let lost = 0;
    if (this.bytes > this.maxBytes) lost += this.stripPayloads();
    while (this.queuedLength() > 0 && (this.length > this.maxEvents || this.bytes > this.maxBytes)) {
      const item = this.items[this.head];
      this.items[this.head] = null;
      this.head++;
      if (!item) {
        this.holes--;
        continue;
      }
      if (item.event.kind === 'trace.start' && this.pinned.length < MAX_PINNED) {
        const kept = withoutPayloadsIfHeavy(item);
        if (kept !== item) this.onDrop(item.event, 'payload');
        this.pinned.push(kept);
        this.bytes -= item.approxBytes - this.pinned[this.pinned.length - 1]!.approxBytes;
        continue;
      }
      this.bytes -= item.approxBytes;
      this.dropped++;
      lost++;
      this.onDrop(item.event, item.event.kind === 'span.start' ? 'span' : 'event');
    }
    if (lost > 0) this.compact();
    return lost;
  }

  /** Strips payloads and drops log events, oldest first, until the bytes fit (or nothing is left to strip). */
  private stripPayloads(): number {
    let lost = 0;
    let at = Math.max(this.stripFrom, this.head);
    // The newest event stays whole: it is the one being added, and tells what happens now.
    while (this.bytes > this.maxBytes && at < this.items.length - 1) {
      const item = this.items[at];
      if (item && !item.stripped) {
        if (item.event.kind === 'span.event') {
          this.items[at] = null;
          this.holes++;
          this.bytes -= item.approxBytes;
          this.dropped++;
          this.onDrop(item.event, 'event');
          lost++;
        } else if (item.approxBytes > SHAPE_BYTES) {
          item.event = withoutPayloads(item.event);
          this.bytes -= item.approxBytes - SHAPE_BYTES;
          item.approxBytes = SHAPE_BYTES;
          item.stripped = true;
          this.onDrop(item.event, 'payload');
          lost++;
        }
      }
      at++;
    }
    this.stripFrom = at;
    return lost;
  }

  // Dropping from the front by index keeps push O(1); the array is rebuilt once the dead
  // prefix is large, so memory stays proportional to the live events.
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.stripFrom = Math.max(0, this.stripFrom - this.head);
      this.head = 0;
    } else if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
      this.holes = 0;
      this.stripFrom = 0;
    }
  }
}

function withoutPayloadsIfHeavy(item: Queued): Queued {
  if (item.stripped || item.approxBytes <= SHAPE_BYTES) return item;
  return { event: withoutPayloads(item.event), approxBytes: SHAPE_BYTES, stripped: true };
}

/** The event without what makes it heavy; the shape (ids, names, times, status, tokens) stays. */
function withoutPayloads(event: WireEvent): WireEvent {
  const { input, output, attributes, metadata, ...shape } = event as WireEvent & {
    input?: unknown;
    output?: unknown;
    attributes?: unknown;
    metadata?: unknown;
  };
  return shape as WireEvent;
}
