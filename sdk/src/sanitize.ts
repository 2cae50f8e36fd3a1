// Turns anything an agent passes into a JSON-safe snapshot, without ever throwing: cycles,
// BigInt, Errors, binary data, functions, symbols, getters that throw and Proxies are all
// described instead of failing. Huge strings are cut with a visible marker, secrets are masked,
// and the approximate size is counted so the send buffer can be bounded in bytes.
import type { Masker } from './mask.ts';
import { MASK } from './mask.ts';

export interface SanitizeLimits {
  maxStringLength: number;
  maxDepth: number;
  maxItems: number;
}

export interface Sanitized {
  value: unknown;
  approxBytes: number;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // The marker counts what was cut in UTF-16 units as bytes: close enough to tell 2 kB from 2 MB.
  return `${text.slice(0, max)}…[truncated ${formatBytes(text.length - max)}]`;
}

function binarySummary(value: unknown): string | null {
  if (typeof ArrayBuffer === 'undefined') return null;
  if (value instanceof ArrayBuffer) return `[ArrayBuffer ${formatBytes(value.byteLength)}]`;
  if (ArrayBuffer.isView(value)) {
    const name = (value.constructor as { name?: string } | undefined)?.name ?? 'TypedArray';
    return `[${name} ${formatBytes(value.byteLength)}]`;
  }
  const blob = (globalThis as { Blob?: new () => { size: number } }).Blob;
  if (blob && value instanceof blob) return `[Blob ${formatBytes((value as { size: number }).size)}]`;
  return null;
}

export function describeError(error: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: error.message };
  if (typeof error.stack === 'string') out.stack = error.stack;
  return out;
}

export function sanitize(input: unknown, limits: SanitizeLimits, masker: Masker | null): Sanitized {
  let bytes = 0;
  const ancestors: object[] = [];

  function str(text: string): string {
    const cut = truncate(text, limits.maxStringLength);
    const masked = masker ? masker.maskString(cut) : cut;
    bytes += masked.length + 2;
    return masked;
  }

  function walk(value: unknown, depth: number): unknown {
    switch (typeof value) {
      case 'string':
        return str(value);
      case 'number':
        bytes += 8;
        return Number.isFinite(value) ? value : String(value);
      case 'boolean':
        bytes += 5;
        return value;
      case 'bigint':
        return str(value.toString());
      case 'symbol':
        return str(value.toString());
      case 'function':
        return str(`[Function ${value.name || 'anonymous'}]`);
      case 'undefined':
        return undefined;
    }
    if (value === null) {
      bytes += 4;
      return null;
    }
    const obj = value as object;
    if (ancestors.includes(obj)) return str('[Circular]');
    const binary = binarySummary(obj);
    if (binary) return str(binary);
    if (obj instanceof Date) return str(Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString());
    if (obj instanceof RegExp) return str(String(obj));
    if (typeof (obj as { then?: unknown }).then === 'function') return str('[Promise]');
    if (depth >= limits.maxDepth) return str(Array.isArray(obj) ? `[Array(${obj.length})]` : '[Object]');
    ancestors.push(obj);
    try {
      return walkObject(obj, depth);
    } finally {
      ancestors.pop();
    }
  }

  function walkList(items: Iterable<unknown>, depth: number): unknown[] {
    const out: unknown[] = [];
    let count = 0;
    for (const item of items) {
      if (count === limits.maxItems) {
        out.push(str('…[more items]'));
        break;
      }
      const v = walk(item, depth + 1);
      out.push(v === undefined ? null : v);
      count++;
    }
    return out;
  }

  function walkObject(obj: object, depth: number): unknown {
    if (Array.isArray(obj)) {
      const out = walkList(obj.length > limits.maxItems ? obj.slice(0, limits.maxItems) : obj, depth);
      if (obj.length > limits.maxItems) out.push(str(`…[${obj.length - limits.maxItems} more items]`));
      return out;
    }
    if (obj instanceof Map) return walkList(obj.entries(), depth);
    if (obj instanceof Set) return walkList(obj.values(), depth);
    if (obj instanceof WeakMap || obj instanceof WeakSet) return str(`[${obj.constructor.name}]`);
    if (obj instanceof Error) {
      const out = walkRecord(obj, depth, describeError(obj));
      if ('cause' in obj && obj.cause !== undefined) out.cause = walk(obj.cause, depth + 1);
      return out;
    }
    const toJSON = (obj as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      const json = toJSON.call(obj);
      if (json !== obj) return walk(json, depth + 1);
    }
    return walkRecord(obj, depth, {});
  }

  function walkRecord(obj: object, depth: number, out: Record<string, unknown>): Record<string, unknown> {
    let count = 0;
    for (const key of Object.keys(obj)) {
      if (count === limits.maxItems) {
        out['…'] = str('[more keys]');
        break;
      }
      bytes += key.length + 4;
      if (masker?.isSecretKey(key)) {
        const raw = (obj as Record<string, unknown>)[key];
        // Empty and absent values are kept so a missing key stays distinguishable from a set one.
        out[key] = raw === undefined || raw === null || raw === '' ? raw : MASK;
      } else {
        let v: unknown;
        try {
          v = walk((obj as Record<string, unknown>)[key], depth + 1);
        } catch (error) {
          v = str(`[Unreadable: ${error instanceof Error ? error.message : String(error)}]`);
        }
        if (v !== undefined) out[key] = v;
      }
      count++;
    }
    return out;
  }

  try {
    return { value: walk(input, 0), approxBytes: bytes };
  } catch (error) {
    // A Proxy or exotic host object can throw from anywhere (even `typeof x.then`).
    const message = error instanceof Error ? error.message : 'unknown';
    return { value: `[Unserializable: ${message}]`, approxBytes: bytes + 40 };
  }
}
