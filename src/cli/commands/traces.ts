// `spyglass traces`: the trace list as a table that fits the terminal, or JSON for scripts.
import { AttrFilterError, parseAttrFilter } from '../../shared/attrFilter.ts';
import type { TraceSummary } from '../../shared/types.ts';
import { formatCost, formatCount, formatDuration, formatTime } from '../../shared/digest/index.ts';
import { UsageError, formatFlags, parseFlags } from '../args.ts';
import { parseTime } from '../queries/time.ts';
import { describeFilters } from '../queries/index.ts';
import { NoSourceError, type ListQuery } from '../source/index.ts';
import { SOURCE_FLAGS, sourceFrom, terminalWidth, colourEnabled } from './sourceFlags.ts';
import { paint } from './paint.ts';
import type { Command } from './types.ts';

const FLAGS = {
  name: { value: true, description: 'runs whose name contains this' },
  status: { value: true, description: 'running, success or error' },
  model: { value: true, description: 'runs that called this model' },
  tag: { value: true, description: 'runs with this tag' },
  session: { value: true, description: 'runs of this session id' },
  attr: {
    value: true,
    description: 'runs with a span attribute: key (has it), key=value, key!=value, key>n, key<=n...',
  },
  since: { value: true, description: 'started at or after: ISO time, or 30m / 2h / 1d ago' },
  until: { value: true, description: 'started at or before (same forms)' },
  q: { value: true, description: 'words in names, inputs, outputs or errors' },
  limit: { value: true, description: 'most runs listed (default 20, at most 500)' },
  json: { value: false, description: 'print the API answer as JSON' },
  ...SOURCE_FLAGS,
  help: { value: false, description: 'show this help' },
};

interface Column {
  title: string;
  /** Lower drops first when the terminal is narrow. */
  priority: number;
  align: 'left' | 'right';
  cell(t: TraceSummary): string;
}

const COLUMNS: Column[] = [
  { title: 'TRACE', priority: 9, align: 'left', cell: (t) => t.traceId },
  { title: 'STATUS', priority: 8, align: 'left', cell: (t) => t.status },
  { title: 'NAME', priority: 10, align: 'left', cell: (t) => t.name },
  {
    title: 'STARTED',
    priority: 5,
    align: 'left',
    cell: (t) => formatTime(t.startTime).replace('T', ' ').replace('Z', ''),
  },
  { title: 'DURATION', priority: 7, align: 'right', cell: (t) => formatDuration(t.durationMs) },
  { title: 'SPANS', priority: 4, align: 'right', cell: (t) => formatCount(t.spanCount) },
  {
    title: 'FAILED',
    priority: 6,
    align: 'right',
    cell: (t) => (t.errorCount ? formatCount(t.errorCount) : ''),
  },
  {
    title: 'TOKENS',
    priority: 3,
    align: 'right',
    cell: (t) => (t.totalTokens ? formatCount(t.totalTokens) : ''),
  },
  { title: 'COST', priority: 2, align: 'right', cell: (t) => formatCost(t.costUsd) ?? '' },
  { title: 'MODELS', priority: 1, align: 'left', cell: (t) => t.models.join(',') },
];

const MIN_NAME = 12;
const READABLE_NAME = 24;

/** Rows of text no wider than `width`: low-priority columns drop, the name column shrinks. */
export function traceTable(traces: readonly TraceSummary[], width: number): string[] {
  const cells = traces.map((t) => COLUMNS.map((c) => c.cell(t)));
  const widths = COLUMNS.map((c, i) => Math.max(c.title.length, ...cells.map((row) => row[i]!.length)));
  const shown = COLUMNS.map((_, i) => i).filter(
    (i) => widths[i]! > 0 && (COLUMNS[i]!.title !== 'MODELS' || cells.some((r) => r[i])),
  );
  const nameAt = COLUMNS.findIndex((c) => c.title === 'NAME');
  const total = () => shown.reduce((n, i) => n + widths[i]!, 0) + 2 * (shown.length - 1);
  // Narrowing, in order: the name down to a readable width, then the least useful columns,
  // then the name down to its minimum.
  const shrinkName = (floor: number) => {
    const over = total() - width;
    if (over > 0) widths[nameAt] = Math.max(Math.min(floor, widths[nameAt]!), widths[nameAt]! - over);
  };
  shrinkName(READABLE_NAME);
  while (total() > width) {
    const drop = shown
      .filter((i) => COLUMNS[i]!.priority < 8)
      .sort((a, b) => COLUMNS[a]!.priority - COLUMNS[b]!.priority)[0];
    if (drop === undefined) break;
    shown.splice(shown.indexOf(drop), 1);
  }
  shrinkName(MIN_NAME);
  const fit = (text: string, i: number) => {
    const w = widths[i]!;
    const cut = text.length > w ? `${text.slice(0, w - 1)}…` : text;
    return COLUMNS[i]!.align === 'right' ? cut.padStart(w) : cut.padEnd(w);
  };
  const line = (row: readonly string[]) =>
    shown
      .map((i) => fit(row[i]!, i))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS.map((c) => c.title)), ...cells.map(line)];
}

export function listQueryFrom(flags: Record<string, string | true>): ListQuery {
  const text = (key: string) => (typeof flags[key] === 'string' ? (flags[key] as string) : undefined);
  const status = text('status');
  if (status !== undefined && !['running', 'success', 'error'].includes(status))
    throw new UsageError(`--status must be running, success or error (got "${status}")`);
  const limit = text('limit') === undefined ? 20 : Number(text('limit'));
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new UsageError('--limit must be from 1 to 500');
  const time = (key: string) => {
    const value = text(key);
    if (value === undefined) return undefined;
    try {
      return parseTime(value);
    } catch (error) {
      throw new UsageError(`--${key}: ${(error as Error).message}`);
    }
  };
  const attr = text('attr');
  if (attr !== undefined) {
    try {
      parseAttrFilter(attr);
    } catch (error) {
      if (error instanceof AttrFilterError) throw new UsageError(`--attr ${error.message}`);
      throw error;
    }
  }
  return {
    limit,
    ...(attr === undefined ? {} : { attr: [attr] }),
    name: text('name'),
    status: status as ListQuery['status'],
    model: text('model'),
    tag: text('tag'),
    session: text('session'),
    since: time('since'),
    until: time('until'),
    q: text('q'),
  };
}

export const tracesCommand: Command = {
  name: 'traces',
  summary: 'list recorded runs as a table (--json for scripts)',
  usage: `spyglass traces [FILTERS] [--json]\n\n${formatFlags(FLAGS)}`,
  async run(argv, io) {
    const { flags, positionals } = parseFlags(argv, FLAGS);
    if (flags.help) {
      io.out(this.usage);
      return 0;
    }
    if (positionals.length)
      throw new UsageError(`traces takes no arguments (got "${positionals.join(' ')}"); search with --q`);
    const query = listQueryFrom(flags);
    const source = sourceFrom(flags, io);
    try {
      const answer = await source.listTraces(query);
      if (flags.json) {
        io.out(JSON.stringify(answer, null, 2));
        return 0;
      }
      if (answer.traces.length === 0) {
        const filters = describeFilters(query);
        io.err(`No traces${filters ? ` match ${filters}` : ''} in the ${source.describe()}.`);
        return 0;
      }
      const colour = colourEnabled(io.env);
      const [head, ...rows] = traceTable(answer.traces, terminalWidth(io.env));
      io.out(paint(head!, 'header', colour));
      for (const [i, row] of rows.entries())
        io.out(paint(row, answer.traces[i]!.status === 'error' ? 'error' : 'normal', colour));
      if (answer.nextCursor) io.err(`(more runs match; raise --limit or narrow the filters)`);
      return 0;
    } catch (error) {
      if (!(error instanceof NoSourceError)) throw error;
      io.err(`spyglass traces: ${error.message}`);
      return 1;
    } finally {
      source.close();
    }
  },
};
