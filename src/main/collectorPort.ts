// Which port the desktop collector listens on. The saved port (Settings; 4318 by default, the
// standard OTLP/HTTP port every exporter and the SDK default to) is tried first. When it is taken
// and the user picks another, that one is used for this run only: saving it silently would strand
// every agent still pointed at the saved port on the next start. Only Settings changes the saved port.

/** Starts on `firstPort`, or on a port the user picks when one is taken; null from the picker quits. */
export async function startOnAvailablePort<H>(
  firstPort: number,
  start: (port: number) => Promise<H>,
  isPortInUse: (error: unknown) => boolean,
  pickAnotherPort: (takenPort: number) => Promise<number | null>,
): Promise<H> {
  let port = firstPort;
  for (;;) {
    try {
      return await start(port);
    } catch (error) {
      if (!isPortInUse(error)) throw error;
      const next = await pickAnotherPort(port);
      if (next === null) throw error;
      port = next;
    }
  }
}

/** A port number typed by the user, or the reason it is not one. */
export function checkPort(value: unknown): { port: number } | { problem: string } {
  const port = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    return { problem: 'A port is a whole number from 1 to 65535.' };
  }
  return { port };
}
