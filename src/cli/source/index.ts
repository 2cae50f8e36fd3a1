// Picks the source: --db reads that file; otherwise the collector at --url / SPYGLASS_URL /
// 127.0.0.1:4318, falling back to the default database file whenever the collector does not
// answer (checked on every read, so a long-lived MCP server follows a collector that starts or stops).
import { resolve } from 'node:path';
import { defaultDbPath } from '../dataDir.ts';
import { CollectorUnreachableError, HttpSource } from './httpSource.ts';
import { DbSource } from './dbSource.ts';
import { NoSourceError, type ListQuery, type TraceSource } from './types.ts';

export * from './types.ts';
export { HttpSource, CollectorUnreachableError } from './httpSource.ts';
export { DbSource } from './dbSource.ts';

export const DEFAULT_COLLECTOR_URL = 'http://127.0.0.1:4318';

export function collectorUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return (flag ?? env.SPYGLASS_URL ?? DEFAULT_COLLECTOR_URL).replace(/\/+$/, '');
}

/** The collector when it answers, else the database file. */
export class FallbackSource implements TraceSource {
  private readonly http: HttpSource;
  private readonly dbPath: string;
  private db: DbSource | null = null;
  private lastUsed: TraceSource;

  constructor(http: HttpSource, dbPath: string) {
    this.http = http;
    this.dbPath = dbPath;
    this.lastUsed = http;
  }

  describe(): string {
    return this.lastUsed.describe();
  }

  private async run<T>(read: (source: TraceSource) => Promise<T>): Promise<T> {
    try {
      const answer = await read(this.http);
      this.lastUsed = this.http;
      return answer;
    } catch (error) {
      if (!(error instanceof CollectorUnreachableError)) throw error;
      try {
        this.db ??= new DbSource(this.dbPath);
      } catch (dbError) {
        if (dbError instanceof NoSourceError)
          throw new NoSourceError(
            `${error.problem}, and there is ${dbError.message}. Start Spyglass (the app, or \`spyglass serve\`), or pass --url URL or --db FILE.`,
          );
        throw dbError;
      }
      this.lastUsed = this.db;
      return read(this.db);
    }
  }

  listTraces(query: ListQuery) {
    return this.run((s) => s.listTraces(query));
  }
  getTrace(traceId: string, options?: { payloads?: boolean }) {
    return this.run((s) => s.getTrace(traceId, options));
  }
  getSpan(traceId: string, spanId: string) {
    return this.run((s) => s.getSpan(traceId, spanId));
  }
  close(): void {
    this.db?.close();
  }
}

export function openSource(options: { url?: string; db?: string; env: NodeJS.ProcessEnv }): TraceSource {
  if (options.db !== undefined) return new DbSource(resolve(options.db));
  const http = new HttpSource(collectorUrlFrom(options.url, options.env));
  // An explicit --url means that collector only; the file fallback is for the default setup.
  if (options.url !== undefined || options.env.SPYGLASS_URL) return http;
  return new FallbackSource(http, defaultDbPath(options.env));
}
