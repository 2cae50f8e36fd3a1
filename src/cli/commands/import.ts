// `spyglass import FILE`: a Spyglass trace file, OTLP/JSON or OTLP protobuf into Spyglass, whole or
// not at all. By default it is sent to a running collector (POST /api/import, so an open UI shows
// the traces at once); with --db it is written straight into a database file.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { ImportErrorBody, ImportResponse } from '../../shared/files.ts';
import { ImportError, prepareImport } from '../../server/files/index.ts';
import { estimateCostUsd } from '../../server/pricing/index.ts';
import { Store } from '../../server/store/index.ts';
import { UsageError, formatFlags, parseFlags, type FlagSpec } from '../args.ts';
import { progressBar, stderrSink } from './fileProgress.ts';
import type { Command, CommandIo } from './types.ts';

const FLAGS: FlagSpec = {
  url: {
    value: true,
    description: 'collector to import into (default SPYGLASS_URL, else http://127.0.0.1:4318)',
  },
  db: { value: true, description: 'write straight into this SQLite file instead (no collector needed)' },
  help: { value: false, description: 'show this help' },
};

export const DEFAULT_COLLECTOR_URL = 'http://127.0.0.1:4318';

export function collectorUrl(flag: string | true | undefined, env: NodeJS.ProcessEnv): string {
  return (typeof flag === 'string' ? flag : env.SPYGLASS_URL || DEFAULT_COLLECTOR_URL).replace(/\/+$/, '');
}

function report(io: CommandIo, file: string, answer: ImportResponse): void {
  const { traces, spans } = answer.imported;
  // An older collector answers without `merged`.
  const merged = answer.merged ?? 0;
  const into = merged > 0 ? `; ${merged} already stored, merged into ${merged === 1 ? 'it' : 'them'}` : '';
  io.err(
    `Imported ${traces} ${traces === 1 ? 'trace' : 'traces'} (${spans} spans) from ${file} (${answer.format}${into}):`,
  );
  for (const id of answer.traceIds) io.out(id);
}

function reportDamage(io: CommandIo, file: string, body: ImportErrorBody): number {
  io.err(`spyglass import: ${file}: ${body.error}`);
  for (const problem of (body.problems ?? []).slice(1)) io.err(`  also: ${problem}`);
  return 1;
}

async function viaCollector(io: CommandIo, path: string, size: number, url: string): Promise<number> {
  const bar = progressBar(stderrSink(), size);
  let sent = 0;
  const source = createReadStream(path);
  source.on('data', (chunk) => {
    sent += chunk.length;
    bar.update({ phase: 'read', done: sent, total: size });
  });
  let response: Response;
  try {
    response = await fetch(`${url}/api/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
      body: Readable.toWeb(source) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit);
  } catch (error) {
    bar.finish();
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    io.err(
      `spyglass import: no Spyglass collector answered at ${url} (${cause}). Start one with \`spyglass serve\`, point --url at it, or write straight into a database with --db FILE.`,
    );
    return 1;
  }
  bar.finish();
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { error: text.slice(0, 500) };
  }
  if (response.ok) {
    report(io, path, body as ImportResponse);
    return 0;
  }
  return reportDamage(io, path, body as ImportErrorBody);
}

async function intoDatabase(io: CommandIo, path: string, size: number, dbPath: string): Promise<number> {
  const bar = progressBar(stderrSink(), size);
  bar.update({ phase: 'read', done: 0, total: size });
  const bytes = await readFile(path);
  bar.update({ phase: 'read', done: size, total: size });
  let prepared: ReturnType<typeof prepareImport>;
  try {
    prepared = prepareImport(bytes, { onProgress: (p) => bar.update(p) });
  } catch (error) {
    bar.finish();
    if (error instanceof ImportError) return reportDamage(io, path, error.toBody());
    throw error;
  }
  bar.update({ phase: 'write', done: 0, total: prepared.spanCount });
  const store = new Store(dbPath, { estimateCost: estimateCostUsd });
  let merged: number;
  try {
    merged = prepared.traceIds.filter((traceId) => store.hasTrace(traceId)).length;
    store.applyBatches([prepared.batch]); // one transaction: all or nothing
  } finally {
    store.close();
  }
  bar.update({ phase: 'write', done: prepared.spanCount, total: prepared.spanCount });
  bar.finish();
  report(io, path, {
    format: prepared.format,
    imported: { traces: prepared.traceIds.length, spans: prepared.spanCount },
    merged,
    traceIds: prepared.traceIds,
  });
  return 0;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a trace file (Spyglass JSON, OTLP JSON or protobuf)',
  usage: `spyglass import FILE [--url URL | --db FILE]\n\n${formatFlags(FLAGS)}`,
  async run(argv, io) {
    const { flags, positionals } = parseFlags(argv, FLAGS);
    if (flags.help) {
      io.out(this.usage);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE to import');
    if (flags.url && flags.db) throw new UsageError('give --url or --db, not both');
    const path = resolve(positionals[0]!);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      io.err(`spyglass import: cannot read ${path}: no such file`);
      return 1;
    }
    if (typeof flags.db === 'string') return intoDatabase(io, path, size, resolve(flags.db));
    return viaCollector(io, path, size, collectorUrl(flags.url, io.env));
  },
};
