#!/usr/bin/env node
// The `spyglass` command line. Each command is its own module in commands/; this file picks one.
import { pathToFileURL } from 'node:url';
import { APP_VERSION } from '../shared/version.ts';
import { UsageError } from './args.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { serve } from './commands/serve.ts';
import { mcpCommand } from './commands/mcp.ts';
import { tracesCommand } from './commands/traces.ts';
import { showCommand } from './commands/show.ts';
import { searchCommand } from './commands/search.ts';
import { tailCommand } from './commands/tail.ts';
import type { Command, CommandIo } from './commands/types.ts';

const COMMANDS: readonly Command[] = [
  serve,
  importCommand,
  exportCommand,
  mcpCommand,
  tracesCommand,
  showCommand,
  searchCommand,
  tailCommand,
];

export function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.usage.split('\n')[0]!.padEnd(46)} ${c.summary}`);
  return `Spyglass ${APP_VERSION}: DevTools for AI agents\n\nUsage:\n${lines.join('\n')}\n\nspyglass COMMAND --help shows a command's options.`;
}

export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(APP_VERSION);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`spyglass: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`spyglass ${command.name}: ${error.message}\n\nUsage: ${command.usage}`);
      return 2;
    }
    throw error;
  }
}

export function processIo(): CommandIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    untilStopped: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) {
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`spyglass: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
