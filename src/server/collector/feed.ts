// The live feed: after each commit, `traces` (updated summaries) to every socket following the
// list, and `spans` (updated skeletons) to sockets following one of the touched traces; a socket
// following a trace but not the list also gets `traces` with that trace's new summary, so a detail
// view sees its status and totals move. One message of each kind per commit and socket, however
// many batches the commit held; each message is serialised once for all sockets.
//
// It also keeps the feed's position (shared/feedPosition.ts): the commits published so far, and the
// last one that touched each trace, so that a subscription's ack can tell the page whether what it
// read before may lack something.
import { randomUUID } from 'node:crypto';
import type { ServerMessage } from '../../shared/feed.ts';
import { type FeedPosition, feedPosition } from '../../shared/feedPosition.ts';
import type { TraceSummary } from '../../shared/types.ts';
import type { ChangeSet, Store } from '../store/index.ts';

export interface FeedSubscriber {
  wantsTraces: boolean;
  traces: Set<string>;
  /** Sends one serialised ServerMessage. */
  send(json: string): void;
}

const serialise = (message: ServerMessage): string => JSON.stringify(message);

/**
 * Traces whose last change the feed remembers. Past it the memory starts again, and a trace it
 * forgot counts as changed at that moment: the page may read it once more than needed, never less.
 */
const REMEMBERED_TRACES = 200_000;

export class LiveFeed {
  private readonly store: Store;
  private readonly subscribers = new Set<FeedSubscriber>();
  /** Tells this collector run's positions from an earlier run's (the count starts again at 0). */
  private readonly run = randomUUID().slice(0, 8);
  private published = 0;
  /** Trace primary key → `published` at its last change. */
  private readonly changedAt = new Map<number, number>();
  /** Where the memory of changes starts (see REMEMBERED_TRACES). */
  private forgottenBefore = 0;

  constructor(store: Store) {
    this.store = store;
  }

  add(subscriber: FeedSubscriber): void {
    this.subscribers.add(subscriber);
  }

  remove(subscriber: FeedSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  /** Sends one message to every subscriber (state changes such as a full disk). */
  announce(message: ServerMessage): void {
    const text = serialise(message);
    for (const subscriber of this.subscribers) subscriber.send(text);
  }

  /** The feed's position: every commit counted here is readable, every later one will be sent. */
  position(): FeedPosition {
    return feedPosition(this.run, this.published);
  }

  /** The position of the last commit that touched a stored trace; null when there is no such trace. */
  traceChangedAt(traceId: string): FeedPosition | null {
    const pk = this.store.tracePk(traceId);
    if (pk === undefined) return null;
    return feedPosition(this.run, this.changedAt.get(pk) ?? this.forgottenBefore);
  }

  publish(changes: ChangeSet): void {
    if (changes.tracePks.length === 0) return;
    this.count(changes);
    if (this.subscribers.size === 0) return;
    let summaries: TraceSummary[] | null = null;
    let allTraces: string | null = null;
    const spans = new Map<string, string>();
    for (const subscriber of this.subscribers) {
      summaries ??= this.store.summariesOf(changes);
      if (subscriber.wantsTraces) {
        allTraces ??= serialise({ type: 'traces', traces: summaries });
        subscriber.send(allTraces);
      } else if (subscriber.traces.size) {
        const followed = summaries.filter((s) => subscriber.traces.has(s.traceId));
        if (followed.length) subscriber.send(serialise({ type: 'traces', traces: followed }));
      }
      for (const traceId of subscriber.traces) {
        const pks = changes.spanPksByTrace.get(traceId);
        if (!pks) continue;
        let message = spans.get(traceId);
        if (message === undefined) {
          message = serialise({ type: 'spans', traceId, spans: this.store.spansOf(pks) });
          spans.set(traceId, message);
        }
        subscriber.send(message);
      }
    }
  }

  private count(changes: ChangeSet): void {
    this.published += 1;
    if (this.changedAt.size + changes.tracePks.length > REMEMBERED_TRACES) {
      this.changedAt.clear();
      this.forgottenBefore = this.published;
    }
    for (const pk of changes.tracePks) this.changedAt.set(pk, this.published);
  }
}
