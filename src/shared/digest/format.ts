// Short, stable renderings of numbers and text for digests: the same input gives the same text
// (golden tests depend on it), and nothing here depends on the locale or the clock.

export function formatDuration(ms: number | null): string {
  if (ms === null) return '…';
  if (ms < 1) return `${ms.toFixed(2)}ms`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${Math.round((ms % 60_000) / 1000)}s`;
}

/** 1234 → "1,234", without the locale. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatCost(usd: number | null): string | null {
  if (usd === null || usd === 0) return null;
  if (usd < 0.0001) return '<$0.0001';
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

/** Epoch ms → ISO time to the second (UTC), or "—". */
export function formatTime(ms: number | null): string {
  if (ms === null) return '—';
  return new Date(Math.floor(ms)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Collapses whitespace so a payload fits on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `max` characters, with "…" marking a cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * A stored preview (often the start of a JSON payload, cut) as readable words: whole JSON is
 * shown as its content (chat messages as "role: text", objects as "key: value"); a cut one loses
 * its chat-message wrappers and the quotes around plain strings, so a model spends its tokens on
 * the content.
 */
export function readablePreview(text: string): string {
  try {
    return oneLine(readableValue(JSON.parse(text)));
  } catch {
    return oneLine(text)
      .replace(/^\{"messages":\[/, '')
      .replace(/\{"role":"(\w+)","content":/g, '$1: ')
      .replace(/\\"/g, '"')
      .replace(/"([^"]*)"/g, '$1');
  }
}

function readableValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(readableValue).join(' | ');
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    // An LLM call's input is often { messages, model, ... }: the messages are what matter.
    if (Array.isArray(record.messages)) return readableValue(record.messages);
    if (typeof record.role === 'string' && 'content' in record)
      return `${record.role}: ${readableValue(record.content ?? '')}`;
    return Object.entries(record)
      .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
      .join(', ');
  }
  return String(value);
}

/** A preview for a tree line: one line, readable, clipped, in quotes that show where it starts and ends. */
export function quote(text: string | null, max: number): string | null {
  if (text === null) return null;
  const line = readablePreview(text);
  return line === '' ? null : `“${clip(line, max)}”`;
}

/** Any payload as text: strings as they are, everything else as compact JSON. */
export function payloadAsText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 1) ?? String(value);
  } catch {
    return String(value);
  }
}
