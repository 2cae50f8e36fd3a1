// The MCP tools: each answers compact text from src/shared/digest, within a size budget, never a
// raw dump. Tool errors (unknown ids, no collector and no database) come back as tool results
// with isError, so the calling model reads what went wrong and how to go on.
import { MAX_ATTR_FILTERS } from '../../shared/attrFilter.ts';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import {
  DEFAULT_BUDGET_CHARS,
  MAX_BUDGET_CHARS,
  MAX_PAGE_CHARS,
  MIN_BUDGET_CHARS,
  MIN_PAGE_CHARS,
  PAGE_CHARS,
} from '../../shared/digest/index.ts';
import {
  compareDigest,
  failuresDigest,
  listDigest,
  searchDigest,
  spanDigest,
  treeDigest,
} from '../queries/index.ts';
import { NoSourceError, NotFoundError, type TraceSource } from '../source/index.ts';
import { parseTime, TimeFormatError } from '../queries/time.ts';

const budget = z
  .number()
  .int()
  .min(MIN_BUDGET_CHARS)
  .max(MAX_BUDGET_CHARS)
  .optional()
  .describe(
    `most characters the answer may take (default ${DEFAULT_BUDGET_CHARS}); larger answers are summarised`,
  );
const traceId = z.string().min(1).describe('a trace id (32 hex digits), as spyglass_traces lists them');
const time = z
  .string()
  .optional()
  .describe('an ISO date-time (2026-01-31T12:00:00Z) or a duration back from now (30m, 2h, 1d)');

export function text(body: string, isError = false): CallToolResult {
  return { content: [{ type: 'text', text: body }], ...(isError ? { isError: true } : {}) };
}

/** Runs a tool body; known failures become readable tool errors, anything else is rethrown. */
async function answer(body: () => Promise<string>): Promise<CallToolResult> {
  try {
    return text(await body());
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof NoSourceError || error instanceof TimeFormatError)
      return text(error.message, true);
    return text(`spyglass: ${(error as Error).message}`, true);
  }
}

export function registerTools(server: McpServer, source: TraceSource): void {
  server.registerTool(
    'spyglass_traces',
    {
      title: 'List agent runs',
      description:
        'Recorded agent runs (traces), newest first, one line each: id, name, status, start, duration, spans, failures, tokens, cost, models, tags, session. Filter by name, status, model, tag, session, span attributes, time and text.',
      inputSchema: {
        name: z.string().optional().describe('part of the run name'),
        status: z.enum(['running', 'success', 'error']).optional(),
        model: z.string().optional().describe('a model the run called, exactly'),
        tag: z.string().optional().describe('a tag, exactly'),
        session: z.string().optional().describe('a session id, exactly'),
        attr: z
          .array(z.string())
          .max(MAX_ATTR_FILTERS)
          .optional()
          .describe(
            'span attribute filters, each met by some span of the run: "key" (has it), "key=value", "key!=value", "key>n", "key>=n", "key<n", "key<=n"',
          ),
        since: time,
        until: time,
        text: z.string().optional().describe('words that must occur in names, inputs, outputs or errors'),
        limit: z.number().int().min(1).max(200).optional().describe('most runs listed (default 20)'),
        budgetChars: budget,
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      answer(() =>
        listDigest(
          source,
          {
            limit: args.limit ?? 20,
            name: args.name,
            status: args.status,
            model: args.model,
            tag: args.tag,
            session: args.session,
            ...(args.attr && args.attr.length > 0 ? { attr: args.attr } : {}),
            since: args.since === undefined ? undefined : parseTime(args.since),
            until: args.until === undefined ? undefined : parseTime(args.until),
            q: args.text,
          },
          args.budgetChars,
        ),
      ),
  );

  server.registerTool(
    'spyglass_trace',
    {
      title: 'A run as a tree',
      description:
        'One run as an indented tree: each span with type, duration, status, model, tokens, cost, short input/output previews and its #id (for spyglass_span). Large runs are summarised to fit the budget: repeated siblings folded with counts, failures and the critical path kept whole.',
      inputSchema: { traceId, budgetChars: budget },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) => answer(async () => (await treeDigest(source, args.traceId, args.budgetChars)).text),
  );

  server.registerTool(
    'spyglass_span',
    {
      title: 'One span whole',
      description:
        'One span whole: timing, tokens, error and stack, then input (chat messages as [role] lines, tool calls), output, attributes and events. Long payloads come a page at a time: pass the offset the footer names.',
      inputSchema: {
        traceId,
        spanId: z.string().min(1).describe('the span id, as #id in spyglass_trace (with or without #)'),
        offset: z
          .number()
          .int()
          .min(0)
          .optional()
          .describe('character offset of the page (from the previous footer)'),
        pageChars: z
          .number()
          .int()
          .min(MIN_PAGE_CHARS)
          .max(MAX_PAGE_CHARS)
          .optional()
          .describe(`page size (default ${PAGE_CHARS})`),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      answer(() =>
        spanDigest(source, args.traceId, args.spanId, { offset: args.offset, pageChars: args.pageChars }),
      ),
  );

  server.registerTool(
    'spyglass_search',
    {
      title: 'Search runs',
      description:
        'Full-text search over span names, inputs, outputs and errors of every run; answers the matching runs, newest first, with the matching spans and a snippet around each match («word»).',
      inputSchema: {
        text: z.string().min(1).describe('words to find (all must occur)'),
        budgetChars: budget,
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) => answer(() => searchDigest(source, args.text, args.budgetChars)),
  );

  server.registerTool(
    'spyglass_failures',
    {
      title: 'Why runs failed',
      description:
        'The failed steps of a run (or, without traceId, of the most recent failed runs): each with its error and stack, the path of steps that led to it, the steps that ran just before, and the model input at the step before.',
      inputSchema: {
        traceId: traceId.optional(),
        recent: z
          .number()
          .int()
          .min(1)
          .max(10)
          .optional()
          .describe('without traceId: how many recent failed runs (default 3)'),
        budgetChars: budget,
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      answer(() =>
        failuresDigest(source, args.traceId, { recent: args.recent, budgetChars: args.budgetChars }),
      ),
  );

  server.registerTool(
    'spyglass_compare',
    {
      title: 'Compare two runs',
      description:
        'Two runs aligned step by step (B against A): totals in words, then each differing step, first divergence first: changed models, status, errors, prompt/output word differences, tokens, and steps only in one run.',
      inputSchema: {
        traceIdA: traceId.describe('the baseline run'),
        traceIdB: traceId.describe('the run compared with it'),
        budgetChars: budget,
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) => answer(() => compareDigest(source, args.traceIdA, args.traceIdB, args.budgetChars)),
  );
}
