// Messages on the WebSocket at /api/ws. The same socket carries the SDK's ingest protocol
// (sdk/src/protocol.ts) and the live feed the UI subscribes to.
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
   */
  | { type: 'subscribed'; request: 'subscribe-traces' }
  | { type: 'subscribed'; request: 'subscribe-trace' | 'unsubscribe-trace'; traceId: string }
  | { type: 'error'; id?: number; error: string; field?: string }
  /** Sent when writing to the database starts or stops failing (e.g. disk full), and after hello. */
  | { type: 'storage'; storage: StorageHealth };
