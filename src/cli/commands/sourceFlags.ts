// Flags shared by the commands that read traces (mcp, traces, show, search, tail): where from.
import { UsageError, type FlagSpec, type Parsed } from '../args.ts';
import { openSource, type TraceSource } from '../source/index.ts';
import type { CommandIo } from './types.ts';

export const SOURCE_FLAGS: FlagSpec = {
  url: {
    value: true,
    description: 'collector to read from (default SPYGLASS_URL, else http://127.0.0.1:4318)',
  },
  db: {
    value: true,
    description:
      "read this SQLite file (read-only) instead (default: the data folder's, when no collector answers)",
  },
};

export function sourceFrom(flags: Parsed['flags'], io: CommandIo): TraceSource {
  if (flags.url !== undefined && flags.db !== undefined) throw new UsageError('give --url or --db, not both');
  return openSource({
    url: typeof flags.url === 'string' ? flags.url : undefined,
    db: typeof flags.db === 'string' ? flags.db : undefined,
    env: io.env,
  });
}

/** Colour when stdout is a terminal and NO_COLOR is unset (https://no-color.org); FORCE_COLOR forces it. */
export function colourEnabled(env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

/** The terminal's width: COLUMNS, else the TTY's, else 100. */
export function terminalWidth(env: NodeJS.ProcessEnv): number {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 20) return fromEnv;
  return process.stdout.columns || 100;
}

export function parseBudget(value: string | true | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1)
    throw new UsageError(`--budget must be a number of characters (got "${String(value)}")`);
  return n;
}
