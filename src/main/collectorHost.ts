// Runs the collector in an Electron utility process and reports how its start went.
import { utilityProcess, type UtilityProcess } from 'electron';
import { withMallocTunables } from '../../scripts/mallocTuning.cjs';
import type { CollectorEvent, StartCollector } from './collectorMessages.ts';

export class PortInUseError extends Error {
  readonly port: number;
  constructor(port: number, message: string) {
    super(message);
    this.port = port;
  }
}

export interface CollectorHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function startCollector(
  entryPath: string,
  options: Omit<StartCollector, 'type'>,
  onUnexpectedExit: (code: number) => void,
): Promise<CollectorHandle> {
  // glibc is told at start-up to give freed memory back, as `spyglass serve` does (mallocTuning.cjs).
  const child: UtilityProcess = utilityProcess.fork(entryPath, [], {
    serviceName: 'Spyglass collector',
    env: withMallocTunables(process.env, process.platform),
  });
  let stopping = false;

  return new Promise((resolve, reject) => {
    child.on('message', (event: CollectorEvent) => {
      if (event.type === 'ready') {
        resolve({ url: event.url, port: event.port, stop: () => stop(child, () => (stopping = true)) });
      } else if (event.type === 'start-failed') {
        child.kill();
        stopping = true;
        reject(
          event.code === 'EADDRINUSE'
            ? new PortInUseError(event.port, event.message)
            : new Error(`The collector could not start: ${event.message}`),
        );
      }
    });
    child.on('exit', (code) => {
      if (!stopping) onUnexpectedExit(code);
    });
    child.postMessage({ type: 'start', ...options } satisfies StartCollector);
  });
}

function stop(child: UtilityProcess, markStopping: () => void): Promise<void> {
  markStopping();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill();
      resolve();
    }, 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.postMessage({ type: 'stop' });
  });
}
