// The events waiting to be sent, bounded in count and in approximate bytes. When the collector is
// away long enough to fill it, the oldest events go first (the newest tell what is happening now)
// and every dropped event is counted.
import type { WireEvent } from './protocol.ts';

export interface Queued {
  event: WireEvent;
  approxBytes: number;
}

export class SendBuffer {
  private items: Queued[] = [];
  private head = 0;
  private bytes = 0;
  dropped = 0;
  readonly maxEvents: number;
  readonly maxBytes: number;

  constructor(maxEvents: number, maxBytes: number) {
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
  }

  get length(): number {
    return this.items.length - this.head;
  }

  get approxBytes(): number {
    return this.bytes;
  }

  /** Adds one event; returns how many old events were dropped to make room. */
  push(item: Queued): number {
    this.items.push(item);
    this.bytes += item.approxBytes;
    return this.enforceBounds();
  }

  /** Puts a batch that failed to send back at the front, then re-applies the bounds. */
  unshift(batch: Queued[]): number {
    this.items = batch.concat(this.items.slice(this.head));
    this.head = 0;
    for (const item of batch) this.bytes += item.approxBytes;
    return this.enforceBounds();
  }

  /** Every queued item, oldest first, without taking them. */
  peekAll(): Queued[] {
    return this.items.slice(this.head);
  }

  /** Takes up to `maxEvents` events and about `maxBytes` (always at least one event). */
  take(maxEvents: number, maxBytes: number): Queued[] {
    const batch: Queued[] = [];
    let size = 0;
    while (this.head < this.items.length && batch.length < maxEvents) {
      const item = this.items[this.head] as Queued;
      if (batch.length > 0 && size + item.approxBytes > maxBytes) break;
      batch.push(item);
      size += item.approxBytes;
      this.items[this.head] = undefined as unknown as Queued;
      this.head++;
      this.bytes -= item.approxBytes;
    }
    this.compact();
    return batch;
  }

  private enforceBounds(): number {
    let dropped = 0;
    while (this.length > 0 && (this.length > this.maxEvents || this.bytes > this.maxBytes)) {
      const item = this.items[this.head] as Queued;
      this.items[this.head] = undefined as unknown as Queued;
      this.head++;
      this.bytes -= item.approxBytes;
      dropped++;
    }
    this.dropped += dropped;
    if (dropped > 0) this.compact();
    return dropped;
  }

  // Dropping from the front by index keeps push O(1); the array is rebuilt once the dead
  // prefix is large, so memory stays proportional to the live events.
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    } else if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    }
  }
}
