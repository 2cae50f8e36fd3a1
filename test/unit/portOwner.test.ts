// The "port in use" message names the program that holds the port (desktop shell).
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describePortOwner, findFreePort, findPortOwner } from '../../src/main/portOwner.ts';

let server: Server | null = null;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

function listen(): Promise<number> {
  server = createServer();
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => resolve((server!.address() as { port: number }).port)),
  );
}

describe('findPortOwner', () => {
  it('names this process as the holder of a port it listens on', async () => {
    const port = await listen();
    const owner = await findPortOwner(port);
    expect(owner.pid).toBe(process.pid);
    expect(owner.command).toMatch(/node/i);
    expect(describePortOwner(port, owner)).toBe(
      `Port ${port} is already in use by ${owner.command} (pid ${process.pid}).`,
    );
  });

  it('says "another program" when nobody can be found', () => {
    expect(describePortOwner(4318, { pid: null, command: null })).toBe(
      'Port 4318 is already in use by another program.',
    );
  });
});

describe('findFreePort', () => {
  it('skips a taken port and returns one that can be bound', async () => {
    const taken = await listen();
    const free = await findFreePort(taken - 1);
    expect(free).not.toBeNull();
    expect(free).not.toBe(taken);
    expect(free!).toBeGreaterThan(taken - 1);
  });
});
