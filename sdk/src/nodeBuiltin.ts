// A Node built-in module loaded on first use, never by a top-level `node:` import, so browser and
// edge bundles still load the SDK (there the answer is undefined and callers fall back).

// Present only in the CommonJS build on Node; declared here because the SDK compiles without Node types.
declare const require: ((id: string) => unknown) | undefined;

export function nodeBuiltin<T>(id: string): T | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const found = proc?.getBuiltinModule?.(id) as T | undefined;
    if (found) return found;
  } catch {
    // fall through to require
  }
  try {
    return typeof require === 'function' ? (require(id) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** The Node process object, typed as loosely as the SDK needs it; undefined elsewhere. */
export interface NodeProcess {
  pid: number;
  platform?: string;
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeListener(event: string, listener: (...args: any[]) => void): unknown;
  listenerCount(event: string): number;
  kill(pid: number, signal: string): unknown;
}

export function nodeProcess(): NodeProcess | undefined {
  const proc = (globalThis as { process?: Partial<NodeProcess> }).process;
  return typeof proc?.on === 'function' && typeof proc.listenerCount === 'function'
    ? (proc as NodeProcess)
    : undefined;
}
