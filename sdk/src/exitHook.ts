// Last-chance delivery: a run that ends by process.exit(), an uncaught exception, an unhandled
// rejection, SIGINT or SIGTERM still reaches the collector, with its open spans and traces ended as
// errors carrying why, and the program ends exactly as it would have without the SDK.
//
// - A script that simply ends: 'beforeExit' flushes asynchronously for as long as the collector
//   keeps answering (a 100,000-span run is still arriving), and gives up after a budget's worth
//   of silence.
// - Every ending that runs 'exit' (process.exit, the end of a script, an uncaught exception or an
//   unhandled rejection, which Node turns into one): the 'exit' listener ends what is open and
//   sends what is left synchronously (lastSend.ts), within what remains of the budget.
// - Crashes are observed with 'uncaughtExceptionMonitor', which never changes what Node does:
//   it still prints the error and exits with code 1 (and a program with its own
//   'uncaughtException' handler keeps running, so nothing is ended then).
// - SIGINT/SIGTERM: a listener replaces Node's default (die by the signal), so the SDK's listener
//   acts only when it is the only one: it delivers, removes itself and raises the signal again,
//   and the process dies by it as before. With other listeners, they decide, and an exit they make
//   goes through 'exit' above.
// The whole path is bounded by EXIT_BUDGET_MS, however the collector behaves.
import { nodeProcess } from './nodeBuiltin.ts';
import type { NodeProcess } from './nodeBuiltin.ts';
import { prepareLastSend } from './lastSend.ts';

/** Why the process ends, as the exit path tells each client. */
export type ExitReason =
  | { kind: 'end'; code: number }
  | { kind: 'crash'; error: unknown }
  | { kind: 'signal'; signal: string };

export interface ExitParticipant {
  /** 'beforeExit': send what is queued, waiting while the collector answers within `stallMs`. */
  flushOnExit(stallMs: number): Promise<void>;
  /** The last synchronous moment: end what is open, send what is unsent by `deadline` (performance.now()). */
  lastChance(reason: ExitReason, deadline: number): void;
}

/** About a second for the whole exit path, whatever the collector does. */
export const EXIT_BUDGET_MS = 1000;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

const clients = new Set<ExitParticipant>();
let installed = false;
let finished = false;
let crash: { error: unknown } | null = null;

function onBeforeExit(): void {
  if (finished) return;
  for (const client of clients) void client.flushOnExit(EXIT_BUDGET_MS);
}

function onCrash(proc: NodeProcess, error: unknown): void {
  // With a handler of its own the program goes on: nothing ends.
  if (proc.listenerCount('uncaughtException') > 0) return;
  crash = { error };
}

function finish(reason: ExitReason): void {
  if (finished) return;
  finished = true;
  // A client whose beforeExit flush met a silent collector has given up and sends nothing here.
  const deadline = performance.now() + EXIT_BUDGET_MS;
  for (const client of clients) {
    try {
      client.lastChance(reason, deadline);
    } catch {
      // the exit path must never add an error of its own
    }
  }
}

function onExit(code: unknown): void {
  finish(crash ? { kind: 'crash', error: crash.error } : { kind: 'end', code: Number(code) || 0 });
}

function install(): void {
  if (installed) return;
  const proc = nodeProcess();
  if (!proc) return;
  installed = true;
  prepareLastSend();
  proc.on('beforeExit', onBeforeExit);
  proc.on('uncaughtExceptionMonitor', (error: unknown) => onCrash(proc, error));
  proc.on('exit', onExit);
  for (const signal of SIGNALS) {
    const listener = () => {
      if (proc.listenerCount(signal) > 1) return; // the program handles it
      finish({ kind: 'signal', signal });
      proc.removeListener(signal, listener);
      proc.kill(proc.pid, signal);
    };
    try {
      proc.on(signal, listener);
    } catch {
      // a runtime without this signal
    }
  }
}

export function registerForExit(client: ExitParticipant): void {
  clients.add(client);
  install();
}

export function unregisterForExit(client: ExitParticipant): void {
  clients.delete(client);
}
