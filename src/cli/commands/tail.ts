// `spyglass tail`: runs and failures printed live as the collector commits them, like tail -f.
// Follows the collector's WebSocket live feed (the one the UI uses); a failure inside a run is
// printed when it arrives, with its error, not only when the run ends.
import WebSocket from 'ws';
import type { ServerMessage } from '../../shared/feed.ts';
import type { TraceSummary } from '../../shared/types.ts';
import { errorLine, formatCost, formatCount, formatDuration } from '../../shared/digest/index.ts';
import { formatFlags, parseFlags, UsageError } from '../args.ts';
import { collectorUrlFrom, HttpSource } from '../source/index.ts';
import { paint } from './paint.ts';
import { colourEnabled } from './sourceFlags.ts';
import type { Command, CommandIo } from './types.ts';

const FLAGS = {
  url: { value: true, description: 'collector to follow (default SPYGLASS_URL, else http://127.0.0.1:4318)' },
  json: { value: false, description: 'one JSON object a line: {event: start|failure|end, trace, span?}' },
  help: { value: false, description: 'show this help' },
};

/** A probe sent after subscribing: its answer proves the subscription is in place. */
const READY_PROBE_ID = 0;

type TailEvent =
  | { event: 'start' | 'end'; trace: TraceSummary }
  | {
      event: 'failure';
      trace: TraceSummary;
      span: { spanId: string; name: string; type: string; error: string | null };
    };

function clock(ms: number | null): string {
  return new Date(ms ?? Date.now()).toISOString().slice(11, 19);
}

function textOf(e: TailEvent): string {
  const t = e.trace;
  if (e.event === 'start') return `${clock(t.startTime)} ▶ ${t.name} started · ${t.traceId}`;
  if (e.event === 'failure')
    return `${clock(t.updatedAt)}   ✗ ${t.name} › ${e.span.name} [${e.span.type}] ${e.span.error ?? 'failed'} · #${e.span.spanId}`;
  const parts = [
    `${clock(t.endTime)} ${t.status === 'error' ? '✗' : '✓'} ${t.name} ${t.status} in ${formatDuration(t.durationMs)}`,
  ];
  parts.push(`${formatCount(t.spanCount)} spans`);
  if (t.errorCount) parts.push(`${formatCount(t.errorCount)} failed`);
  if (t.totalTokens) parts.push(`${formatCount(t.totalTokens)} tok`);
  const cost = formatCost(t.costUsd);
  if (cost) parts.push(cost);
  return `${parts.join(' · ')} · ${t.traceId}`;
}

/** Turns feed summaries into start/failure/end events, fetching new failed spans as they appear. */
class TailState {
  private readonly seen = new Map<string, TraceSummary>();
  private readonly reportedFailures = new Set<string>();
  private readonly http: HttpSource;
  constructor(http: HttpSource) {
    this.http = http;
  }

  async onSummary(t: TraceSummary): Promise<TailEvent[]> {
    const before = this.seen.get(t.traceId);
    this.seen.set(t.traceId, t);
    const events: TailEvent[] = [];
    if (!before) events.push({ event: 'start', trace: t });
    if (t.errorCount > (before?.errorCount ?? 0)) events.push(...(await this.newFailures(t)));
    // Late spans of a finished run update its summary again; the end is printed once.
    const ended = t.status !== 'running' && (before?.status ?? 'running') === 'running';
    if (ended) events.push({ event: 'end', trace: t });
    return events;
  }

  private async newFailures(t: TraceSummary): Promise<TailEvent[]> {
    const answer = await this.http.getTrace(t.traceId).catch(() => null);
    if (!answer) return [];
    const events: TailEvent[] = [];
    for (const span of answer.spans) {
      if (span.status !== 'error' || this.reportedFailures.has(span.spanId)) continue;
      this.reportedFailures.add(span.spanId);
      const error = errorLine(span)?.replace(/^error: /, '') ?? null;
      events.push({
        event: 'failure',
        trace: t,
        span: { spanId: span.spanId, name: span.name, type: span.type, error },
      });
    }
    return events;
  }
}

function follow(io: CommandIo, url: string, json: boolean): Promise<number> {
  const colour = colourEnabled(io.env);
  const state = new TailState(new HttpSource(url));
  const wsUrl = `${url.replace(/^http/, 'ws')}/api/ws`;
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl);
    let stopped = false;
    // Summaries are handled one at a time so events print in the order they were committed.
    let queue = Promise.resolve();
    const print = (e: TailEvent) => {
      if (json) return io.out(JSON.stringify(e));
      const tone =
        e.event === 'failure' || (e.event === 'end' && e.trace.status === 'error')
          ? 'error'
          : e.event === 'start'
            ? 'muted'
            : 'normal';
      io.out(paint(textOf(e), tone, colour));
    };
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'subscribe-traces' }));
      ws.send(JSON.stringify({ type: 'ingest', id: READY_PROBE_ID, batch: { protocol: 1, events: [] } }));
    });
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if ((message.type === 'ack' || message.type === 'error') && message.id === READY_PROBE_ID) {
        io.err(`spyglass tail: following ${url} (Ctrl-C to stop)`);
        return;
      }
      if (message.type !== 'traces') return;
      for (const trace of [...message.traces].reverse()) {
        queue = queue.then(async () => {
          for (const e of await state.onSummary(trace)) print(e);
        });
      }
    });
    ws.on('error', (error) => {
      if (stopped) return;
      io.err(
        `spyglass tail: no Spyglass collector answered at ${url} (${(error as Error).message}). Start one with \`spyglass serve\`, or point --url at it.`,
      );
    });
    ws.on('close', () => {
      if (stopped) return;
      stopped = true;
      void queue.then(() => resolve(1));
      io.err('spyglass tail: the collector closed the connection');
    });
    void io.untilStopped().then(() => {
      stopped = true;
      ws.close();
      void queue.then(() => resolve(0));
    });
  });
}

export const tailCommand: Command = {
  name: 'tail',
  summary: 'print runs and failures live as they arrive (like tail -f)',
  usage: `spyglass tail [--json] [--url URL]\n\n${formatFlags(FLAGS)}`,
  async run(argv, io) {
    const { flags, positionals } = parseFlags(argv, FLAGS);
    if (flags.help) {
      io.out(this.usage);
      return 0;
    }
    if (positionals.length) throw new UsageError(`tail takes no arguments (got "${positionals.join(' ')}")`);
    return follow(
      io,
      collectorUrlFrom(typeof flags.url === 'string' ? flags.url : undefined, io.env),
      flags.json === true,
    );
  },
};
