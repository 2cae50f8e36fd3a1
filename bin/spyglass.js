#!/usr/bin/env node
// The `spyglass` command: runs the CLI from its TypeScript sources (Node strips the types).
import { main, processIo } from '../src/cli/index.ts';

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`spyglass: ${error?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
