// Command-line flags through node:util parseArgs: `--name value`, `--name=value`, boolean `--flag`,
// `--` ends the options. parseArgs' errors are turned into short UsageErrors naming the flag.
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export interface FlagSpec {
  /** true: takes a value. */
  [name: string]: { value: boolean; description: string };
}

export interface Parsed {
  flags: Record<string, string | true>;
  positionals: string[];
}

export function parseFlags(argv: readonly string[], spec: FlagSpec): Parsed {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, { value }]) => [name, { type: value ? 'string' : 'boolean' } as const]),
  );
  // Not strict: parseArgs' own messages are long, so each option token is checked here instead.
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const known = Object.hasOwn(spec, token.name) ? spec[token.name] : undefined;
    if (!known) throw new UsageError(`Unknown option ${token.rawName}`);
    if (!known.value) {
      if (token.inlineValue) throw new UsageError(`Option --${token.name} takes no value`);
      flags[token.name] = true;
      continue;
    }
    // A value that looks like another option (`--port --db x`) is a forgotten value, not a value.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--')))
      throw new UsageError(`Option --${token.name} needs a value`);
    flags[token.name] = token.value;
  }
  return { flags, positionals };
}

export function formatFlags(spec: FlagSpec): string {
  const rows = Object.entries(spec).map(([name, { value, description }]) => ({
    flag: `  --${name}${value ? ` ${name.toUpperCase()}` : ''}`,
    description,
  }));
  // The descriptions start in one column, two spaces past the longest flag.
  const width = Math.max(...rows.map((row) => row.flag.length)) + 2;
  return rows.map((row) => row.flag.padEnd(width) + row.description).join('\n');
}
