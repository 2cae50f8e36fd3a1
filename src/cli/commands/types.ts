// What a CLI command is: its name, help, and a run function over injected I/O (so tests can drive it).
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  untilStopped(): Promise<void>;
  /**
   * The built modules of the collector's threads, when the CLI runs from its bundle (an installed
   * package: bin/spyglass.js), where the TypeScript sources `serve` defaults to are not beside it.
   */
  threadModules?: { decoder: URL; search: URL };
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Resolves to the exit code. Throws UsageError for bad arguments. */
  run(argv: readonly string[], io: CommandIo): Promise<number>;
}
