// `spyglass show TRACE`: one run as the compact tree (coloured on a terminal), or JSON.
import { formatFlags, parseFlags, UsageError } from '../args.ts';
import { digestTree } from '../../shared/digest/index.ts';
import { requireTrace, resolveTraceId } from '../queries/index.ts';
import { NoSourceError, NotFoundError } from '../source/index.ts';
import { paint } from './paint.ts';
import { parseBudget, SOURCE_FLAGS, sourceFrom, colourEnabled } from './sourceFlags.ts';
import type { Command } from './types.ts';

const FLAGS = {
  budget: {
    value: true,
    description: 'most characters of the tree (default 12000); larger runs are summarised',
  },
  json: { value: false, description: 'print the trace and its spans as JSON (the API answer)' },
  ...SOURCE_FLAGS,
  help: { value: false, description: 'show this help' },
};

export const showCommand: Command = {
  name: 'show',
  summary: 'one run as a tree: types, durations, tokens, failures, span ids',
  usage: `spyglass show TRACE_ID [--json]\n\n${formatFlags(FLAGS)}\n\nTRACE_ID may be the first digits of an id, as \`spyglass traces\` prints them.`,
  async run(argv, io) {
    const { flags, positionals } = parseFlags(argv, FLAGS);
    if (flags.help) {
      io.out(this.usage);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one TRACE_ID to show');
    const budgetChars = parseBudget(flags.budget);
    const source = sourceFrom(flags, io);
    try {
      const answer = await requireTrace(source, await resolveTraceId(source, positionals[0]!));
      if (flags.json) {
        io.out(JSON.stringify(answer, null, 2));
        return 0;
      }
      const colour = colourEnabled(io.env);
      const digest = digestTree(answer.trace, answer.spans, { budgetChars });
      for (const line of digest.lines) io.out(paint('  '.repeat(line.depth) + line.text, line.tone, colour));
      return 0;
    } catch (error) {
      if (!(error instanceof NotFoundError || error instanceof NoSourceError)) throw error;
      io.err(`spyglass show: ${error.message}`);
      return 1;
    } finally {
      source.close();
    }
  },
};
