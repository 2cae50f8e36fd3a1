// startServer: the one entry both hosts use (the Electron app's collector process and the headless
// CLI). Opens the store, starts the collector on one port (and OTLP/gRPC on a second when asked:
// grpcPort), and resolves once it is listening.
import { PriceBook } from './pricing/index.ts';
import { restoreSavedPriceTable } from './pricing/savedTable.ts';
import { createCollector, type Collector } from './collector/index.ts';
import type { ConnectionLimits } from './collector/connections.ts';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Store } from './store/index.ts';
import { SOURCE_SEARCH_THREAD_ENTRY } from './store/searchThreadClient.ts';
import { grpcAddress, startGrpcReceiver, type GrpcReceiver } from './grpc/index.ts';
import { DEFAULT_MAX_BODY_BYTES } from './collector/http.ts';
import { releaseMemoryWhenIdle } from './idleMemory.ts';
import { createOtlpDecoder, type OtlpDecoder, SOURCE_DECODER_ENTRY } from './collector/decoding/decoder.ts';
import { IdleSweep, startIdleSweep } from './store/idleSweep.ts';
import { DEFAULT_ABANDON_TRACE_MS, DEFAULT_IDLE_TRACE_MS } from './store/traceState.ts';
import type { NormalizedBatch } from './ingest/model.ts';
import type { ChangeSet } from './store/index.ts';

export const DEFAULT_PORT = 4318;
export const DEFAULT_HOST = '127.0.0.1';
export { DEFAULT_GRPC_PORT, silenceGrpcLibraryLogs } from './grpc/index.ts';

export interface ServerOptions {
  /** The SQLite file (created with its folder if missing). */
  dbPath: string;
  /** 0 = an ephemeral port; default 4318 (the OTLP/HTTP port). */
  port?: number;
  /** Default 127.0.0.1. Anything but loopback must be asked for explicitly. */
  host?: string;
  /**
   * OTLP/gRPC port on the same host (0 = ephemeral); null or missing: no gRPC (the default, so
   * the library and tests stay single-port; the CLI turns it on at 4317). gRPC is optional: a
   * failed bind is logged and the server runs HTTP-only.
   */
  grpcPort?: number | null;
  /** Folder with the built UI (out/renderer) served at /; null or missing: a page saying to build it. */
  uiDir?: string | null;
  /** Extra origins allowed to call the API (e.g. the Vite dev server in `npm run dev`). */
  allowedOrigins?: string[];
  /** Largest request body, counted after decompression. Default 20 MiB. */
  maxBodyBytes?: number;
  /** Bytes a WebSocket may have queued before it is closed as a slow consumer. Default 16 MiB. */
  maxSocketBacklogBytes?: number;
  /**
   * A running trace with nothing open (no span started and not ended) that has received nothing
   * for this long is finished (store/traceState.ts quietOutcome). Default 30 s.
   */
  idleTraceMs?: number;
  /** A running trace with something still open that has received nothing for this long is abandoned (shown as an error). Default 1 h. */
  abandonTraceMs?: number;
  /**
   * Entry module of the decoder thread, which decodes large OTLP bodies off the request thread.
   * Default: the TypeScript source (collector/decoding/worker.ts); the app bundle passes its
   * built file. false: decode every body on the request thread.
   */
  decoderThreadEntry?: URL | false;
  /**
   * Entry module of the search thread, which writes the full-text index beside the ingest thread
   * (store/searchThread.ts). Default: the TypeScript source; the app bundle passes its built file.
   * false: index on the request thread.
   */
  searchThreadEntry?: URL | false;
  /** Timeouts and the cap on open connections (collector/connections.ts). */
  connectionLimits?: Partial<ConnectionLimits>;
  /** WebSocket keepalive ping interval (default 30 s); a peer silent for two is dropped. */
  wsPingIntervalMs?: number;
  /** This server's price table (e.g. one the CLI loaded from --prices); default: a new one. */
  prices?: PriceBook;
  log?: (line: string) => void;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  port: number;
  host: string;
  /** The OTLP/gRPC port; null when gRPC is off or its port could not be bound. */
  grpcPort: number | null;
  /** host:port a gRPC exporter dials (loopback when listening on every interface, as `url`); null as grpcPort. */
  grpcAddress: string | null;
  store: Store;
  /** The price table this server estimates costs with. */
  prices: PriceBook;
  /** Commits a batch and publishes it to the live feed (for importers running in-process). */
  ingest(batch: NormalizedBatch): Promise<ChangeSet>;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  const log = options.log ?? (() => {});
  const prices = options.prices ?? new PriceBook();
  const store = new Store(options.dbPath, {
    estimateCost: (input) => prices.estimateCostUsd(input),
    searchThreadEntry: threadModule(
      'full-text indexing',
      options.searchThreadEntry,
      SOURCE_SEARCH_THREAD_ENTRY,
      log,
    ),
    log,
  });
  restoreSavedPriceTable(prices, options.dbPath, log);
  const otlpDecoder = createOtlpDecoder(
    threadModule('OTLP decoding', options.decoderThreadEntry, SOURCE_DECODER_ENTRY, log) ?? false,
    log,
  );
  const memory = releaseMemoryWhenIdle({
    releaseCaches: () => store.releaseMemory(),
    bulkWriting: () => store.bulkWriting,
  });
  let collector: Collector | null = null;
  try {
    collector = createCollector({
      afterBulkWrite: () => memory.releaseSoon(),
      otlpDecoder,
      store,
      prices,
      host,
      uiDir: options.uiDir ?? null,
      allowedOrigins: options.allowedOrigins ?? [],
      maxBodyBytes: options.maxBodyBytes,
      maxSocketBacklogBytes: options.maxSocketBacklogBytes,
      connectionLimits: options.connectionLimits,
      wsPingIntervalMs: options.wsPingIntervalMs,
      log,
    });
    await listen(collector, port, host);
  } catch (error) {
    // The collector's ingest queue has already scheduled work on the store (search indexing):
    // stop it before the store closes, or it logs errors from a closed database long after.
    memory.stop();
    await collector?.close();
    await otlpDecoder.close();
    await store.stopSearchThread();
    store.close();
    throw error;
  }
  const idleMs = options.idleTraceMs ?? DEFAULT_IDLE_TRACE_MS;
  const stopSweep = startIdleSweep(
    new IdleSweep(store.db, { idleMs, abandonMs: options.abandonTraceMs ?? DEFAULT_ABANDON_TRACE_MS }),
    {
      idleMs,
      publish: collector.publish,
      onError: (error) => log(`idle-trace sweep failed: ${String(error)}`),
    },
  );
  const grpc =
    options.grpcPort == null
      ? null
      : await startGrpc(collector, otlpDecoder, options, host, options.grpcPort, log);
  const address = collector.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  // Listening on every interface, the URL to print (and open) is still the loopback one.
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    host,
    grpcPort: grpc?.port ?? null,
    grpcAddress: grpc ? `${urlHost}:${grpc.port}` : null,
    store,
    prices,
    ingest: collector.ingest,
    close() {
      stopSweep();
      memory.stop();
      // gRPC first: its in-flight exports still reach the collector, which then commits its queue.
      closed ??= (grpc?.close() ?? Promise.resolve())
        .then(() => collector.close())
        .then(() => otlpDecoder.close())
        .then(() => store.stopSearchThread())
        // A checkpoint thread started by an import holds its own connection: closing ours first
        // would leave the -wal and -shm files beside the database.
        .then(() => store.settled())
        .finally(() => store.close());
      return closed;
    },
  };
}

/**
 * The module a thread of the collector runs (default: its TypeScript source), or null: the work is
 * done on the request thread instead. `false` asks for that. A module that is not there is said
 * in the log: everything still works, but ingest is slower and a host that meant to pass its
 * built module (the installed CLI once ran without either thread, silently) is told so.
 */
function threadModule(
  work: string,
  entry: URL | false | undefined,
  source: URL,
  log: (line: string) => void,
): URL | null {
  if (entry === false) return null;
  const url = entry ?? source;
  if (existsSync(fileURLToPath(url))) return url;
  log(`spyglass: ${work} runs on the request thread: its thread's module ${fileURLToPath(url)} is missing`);
  return null;
}

function listen(collector: Collector, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    collector.server.once('error', onError);
    collector.server.listen(port, host, () => {
      collector.server.off('error', onError);
      resolve();
    });
  });
}

async function startGrpc(
  collector: Collector,
  otlpDecoder: OtlpDecoder,
  options: ServerOptions,
  host: string,
  port: number,
  log: (line: string) => void,
): Promise<GrpcReceiver | null> {
  try {
    return await startGrpcReceiver({
      host,
      port,
      maxMessageBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      ingest: collector.ingest,
      decode: (body, encoding) => otlpDecoder.decode(body, encoding),
      log,
    });
  } catch (error) {
    log(
      `spyglass: warning: OTLP/gRPC could not listen on ${grpcAddress(host, port)} (${(error as Error).message}); gRPC is off, OTLP/HTTP keeps running. Free the port, or pick another with --grpc-port N (--no-grpc to skip it).`,
    );
    return null;
  }
}
