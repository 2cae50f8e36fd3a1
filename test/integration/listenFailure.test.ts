// When the collector cannot listen (the port is taken), startServer rejects and leaves nothing
// running: before, the ingest queue's start-up indexing ran on the closed database and logged
// "ingest failed: TypeError: The database connection is not open" for as long as the process lived
// (in the desktop app, while the user picked another port).
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

let dir: TempDir;
let blocker: Server;
let port: number;
beforeAll(async () => {
  dir = makeTempDir('spyglass-listen-');
  blocker = createServer();
  await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
  port = (blocker.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((done) => blocker.close(() => done()));
  dir.remove();
});

it('rejects with EADDRINUSE and logs nothing afterwards', async () => {
  const lines: string[] = [];
  await expect(
    startServer({
      port,
      host: '127.0.0.1',
      dbPath: dir.file('a.db'),
      uiDir: null,
      log: (line) => lines.push(line),
    }),
  ).rejects.toMatchObject({ code: 'EADDRINUSE' });
  // The queue's indexer fires 50 ms after start-up and retries while idle: give it many turns.
  await new Promise((done) => setTimeout(done, 1500));
  expect(lines.filter((line) => /failed|not open/.test(line))).toEqual([]);
});
