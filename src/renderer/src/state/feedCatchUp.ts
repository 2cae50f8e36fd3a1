// One view's reads against the live feed. A view reads the store over HTTP and follows the feed
// for what changes after; a commit that lands after its read and before the collector takes its
// subscription reaches it by neither, so the view reads again. It need not when its last read
// started after the last commit its subscription could have missed: the collector says where each
// read started and where each subscription took effect (shared/feedPosition.ts), so a window that
// starts on an idle collector reads everything once, and a trace opened while the socket is live
// is read again only if it changed in that moment, whichever of the two went first.
import { type FeedPosition, mayLack } from '../../../shared/feedPosition.ts';

export class FeedCatchUp {
  private readAt: FeedPosition | null = null;
  private reading = false;
  /** A subscription that took effect while a read was on its way: checked when its answer lands. */
  private due: { changedAt: FeedPosition | null } | null = null;
  private readonly readAgain: () => void;

  /** `readAgain` starts a new read (and calls `started`). */
  constructor(readAgain: () => void) {
    this.readAgain = readAgain;
  }

  /** Whether a read is on its way. */
  get isReading(): boolean {
    return this.reading;
  }

  /** A read went out (one that replaces an earlier read still on its way, too). */
  started(): void {
    this.reading = true;
  }

  /** A read's answer has landed, with the position its read started after. */
  answered(readAt: FeedPosition | null): void {
    this.reading = false;
    this.readAt = readAt;
    const due = this.due;
    this.due = null;
    if (due && this.mayLack(due.changedAt)) this.readAgain();
  }

  /** A read failed: the view shows the failure, and the next read checks again. */
  failed(): void {
    this.reading = false;
    this.due = null;
  }

  /**
   * The collector follows for this view from here on; `changedAt` is the position of the last
   * commit the subscription could have missed (null: the collector did not say).
   */
  following(changedAt: FeedPosition | null): void {
    if (this.reading) this.due = { changedAt };
    else if (this.mayLack(changedAt)) this.readAgain();
  }

  private mayLack(changedAt: FeedPosition | null): boolean {
    return changedAt === null || mayLack(this.readAt, changedAt);
  }
}
