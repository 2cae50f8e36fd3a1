// Constructor options, completed from the environment (SPYGLASS_URL, SPYGLASS_ENABLED) and
// defaults. The vendors' constructor shapes are accepted too: an options object, or an API key
// string first (Spyglass is local and needs no key, so the string is ignored).
import type { MaskFunction, MaskOptions } from './mask.ts';
import type { ResolvedReplay } from './replayController.ts';
import type { SanitizeLimits } from './sanitize.ts';

export const DEFAULT_URL = 'http://127.0.0.1:4318';

export interface SpyglassOptions {
  /** Collector base URL. Default: SPYGLASS_URL, else http://127.0.0.1:4318 */
  url?: string;
  /** Alias of `url`, for code written against hosted tracing SDKs. */
  baseUrl?: string;
  /** Accepted and ignored: Spyglass runs locally. */
  apiKey?: string;
  /** false: every call is a cheap no-op that still returns ids. Default: SPYGLASS_ENABLED, else true. */
  enabled?: boolean;
  /**
   * Secret masking of every string sent (payloads, names, tags, errors); false turns it off. A
   * function is your own rule, run after the built-in ones (`{ fn, defaults: false }` for only yours).
   */
  mask?: MaskOptions | MaskFunction | false;
  /** Capture inputs and outputs (default true); tokens, timing and errors are always kept. */
  captureInput?: boolean;
  captureOutput?: boolean;
  /** Longest string kept in a payload before it is cut with a `…[truncated N kB]` marker. */
  maxStringLength?: number;
  flushIntervalMs?: number;
  maxBatchEvents?: number;
  /** Bounds of the buffer that holds events while the collector is away. */
  maxBufferEvents?: number;
  maxBufferBytes?: number;
  requestTimeoutMs?: number;
  /**
   * flush() and shutdown() stop waiting when the collector has answered nothing for this long
   * (default 1000), or for 4× its slowest answer so far when that is longer (at most 15 s): a busy
   * collector is slow, not gone.
   */
  flushTimeoutMs?: number;
  /** Requests in flight at once (default 2). */
  parallelRequests?: number;
  headers?: Record<string, string>;
  /** A fetch implementation, for runtimes without a global one. */
  fetch?: unknown;
  /** Called instead of console.warn for the SDK's once-only warnings. */
  onWarning?: (message: string) => void;
  /**
   * Replay a recorded run instead of calling the model and tools (see the README's "Replay").
   * A trace id or a file path, or `{ traceId | file | fork, url?, match?, record? }`.
   * Default: SPYGLASS_FORK, else SPYGLASS_REPLAY; `false` turns replay off whatever the environment says.
   */
  replay?: ReplayOptions | string | false;
}

export interface ReplayOptions {
  /** A trace stored in the collector. */
  traceId?: string;
  /** A Spyglass trace file (Node only); with several traces in it, `traceId` picks one. */
  file?: string;
  /** A fork made in the app (POST /api/forks): steps before the forked span are served, its output is the edit, later calls run live. */
  fork?: string;
  /** Collector to load the trace or fork from. Default: the client's `url`. */
  url?: string;
  /** 'strict' (default): a call must match the recorded step's type, name and input; 'name': type and name only. */
  match?: 'strict' | 'name';
  /** Record the replayed run as a new trace linked to its origin. Default true (SPYGLASS_REPLAY_RECORD). */
  record?: boolean;
}

export interface ResolvedConfig {
  url: string;
  enabled: boolean;
  mask: MaskOptions | MaskFunction | false | undefined;
  captureInput: boolean;
  captureOutput: boolean;
  limits: SanitizeLimits;
  flushIntervalMs: number;
  maxBatchEvents: number;
  maxBatchBytes: number;
  maxBufferEvents: number;
  maxBufferBytes: number;
  requestTimeoutMs: number;
  flushTimeoutMs: number;
  parallelRequests: number;
  headers: Record<string, string>;
  fetch: unknown;
  /** true when `fetch` came from the options: then it carries every request. */
  fetchGiven: boolean;
  onWarning: ((message: string) => void) | undefined;
  replay: ResolvedReplay | null;
}

function env(name: string): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[
    name
  ];
  return value === undefined || value === '' ? undefined : value;
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function envFlag(name: string): boolean | undefined {
  const value = env(name)?.toLowerCase();
  if (value === undefined) return undefined;
  return !['0', 'false', 'no', 'off'].includes(value);
}

export function resolveConfig(first?: unknown, second?: unknown): ResolvedConfig {
  const raw = (
    typeof first === 'object' && first !== null
      ? first
      : typeof second === 'object' && second !== null
        ? second
        : {}
  ) as SpyglassOptions;
  const url =
    typeof raw.url === 'string' && raw.url
      ? raw.url
      : typeof raw.baseUrl === 'string' && raw.baseUrl
        ? raw.baseUrl
        : (env('SPYGLASS_URL') ?? DEFAULT_URL);
  return {
    url: url.replace(/\/+$/, ''),
    enabled: typeof raw.enabled === 'boolean' ? raw.enabled : (envFlag('SPYGLASS_ENABLED') ?? true),
    mask: raw.mask,
    captureInput: raw.captureInput !== false,
    captureOutput: raw.captureOutput !== false,
    limits: { maxStringLength: positive(raw.maxStringLength, 100_000), maxDepth: 24, maxItems: 2000 },
    flushIntervalMs: positive(raw.flushIntervalMs, 100),
    maxBatchEvents: positive(raw.maxBatchEvents, 2000),
    maxBatchBytes: 2_000_000,
    maxBufferEvents: positive(raw.maxBufferEvents, 1_000_000),
    maxBufferBytes: positive(raw.maxBufferBytes, 64_000_000),
    requestTimeoutMs: positive(raw.requestTimeoutMs, 10_000),
    flushTimeoutMs: positive(raw.flushTimeoutMs, 1000),
    parallelRequests: Math.max(1, Math.floor(positive(raw.parallelRequests, 2))),
    headers: typeof raw.headers === 'object' && raw.headers !== null ? { ...raw.headers } : {},
    fetch: typeof raw.fetch === 'function' ? raw.fetch : (globalThis as { fetch?: unknown }).fetch,
    fetchGiven: typeof raw.fetch === 'function',
    onWarning: typeof raw.onWarning === 'function' ? raw.onWarning : undefined,
    replay: resolveReplay(raw.replay, url.replace(/\/+$/, '')),
  };
}

const TRACE_ID = /^[0-9a-f]{32}$/i;

/** A string is a trace id when it is 32 hex digits, else a file path. */
function sourceOf(value: string): ResolvedReplay['source'] {
  return TRACE_ID.test(value)
    ? { kind: 'trace', traceId: value.toLowerCase() }
    : { kind: 'file', path: value };
}

export function resolveReplay(option: unknown, clientUrl: string): ResolvedReplay | null {
  if (option === false) return null;
  const envMatch = env('SPYGLASS_REPLAY_MATCH');
  const base = {
    url: clientUrl,
    match: envMatch === 'name' ? 'name' : 'strict',
    record: envFlag('SPYGLASS_REPLAY_RECORD') ?? true,
  } as const;
  if (typeof option === 'string' && option) return { ...base, source: sourceOf(option) };
  if (typeof option === 'object' && option !== null) {
    const o = option as ReplayOptions;
    const url = typeof o.url === 'string' && o.url ? o.url.replace(/\/+$/, '') : clientUrl;
    const match = o.match === 'name' || o.match === 'strict' ? o.match : base.match;
    const record = typeof o.record === 'boolean' ? o.record : base.record;
    const given = [o.traceId, o.file, o.fork].filter((v) => typeof v === 'string' && v !== '').length;
    let source: ResolvedReplay['source'] = null;
    let problem: string | undefined;
    if (given !== 1 && !(given === 2 && o.file && o.traceId))
      problem = 'replay needs exactly one of { traceId, file, fork } (a file may also name a traceId)';
    else if (typeof o.fork === 'string' && o.fork) source = { kind: 'fork', forkId: o.fork };
    else if (typeof o.file === 'string' && o.file)
      source = { kind: 'file', path: o.file, ...(o.traceId ? { traceId: o.traceId.toLowerCase() } : {}) };
    else if (typeof o.traceId === 'string' && TRACE_ID.test(o.traceId))
      source = { kind: 'trace', traceId: o.traceId.toLowerCase() };
    else problem = `replay.traceId must be 32 hex digits (got ${JSON.stringify(o.traceId)})`;
    return { url, match, record, source, ...(problem ? { problem } : {}) };
  }
  const fork = env('SPYGLASS_FORK');
  if (fork) return { ...base, source: { kind: 'fork', forkId: fork } };
  const replay = env('SPYGLASS_REPLAY');
  if (replay) return { ...base, source: sourceOf(replay) };
  return null;
}
