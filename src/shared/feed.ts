// Messages on the WebSocket at /api/ws. The same socket carries the SDK's ingest protocol
// (sdk/src/protocol.ts) and the live feed the UI subscribes to.
import type { FeedPosition } from './feedPosition.ts';
import type { Span, StorageHealth, TraceSummary } from './types.ts';
import type { IngestRequest, IngestResponse } from '../../sdk/src/protocol.ts';

/** Client → server. */
export type ClientMessage =
  /** Follow the trace list: every committed change to any trace's summary. */
  | { type: 'subscribe-traces' }
  /** Follow one trace's spans as they are committed (skeletons, as in the trace answer). */
  | { type: 'subscribe-trace'; traceId: string }
  | { type: 'unsubscribe-trace'; traceId: string }
  /** The SDK's batch protocol over the socket; answered by an `ack` with the same id. */
  | { type: 'ingest'; id: number; batch: IngestRequest };

/** Server → client. */
export type ServerMessage =
  | { type: 'hello'; version: string }
  | { type: 'traces'; traces: TraceSummary[] }
  | { type: 'spans'; traceId: string; spans: Span[] }
  | ({ type: 'ack'; id: number } & IngestResponse)
  /**
   * A subscription change is in effect: every commit after this message is sent by it (or no
   * longer sent, for an unsubscribe). Clients and tests wait for it instead of sleeping.
   * `position`: the feed's position as the list's subscription took effect; `changedAt`: that of
   * the last commit that touched the trace (null: no such trace is stored). An answer read before
   * either may lack a commit this socket was not sent (feedPosition.ts).
   */
  | { type: 'subscribed'; request: 'subscribe-traces'; position: FeedPosition }
  | { type: 'subscribed'; request: 'subscribe-trace'; traceId: string; changedAt: FeedPosition | null }
  | { type: 'subscribed'; request: 'unsubscribe-trace'; traceId: string }
  | { type: 'error'; id?: number; error: string; field?: string }
  /** Sent when writing to the database starts or stops failing (e.g. disk full), and after hello. */
  | { type: 'storage'; storage: StorageHealth };
