// node:fs for the few Node-only features (replaying from a file, saving a fixture), loaded on
// first use and never by a top-level import, so browser and edge bundles still load the SDK.

export interface NodeFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
}

// Present only in the CommonJS build on Node; declared here because the SDK compiles without Node types.
declare const require: ((id: string) => unknown) | undefined;

export function nodeFs(): NodeFs | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const fs = proc?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
    if (fs) return fs;
  } catch {
    // fall through to require
  }
  try {
    return typeof require === 'function' ? (require('node:fs') as NodeFs) : undefined;
  } catch {
    return undefined;
  }
}

/** The folder part of a path (either separator), or '' when there is none. */
export function parentDir(path: string): string {
  const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return at > 0 ? path.slice(0, at) : '';
}
