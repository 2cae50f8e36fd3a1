// Types for mallocTuning.cjs (plain CommonJS so that bin/spyglass.js can run it before anything else).
interface TunableProcess {
  platform: string;
  env: Record<string, string | undefined>;
  execve?: unknown;
}

export declare const MALLOC_TUNABLES: string;
export declare function tunedEnvironment(proc: TunableProcess): Record<string, string | undefined> | null;
export declare function withMallocTunables(
  env: Record<string, string | undefined>,
  platform: string,
): Record<string, string | undefined>;
export declare function restartWithMallocTuning(proc?: NodeJS.Process): void;
