// The live feed: after each commit, `traces` (updated summaries) to every socket following the
// list, and `spans` (updated skeletons) to sockets following one of the touched traces; a socket
// following a trace but not the list also gets `traces` with that trace's new summary, so a detail
// view sees its status and totals move. One message of each kind per commit and socket, however
// many batches the commit held; each message is serialised once for all sockets.
import type { ServerMessage } from '../../shared/feed.ts';
import type { TraceSummary } from '../../shared/types.ts';
import type { ChangeSet, Store } from '../store/index.ts';

export interface FeedSubscriber {
  wantsTraces: boolean;
  traces: Set<string>;
  /** Sends one serialised ServerMessage. */
  send(json: string): void;
}

const serialise = (message: ServerMessage): string => JSON.stringify(message);

export class LiveFeed {
  private readonly store: Store;
  private readonly subscribers = new Set<FeedSubscriber>();

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

  publish(changes: ChangeSet): void {
    if (this.subscribers.size === 0 || changes.tracePks.length === 0) return;
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
}
