// The one live feed of the window, wired to the caches that keep themselves current from it.
import { LiveFeed, feedUrl } from '../api/liveFeed.ts';
import {
  catchUpTrace,
  forgetUnshownTraces,
  receiveLiveSpans,
  receiveLiveTraceSummaries,
} from './traceCache.ts';
import { receiveLiveTraces, traceListCatchUp } from './traceListStore.ts';
import { catchUpSessions, receiveLiveSessionTraces } from './sessionsStore.ts';

export const liveFeed = new LiveFeed(feedUrl(location), {
  onTraces(traces) {
    receiveLiveTraces(traces);
    receiveLiveTraceSummaries(traces);
    receiveLiveSessionTraces(traces);
  },
  onSpans: receiveLiveSpans,
  onFollowingTraces(position) {
    // What was committed before the subscription took effect (while the socket was down, or
    // between the first list answer and the subscription) was not sent to us: read again what
    // may lack it.
    traceListCatchUp.following(position);
    catchUpSessions(position);
  },
  onFollowingTrace: catchUpTrace,
  onReconnected: forgetUnshownTraces,
});
