// The one live feed of the window, wired to the caches that keep themselves current from it.
import { LiveFeed, feedUrl } from '../api/liveFeed.ts';
import {
  catchUpTrace,
  forgetUnshownTraces,
  receiveLiveSpans,
  receiveLiveTraceSummaries,
} from './traceCache.ts';
import { loadTraceList, receiveLiveTraces, traceListStore } from './traceListStore.ts';
import { catchUpSessions, receiveLiveSessionTraces } from './sessionsStore.ts';

export const liveFeed = new LiveFeed(feedUrl(location), {
  onTraces(traces) {
    receiveLiveTraces(traces);
    receiveLiveTraceSummaries(traces);
    receiveLiveSessionTraces(traces);
  },
  onSpans: receiveLiveSpans,
  onFollowingTraces() {
    // What was committed before the subscription took effect (while the socket was down, or
    // between the first list answer and the subscription) was not sent to us: ask again.
    loadTraceList(traceListStore.get().filters, true);
    catchUpSessions();
  },
  onFollowingTrace: catchUpTrace,
  onReconnected: forgetUnshownTraces,
});
