// Commands the CLI names but that are not built yet: they fail clearly instead of doing nothing.
import type { Command } from './types.ts';

function notYetAvailable(name: string, usage: string, summary: string): Command {
  return {
    name,
    summary,
    usage,
    async run(_argv, io) {
      io.err(`spyglass ${name}: not yet available in this version of Spyglass.`);
      return 2;
    },
  };
}

export const importCommand = notYetAvailable(
  'import',
  'spyglass import FILE',
  'import a trace file into the database',
);
export const exportCommand = notYetAvailable(
  'export',
  'spyglass export TRACE_ID',
  'export a trace to a file',
);
