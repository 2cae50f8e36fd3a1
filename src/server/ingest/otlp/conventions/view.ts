// What every convention module reads: one decoded span's attributes, events and status, with
// small typed getters so the modules stay declarative.
import { boundDepth } from '../../boundDepth.ts';
import { mayHavePrefix } from './keyIndex.ts';
import type { SpanEventPatch } from '../../model.ts';

export interface SpanView {
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  events: SpanEventPatch[];
  resource: Record<string, unknown>;
  statusCode: number;
  statusMessage: string;
  /** Span start, epoch microseconds: completion start times are read relative to it. */
  startUs?: number;
}

export function str(attrs: Record<string, unknown>, key: string): string | undefined {
  const value = attrs[key];
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Non-negative integer from a number or a decimal string (token counts arrive as both). */
export function int(attrs: Record<string, unknown>, key: string): number | undefined {
  const value = attrs[key];
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.trunc(n) : undefined;
}

export function float(attrs: Record<string, unknown>, key: string): number | undefined {
  const value = attrs[key];
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** JSON text → value; anything else (already structured, or not JSON) is returned unchanged. */
export function parseJsonish(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!(text.startsWith('{') || text.startsWith('[') || text.startsWith('"'))) return value;
  try {
    return boundDepth(JSON.parse(text));
  } catch {
    return value;
  }
}

/** Attribute value parsed as JSON when it is JSON text (the conventions allow both forms). */
export function json(attrs: Record<string, unknown>, key: string): unknown {
  const value = attrs[key];
  if (value === undefined || value === null || value === '') return undefined;
  return parseJsonish(value);
}

export function stringList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) {
    const list = value.filter((v): v is string => typeof v === 'string' && v !== '');
    return list.length > 0 ? list : undefined;
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = parseJsonish(value);
    if (Array.isArray(parsed)) return stringList(parsed);
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return undefined;
}

/** Keys under `prefix.` with the prefix removed (e.g. ai.telemetry.metadata.<key>). */
export function withPrefix(
  attrs: Record<string, unknown>,
  prefix: string,
): Record<string, unknown> | undefined {
  if (!mayHavePrefix(attrs, prefix.endsWith('.') ? prefix.slice(0, -1) : prefix)) return undefined;
  let out: Record<string, unknown> | undefined;
  for (const key in attrs) {
    if (key.length > prefix.length && key.startsWith(prefix)) {
      out ??= {};
      out[key.slice(prefix.length)] = attrs[key];
    }
  }
  return out;
}

/**
 * Milliseconds from the span's start to a completion start time given as an ISO string (also
 * JSON-quoted, as Langfuse serialises it) or epoch milliseconds; undefined when unusable.
 */
export function timeToFirstTokenMs(view: SpanView, value: unknown): number | undefined {
  if (view.startUs === undefined || value === undefined || value === null || value === '') return undefined;
  const parsed = parseJsonish(value);
  const ms =
    typeof parsed === 'number' ? parsed : typeof parsed === 'string' ? Date.parse(parsed) : Number.NaN;
  if (!Number.isFinite(ms)) return undefined;
  const delta = ms - view.startUs / 1000;
  return delta >= 0 ? delta : undefined;
}
