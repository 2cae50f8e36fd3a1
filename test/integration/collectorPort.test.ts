// The desktop collector's port rule with real servers: when the saved port is taken, the port the
// user picks is used for that run only, and the saved port (what SDKs and exporters point at) is
// unchanged for the next start. Only Settings (checkPort, then writeSettings) changes it.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPort, startOnAvailablePort } from '../../src/main/collectorPort.ts';
import { readSettings, writeSettings } from '../../src/main/settings.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

let dir: TempDir;
let blocker: Server;
let takenPort: number;
beforeAll(async () => {
  dir = makeTempDir('spyglass-port-');
  blocker = createServer();
  await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
  takenPort = (blocker.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((done) => blocker.close(() => done()));
  dir.remove();
});

describe('the collector port', () => {
  it('uses a picked port for this run only when the saved one is taken', async () => {
    const userData = dir.file('user-data');
    writeSettings(userData, { port: takenPort });
    const asked: number[] = [];
    const server: RunningServer = await startOnAvailablePort(
      readSettings(userData).port,
      (port) => startServer({ port, host: '127.0.0.1', dbPath: dir.file('p.db'), uiDir: null }),
      (error) => (error as NodeJS.ErrnoException).code === 'EADDRINUSE',
      async (port) => {
        asked.push(port);
        return 0; // "Use port N": any free port
      },
    );
    try {
      expect(asked).toEqual([takenPort]);
      expect(server.port).not.toBe(takenPort);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      // The next start tries the saved port again.
      expect(readSettings(userData).port).toBe(takenPort);
    } finally {
      await server.close();
    }
  });

  it('gives up with the port error when the user quits', async () => {
    await expect(
      startOnAvailablePort(
        takenPort,
        (port) => startServer({ port, host: '127.0.0.1', dbPath: dir.file('q.db'), uiDir: null }),
        (error) => (error as NodeJS.ErrnoException).code === 'EADDRINUSE',
        async () => null,
      ),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('is saved only from Settings, never by the start-up fallback', () => {
    const main = readFileSync(join(resolve(import.meta.dirname, '../..'), 'src/main/index.ts'), 'utf8');
    expect(main).not.toContain('writeSettings');
    expect(checkPort('4319')).toEqual({ port: 4319 });
    expect(checkPort(4318)).toEqual({ port: 4318 });
    for (const bad of ['', 'abc', '0', '65536', 1.5, -1, null])
      expect(checkPort(bad)).toHaveProperty('problem');
  });
});
