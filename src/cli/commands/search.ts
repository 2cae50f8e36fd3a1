// `spyglass search TEXT`: runs whose spans contain the words, with a snippet around each match.
import { digestSearch } from '../../shared/digest/index.ts';
import { formatFlags, parseFlags, UsageError } from '../args.ts';
import { searchResults } from '../queries/index.ts';
import { NoSourceError } from '../source/index.ts';
import { parseBudget, SOURCE_FLAGS, sourceFrom } from './sourceFlags.ts';
import type { Command } from './types.ts';

const FLAGS = {
  limit: { value: true, description: 'most runs searched span by span (default 10)' },
  budget: { value: true, description: 'most characters of the answer (default 12000)' },
  json: { value: false, description: 'print the runs and matching spans as JSON' },
  ...SOURCE_FLAGS,
  help: { value: false, description: 'show this help' },
};

export const searchCommand: Command = {
  name: 'search',
  summary: 'full-text search over span names, inputs, outputs and errors',
  usage: `spyglass search TEXT [--json]\n\n${formatFlags(FLAGS)}`,
  async run(argv, io) {
    const { flags, positionals } = parseFlags(argv, FLAGS);
    if (flags.help) {
      io.out(this.usage);
      return 0;
    }
    const text = positionals.join(' ').trim();
    if (text === '') throw new UsageError('give the TEXT to search for');
    const limit = flags.limit === undefined ? 10 : Number(flags.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw new UsageError('--limit must be from 1 to 100');
    const budgetChars = parseBudget(flags.budget);
    const source = sourceFrom(flags, io);
    try {
      const results = await searchResults(source, text, limit);
      if (flags.json) {
        const plain = results.map((r) => ({
          trace: r.trace,
          hits: r.hits.map((h) => ({
            spanId: h.span.spanId,
            name: h.span.name,
            type: h.span.type,
            field: h.field,
            snippet: h.snippet,
          })),
          moreHits: r.moreHits,
        }));
        io.out(JSON.stringify(plain, null, 2));
      } else {
        io.out(digestSearch(text, results, budgetChars));
      }
      return 0;
    } catch (error) {
      if (!(error instanceof NoSourceError)) throw error;
      io.err(`spyglass search: ${error.message}`);
      return 1;
    } finally {
      source.close();
    }
  },
};
