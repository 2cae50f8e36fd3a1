// A tiny flag parser: `--name value`, `--name=value`, and boolean `--flag`. Unknown flags are errors.
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
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg
      .replace(/^--?/, '')
      .slice(0, eq === -1 ? undefined : eq - (arg.startsWith('--') ? 2 : 1));
    const known = spec[name];
    if (!known) throw new UsageError(`Unknown option ${arg.slice(0, eq === -1 ? undefined : eq)}`);
    if (!known.value) {
      if (eq !== -1) throw new UsageError(`Option --${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq === -1 && value.startsWith('--')))
      throw new UsageError(`Option --${name} needs a value`);
    flags[name] = value;
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
