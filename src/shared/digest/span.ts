// One span whole, for a model: its line, timing, error with stack, then input, output,
// attributes and events as readable text, paged so a 1 MB payload arrives a page at a time.
import type { SpanWithPayloads } from '../types.ts';
import { MAX_PAGE_CHARS, MIN_PAGE_CHARS, PAGE_CHARS, STACK_LINES } from './budget.ts';
import { formatCount, formatTime } from './format.ts';
import { readablePayload } from './payload.ts';
import { spanLine } from './tree.ts';

export interface SpanPageOptions {
  /** Character offset into the span's body (after the header), from a previous page's footer. */
  offset?: number;
  pageChars?: number;
}

export function spanHeader(span: SpanWithPayloads): string[] {
  const lines = [spanLine(span, false)];
  lines.push(
    `trace ${span.traceId} · parent ${span.parentSpanId ? `#${span.parentSpanId}` : 'none (root)'} · step ${span.stepOrder ?? '—'} · started ${formatTime(span.startTime)}`,
  );
  if (span.model || span.provider)
    lines.push(`model ${span.model ?? '—'} · provider ${span.provider ?? '—'}`);
  if (span.totalTokens !== null || span.promptTokens !== null) {
    lines.push(
      `tokens: ${formatCount(span.promptTokens ?? 0)} prompt + ${formatCount(span.completionTokens ?? 0)} completion = ${formatCount(span.totalTokens ?? 0)}`,
    );
  }
  if (span.error) {
    lines.push(`error: ${span.error.type ? `${span.error.type}: ` : ''}${span.error.message}`);
    if (span.error.stack) {
      const stack = span.error.stack.split('\n');
      lines.push(...stack.slice(0, STACK_LINES).map((l) => `  ${l.trim()}`));
      if (stack.length > STACK_LINES) lines.push(`  … ${stack.length - STACK_LINES} more stack lines`);
    }
  }
  return lines;
}

/** The span's payload sections as one text, the part that is paged. */
export function spanBody(span: SpanWithPayloads): string {
  const sections: string[] = [];
  const section = (title: string, text: string) => {
    if (text.trim() !== '') sections.push(`── ${title} ──\n${text}`);
  };
  section('input', readablePayload(span.input));
  section('output', readablePayload(span.output));
  const attributes = Object.entries(span.attributes ?? {});
  if (attributes.length)
    section(
      'attributes',
      attributes.map(([k, v]) => `${k} = ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('\n'),
    );
  if (span.events?.length) {
    section(
      'events',
      span.events
        .map(
          (e) =>
            `${formatTime(e.time)} ${e.name}${Object.keys(e.attributes).length ? ` ${JSON.stringify(e.attributes)}` : ''}`,
        )
        .join('\n'),
    );
  }
  return sections.join('\n');
}

export function digestSpan(span: SpanWithPayloads, options: SpanPageOptions = {}): string {
  const pageChars = Math.max(MIN_PAGE_CHARS, Math.min(options.pageChars ?? PAGE_CHARS, MAX_PAGE_CHARS));
  const body = spanBody(span);
  const offset = Math.max(0, Math.min(options.offset ?? 0, body.length));
  const end = Math.min(body.length, offset + pageChars);
  const lines = offset === 0 ? spanHeader(span) : [`span #${span.spanId} (continued)`];
  if (body.length === 0) lines.push('(no input, output, attributes or events recorded)');
  else lines.push(body.slice(offset, end));
  if (offset > 0 || end < body.length) {
    lines.push(
      `[chars ${formatCount(offset)}–${formatCount(end)} of ${formatCount(body.length)}${end < body.length ? `; next page: offset ${end}` : '; end'}]`,
    );
  }
  return lines.join('\n');
}
