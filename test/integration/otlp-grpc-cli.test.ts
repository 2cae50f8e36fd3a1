// `spyglass serve` and OTLP/gRPC: on by default (ephemeral beside --port 0), printed in the ready
// message, reachable by the npm gRPC exporter; --no-grpc leaves it off.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, describe, expect, it } from 'vitest';
import { getJson } from '../helpers/server.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'index.ts');
const dir = makeTempDir('spyglass-grpc-cli-');
afterAll(() => dir.remove());

/** Resolves with the whole ready message (the lines up to "Database:"). */
function serve(args: string[]): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SPYGLASS_PORT: '' },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (/^Database: /m.test(out)) resolve({ child, out });
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

/**
 * Ctrl-C, then wait for the exit. The exit code is not checked: a SIGINT that lands right after
 * start-up can beat Node's installing of the CLI's handler and kill the process (seen with a bare
 * `process.once('SIGINT')` script too); the clean close is covered by startServer's close().
 */
async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  await exited;
}

describe('spyglass serve with OTLP/gRPC', () => {
  it('prints the gRPC address and stores what the gRPC exporter sends there', async () => {
    const { child, out } = await serve(['--port', '0', '--db', dir.file('grpc.db')]);
    try {
      const http = /^Spyglass is listening on (http:\/\/127\.0\.0\.1:\d+)\/$/m.exec(out)![1]!;
      const grpc = /^OTLP\/gRPC on (http:\/\/127\.0\.0\.1:(\d+)) /m.exec(out);
      expect(grpc).not.toBeNull();
      expect(Number(grpc![2])).toBeGreaterThan(0);
      const provider = new TracerProvider({
        spanProcessors: [new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: grpc![1]! }) })],
      });
      const span = provider.getTracer('cli').startSpan('over grpc');
      const traceId = span.spanContext().traceId;
      span.end();
      await provider.forceFlush();
      await provider.shutdown();
      const { body } = await getJson(`${http}/api/traces/${traceId}`);
      expect(body.trace).toMatchObject({ name: 'over grpc', spanCount: 1 });
    } finally {
      await stop(child);
    }
  });

  it('a taken gRPC port: one clear warning naming it, and HTTP serves on', async () => {
    const blocker = await new Promise<Server>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (blocker.address() as { port: number }).port;
    try {
      const { child, out } = await serve([
        '--port',
        '0',
        '--grpc-port',
        String(port),
        '--db',
        dir.file('taken.db'),
      ]);
      try {
        expect(out).toContain(`OTLP/gRPC could not listen on 127.0.0.1:${port}`);
        expect(out).toContain('OTLP/HTTP keeps running');
        expect(out).toContain('the port is already in use');
        expect(out).not.toMatch(/^E /m); // grpc-js's own log line ("E No address added…") is silenced
        expect(out).not.toMatch(/^OTLP\/gRPC on /m);
        const http = /^Spyglass is listening on (http:\/\/127\.0\.0\.1:\d+)\/$/m.exec(out)![1]!;
        expect((await getJson(`${http}/api/health`)).status).toBe(200);
      } finally {
        await stop(child);
      }
    } finally {
      blocker.close();
    }
  });

  it('--no-grpc leaves gRPC off', async () => {
    const { child, out } = await serve(['--port', '0', '--no-grpc', '--db', dir.file('nogrpc.db')]);
    expect(out).not.toContain('OTLP/gRPC');
    await stop(child);
  });

  it('refuses --grpc-port with --no-grpc, and a bad --grpc-port', () => {
    const both = spawnSync(process.execPath, [CLI, 'serve', '--grpc-port', '5000', '--no-grpc'], {
      encoding: 'utf8',
    });
    expect(both.status).not.toBe(0);
    expect(both.stderr).toContain('--grpc-port and --no-grpc');
    const bad = spawnSync(process.execPath, [CLI, 'serve', '--grpc-port', 'four'], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--grpc-port must be a port number');
  });
});
