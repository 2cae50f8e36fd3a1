// Constructor options, completed from the environment (SPYGLASS_URL, SPYGLASS_ENABLED) and
// defaults. The vendors' constructor shapes are accepted too: an options object, or an API key
// string first (Spyglass is local and needs no key, so the string is ignored).
import type { MaskOptions } from './mask.ts';
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
  /** Secret masking in captured payloads; false turns it off. */
  mask?: MaskOptions | false;
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
  headers?: Record<string, string>;
  /** A fetch implementation, for runtimes without a global one. */
  fetch?: unknown;
  /** Called instead of console.warn for the SDK's once-only warnings. */
  onWarning?: (message: string) => void;
}

export interface ResolvedConfig {
  url: string;
  enabled: boolean;
  mask: MaskOptions | false | undefined;
  captureInput: boolean;
  captureOutput: boolean;
  limits: SanitizeLimits;
  flushIntervalMs: number;
  maxBatchEvents: number;
  maxBatchBytes: number;
  maxBufferEvents: number;
  maxBufferBytes: number;
  requestTimeoutMs: number;
  headers: Record<string, string>;
  fetch: unknown;
  onWarning: ((message: string) => void) | undefined;
}

function env(name: string): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
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
  const raw = (typeof first === 'object' && first !== null ? first : typeof second === 'object' && second !== null ? second : {}) as SpyglassOptions;
  const url = typeof raw.url === 'string' && raw.url ? raw.url : typeof raw.baseUrl === 'string' && raw.baseUrl ? raw.baseUrl : (env('SPYGLASS_URL') ?? DEFAULT_URL);
  return {
    url: url.replace(/\/+$/, ''),
    enabled: typeof raw.enabled === 'boolean' ? raw.enabled : (envFlag('SPYGLASS_ENABLED') ?? true),
    mask: raw.mask,
    captureInput: raw.captureInput !== false,
    captureOutput: raw.captureOutput !== false,
    limits: { maxStringLength: positive(raw.maxStringLength, 100_000), maxDepth: 24, maxItems: 2000 },
    flushIntervalMs: positive(raw.flushIntervalMs, 100),
    maxBatchEvents: positive(raw.maxBatchEvents, 500),
    maxBatchBytes: 2_000_000,
    maxBufferEvents: positive(raw.maxBufferEvents, 20_000),
    maxBufferBytes: positive(raw.maxBufferBytes, 64_000_000),
    requestTimeoutMs: positive(raw.requestTimeoutMs, 10_000),
    headers: typeof raw.headers === 'object' && raw.headers !== null ? { ...raw.headers } : {},
    fetch: typeof raw.fetch === 'function' ? raw.fetch : (globalThis as { fetch?: unknown }).fetch,
    onWarning: typeof raw.onWarning === 'function' ? raw.onWarning : undefined,
  };
}
