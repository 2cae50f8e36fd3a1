// `spyglass export TRACE_ID`: one trace as a Spyglass trace file (default) or OTLP/JSON, to a file
// or stdout. Read from a running collector by default, or straight from a database with --db.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/files.ts';
import { UnknownTraceError, exportTraces } from '../../server/files/index.ts';
import { Store } from '../../server/store/index.ts';
import { UsageError, formatFlags, parseFlags, type FlagSpec } from '../args.ts';
import { collectorUrl } from './import.ts';
import type { Command, CommandIo } from './types.ts';

const FLAGS: FlagSpec = {
  format: {
    value: true,
    description: 'spyglass (default: lossless, for Spyglass) or otlp (OTLP/JSON, for any OpenTelemetry tool)',
  },
  out: { value: true, description: 'write to this file (default: stdout)' },
  url: {
    value: true,
    description: 'collector to read from (default SPYGLASS_URL, else http://127.0.0.1:4318)',
  },
  db: { value: true, description: 'read straight from this SQLite file instead' },
  help: { value: false, description: 'show this help' },
};

async function fromCollector(
  io: CommandIo,
  url: string,
  traceId: string,
  format: ExportFormat,
): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch(`${url}/api/traces/${encodeURIComponent(traceId)}/export?format=${format}`);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    io.err(
      `spyglass export: no Spyglass collector answered at ${url} (${cause}). Start one with \`spyglass serve\`, point --url at it, or read a database with --db FILE.`,
    );
    return null;
  }
  const text = await response.text();
  if (response.ok) return text;
  let message = text;
  try {
    message = (JSON.parse(text) as { error: string }).error;
  } catch {
    // keep the text
  }
  io.err(`spyglass export: ${message}`);
  return null;
}

function fromDatabase(io: CommandIo, dbPath: string, traceId: string, format: ExportFormat): string | null {
  if (!existsSync(dbPath)) {
    io.err(`spyglass export: no database at ${dbPath}`);
    return null;
  }
  const store = new Store(dbPath);
  try {
    return exportTraces(store, [traceId], format).body;
  } catch (error) {
    if (!(error instanceof UnknownTraceError)) throw error;
    io.err(`spyglass export: ${error.message} in ${dbPath}`);
    return null;
  } finally {
    store.close();
  }
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'export a trace to a file (Spyglass JSON or OTLP JSON)',
  usage: `spyglass export TRACE_ID [--format spyglass|otlp] [--out FILE] [--url URL | --db FILE]\n\n${formatFlags(FLAGS)}`,
  async run(argv, io) {
    const { flags, positionals } = parseFlags(argv, FLAGS);
    if (flags.help) {
      io.out(this.usage);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one TRACE_ID to export');
    const traceId = positionals[0]!.toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(traceId))
      throw new UsageError(`"${positionals[0]}" is not a trace id (32 hex digits)`);
    const format = flags.format === undefined ? 'spyglass' : flags.format;
    if (typeof format !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
    }
    if (flags.url && flags.db) throw new UsageError('give --url or --db, not both');
    const body =
      typeof flags.db === 'string'
        ? fromDatabase(io, resolve(flags.db), traceId, format as ExportFormat)
        : await fromCollector(io, collectorUrl(flags.url, io.env), traceId, format as ExportFormat);
    if (body === null) return 1;
    if (typeof flags.out === 'string') {
      const out = resolve(flags.out);
      await writeFile(out, body);
      io.err(`Wrote ${out} (${Buffer.byteLength(body)} bytes, ${format})`);
    } else {
      io.out(body.endsWith('\n') ? body.slice(0, -1) : body);
    }
    return 0;
  },
};
