// `spyglass serve`: the collector and the UI in one process, until Ctrl-C.
import { resolve } from 'node:path';
import {
  DEFAULT_GRPC_PORT,
  DEFAULT_HOST,
  DEFAULT_PORT,
  silenceGrpcLibraryLogs,
  startServer,
} from '../../server/index.ts';
import { DEFAULT_IDLE_TRACE_MS } from '../../server/store/traceState.ts';
import { PriceBook } from '../../server/pricing/index.ts';
import { UsageError, formatFlags, parseFlags, type FlagSpec } from '../args.ts';
import { defaultDbPath } from '../dataDir.ts';
import { mcpSetupText } from '../../shared/mcpSetup.ts';
import type { Command } from './types.ts';

const FLAGS: FlagSpec = {
  port: {
    value: true,
    description: `port to listen on (default ${DEFAULT_PORT}, or SPYGLASS_PORT; 0 = any free port)`,
  },
  'grpc-port': {
    value: true,
    description: `OTLP/gRPC port (default ${DEFAULT_GRPC_PORT}, or any free port when --port is 0; if taken, HTTP runs alone)`,
  },
  'no-grpc': { value: false, description: 'do not start the OTLP/gRPC receiver' },
  host: {
    value: true,
    description: `address to listen on (default ${DEFAULT_HOST}; anything else exposes your traces)`,
  },
  db: { value: true, description: 'SQLite file (default: spyglass.db in your data folder)' },
  'ui-dir': { value: true, description: 'folder of the built UI to serve at / (default: none)' },
  'allow-origin': { value: true, description: 'an extra web origin allowed to use the API' },
  prices: {
    value: true,
    description:
      'model prices (genai-prices or LiteLLM JSON) replacing the bundled table (or SPYGLASS_PRICES)',
  },
  'idle-seconds': {
    value: true,
    description: `finish a trace whose root never arrives once all its spans have ended and nothing came for this long (default ${DEFAULT_IDLE_TRACE_MS / 1000})`,
  },
  help: { value: false, description: 'show this help' },
};

/** Seconds → ms for --idle-seconds: a positive number (fractions allowed, e.g. 0.5). */
function parseSeconds(text: string, source: string): number {
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
    throw new UsageError(`${source} must be a number of seconds above 0 and at most 86400 (got "${text}")`);
  }
  return Math.round(seconds * 1000);
}

export function parsePort(text: string, source: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError(`${source} must be a port number from 0 to 65535 (got "${text}")`);
  return port;
}

export const serve: Command = {
  name: 'serve',
  summary: 'run the collector and serve the UI (headless mode)',
  usage: `spyglass serve [--port N] [--grpc-port N | --no-grpc] [--host H] [--db FILE] [--prices FILE] [--idle-seconds S]\n\n${formatFlags(FLAGS)}`,
  async run(argv, io) {
    const { flags, positionals } = parseFlags(argv, FLAGS);
    if (flags.help) {
      io.out(this.usage);
      return 0;
    }
    if (positionals.length) throw new UsageError(`serve takes no arguments (got "${positionals.join(' ')}")`);
    const port =
      typeof flags.port === 'string'
        ? parsePort(flags.port, '--port')
        : io.env.SPYGLASS_PORT
          ? parsePort(io.env.SPYGLASS_PORT, 'SPYGLASS_PORT')
          : DEFAULT_PORT;
    if (flags['no-grpc'] && typeof flags['grpc-port'] === 'string')
      throw new UsageError('--grpc-port and --no-grpc contradict each other; give one');
    // Same bind address as HTTP (loopback unless --host): gRPC has no browser threat, but a
    // receiver reachable from the network is still something to ask for explicitly.
    // An ephemeral HTTP port (tests, several instances side by side) makes gRPC ephemeral too, so
    // such runs do not contend for 4317; the ready message prints both.
    const grpcPort = flags['no-grpc']
      ? null
      : typeof flags['grpc-port'] === 'string'
        ? parsePort(flags['grpc-port'], '--grpc-port')
        : port === 0
          ? 0
          : DEFAULT_GRPC_PORT;
    const host = typeof flags.host === 'string' ? flags.host : DEFAULT_HOST;
    const dbPath = typeof flags.db === 'string' ? resolve(flags.db) : defaultDbPath(io.env);
    const uiDir = typeof flags['ui-dir'] === 'string' ? resolve(flags['ui-dir']) : null;
    const allowedOrigins = typeof flags['allow-origin'] === 'string' ? [flags['allow-origin']] : [];
    const idleTraceMs =
      typeof flags['idle-seconds'] === 'string'
        ? parseSeconds(flags['idle-seconds'], '--idle-seconds')
        : undefined;
    // Loaded before the server starts, so no span is estimated with the bundled table first. Unlike
    // a broken SPYGLASS_PRICES (warned about, then ignored), a file asked for on the command line
    // that cannot be used stops the start: the user would otherwise trust costs from another table.
    const prices = new PriceBook();
    if (typeof flags.prices === 'string') {
      try {
        prices.loadFile(resolve(flags.prices));
      } catch (error) {
        io.err(`spyglass: --prices: ${(error as Error).message}`);
        return 1;
      }
    }
    if (grpcPort !== null) silenceGrpcLibraryLogs(); // our own messages say what went wrong
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer({
        dbPath,
        port,
        grpcPort,
        host,
        uiDir,
        allowedOrigins,
        idleTraceMs,
        prices,
        decoderThreadEntry: io.threadModules?.decoder,
        searchThreadEntry: io.threadModules?.search,
        log: io.err,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') {
        const earlier = await spyglassOn(host, port);
        io.err(
          earlier
            ? `spyglass: port ${port} on ${host} is already used by Spyglass ${earlier.version} (${earlier.url}/): open that one, or stop it first, or pick another port with --port N.`
            : `spyglass: port ${port} on ${host} is already in use by another program (an OpenTelemetry collector?). Stop it, or pick another port with --port N.`,
        );
        return 1;
      }
      if (code === 'EACCES') {
        io.err(`spyglass: not allowed to listen on port ${port}; choose a port above 1023 with --port N.`);
        return 1;
      }
      if (code === 'EADDRNOTAVAIL') {
        io.err(`spyglass: this machine has no address ${host}; check --host.`);
        return 1;
      }
      throw error;
    }
    io.out(`Spyglass is listening on ${server.url}/`);
    if (server.grpcAddress)
      io.out(`OTLP/gRPC on http://${server.grpcAddress} (OTEL_EXPORTER_OTLP_PROTOCOL=grpc)`);
    io.out(`Database: ${dbPath}`);
    io.out(mcpSetupText(server.url));
    // Any table but the bundled one is named: --prices, SPYGLASS_PRICES, or one loaded in the app earlier.
    const table = server.prices.info();
    if (!table.bundled)
      io.out(`Prices: ${table.source}, ${table.models} model${table.models === 1 ? '' : 's'}`);
    if (!uiDir)
      io.out(
        'No UI folder given (--ui-dir): the API and OTLP endpoint are up; `npm run serve` serves the UI.',
      );
    await io.untilStopped();
    await server.close();
    return 0;
  },
};

/** The Spyglass already answering on host:port (its /api/health), or null for another program. */
async function spyglassOn(host: string, port: number): Promise<{ version: string; url: string } | null> {
  const hostPart =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${hostPart}:${port}`;
  try {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json()) as { ok?: unknown; version?: unknown };
    return body.ok === true && typeof body.version === 'string' ? { version: body.version, url } : null;
  } catch {
    return null;
  }
}
