// Best-effort delivery when a Node process ends on its own: 'beforeExit' fires when the event
// loop has nothing left, which is the last moment async work (a final POST) can still run.
// One listener serves every client, and a client whose collector is unreachable is not retried
// here, or the process would never exit.

export interface ExitFlushable {
  flushOnExit(): Promise<void>;
}

const clients = new Set<ExitFlushable>();
let installed = false;

function install(): void {
  if (installed) return;
  const proc = (globalThis as { process?: { on?: (event: string, listener: () => void) => unknown } })
    .process;
  if (typeof proc?.on !== 'function') return;
  installed = true;
  proc.on('beforeExit', () => {
    for (const client of clients) void client.flushOnExit();
  });
}

export function registerForExit(client: ExitFlushable): void {
  clients.add(client);
  install();
}

export function unregisterForExit(client: ExitFlushable): void {
  clients.delete(client);
}
