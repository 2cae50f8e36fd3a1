// Regression fixtures: a recorded run saved as a Spyglass trace file (the collector's own export,
// GET /api/traces/:id/export), pretty-printed so it reviews well in version control. A test then
// replays the agent from it offline: new Spyglass({ replay: { file } }).
import { nodeFs, parentDir } from './nodeFs.ts';

export interface ExportFixtureOptions {
  traceId: string;
  /** Where to write the file (Node only). Without it, the file's content is only returned. */
  path?: string;
  /** Collector base URL. Default: SPYGLASS_URL, else http://127.0.0.1:4318 */
  url?: string;
  fetch?: unknown;
  headers?: Record<string, string>;
}

type Fetch = (
  url: string,
  init?: { headers?: Record<string, string> },
) => Promise<{ status: number; text(): Promise<string> }>;

/** Fetches a trace as a Spyglass trace file and writes it to `path`; resolves to the file's JSON. Throws when it cannot. */
export async function exportFixture(options: ExportFixtureOptions): Promise<unknown> {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const url = (options.url ?? env?.SPYGLASS_URL ?? 'http://127.0.0.1:4318').replace(/\/+$/, '');
  const fetchFn = (options.fetch ?? (globalThis as { fetch?: unknown }).fetch) as Fetch | undefined;
  if (typeof fetchFn !== 'function') throw new Error('exportFixture needs fetch');
  const response = await fetchFn(
    `${url}/api/traces/${encodeURIComponent(options.traceId)}/export?format=spyglass`,
    { headers: options.headers },
  );
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(
      `Cannot export trace ${options.traceId} from ${url}: HTTP ${response.status} ${text.slice(0, 200)}`,
    );
  const file: unknown = JSON.parse(text);
  if (options.path) {
    const fs = nodeFs();
    if (!fs) throw new Error('Writing a fixture file needs node:fs');
    const dir = parentDir(options.path);
    if (dir) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(options.path, `${JSON.stringify(file, null, 2)}\n`);
  }
  return file;
}
