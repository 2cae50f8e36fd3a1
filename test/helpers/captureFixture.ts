// Captures what a real library sends, to refresh the fixtures in test/fixtures/otlp/. With
// CAPTURE_FIXTURES=1, `captureFixture(collectorUrl, name)` answers a loopback proxy URL that
// forwards every request to the collector and records the bodies; `save()` writes them as
// test/fixtures/otlp/<name>.json (one OTLP/JSON request merging all recorded ones, or, for
// LangSmith, `{post, patch}` as POST /runs/batch takes it). Without the variable it is a no-op
// that answers the collector URL itself, so the tests run unchanged.
import { writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readMultipartRuns } from '../../src/server/ingest/langsmith/index.ts';

export interface Capture {
  url: string;
  save(): Promise<void>;
  close(): Promise<void>;
}

const read = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

export async function captureFixture(targetUrl: string, name: string): Promise<Capture> {
  if (process.env.CAPTURE_FIXTURES !== '1')
    return { url: targetUrl, save: async () => {}, close: async () => {} };
  const target = new URL(targetUrl);
  const recorded: Array<{ path: string; type: string; body: Buffer }> = [];
  const server = createServer(async (req, res) => {
    const body = await read(req);
    recorded.push({ path: req.url ?? '', type: String(req.headers['content-type'] ?? ''), body });
    const headers = { ...req.headers, host: target.host };
    delete headers['transfer-encoding'];
    headers['content-length'] = String(body.byteLength);
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const file = new URL(`../fixtures/otlp/${name}.json`, import.meta.url);
  return {
    url,
    async save() {
      const otlp = recorded.filter(
        (r) => r.type.startsWith('application/json') && r.path.endsWith('/v1/traces'),
      );
      const multipart = recorded.filter((r) => r.type.startsWith('multipart/form-data'));
      let out: unknown;
      if (multipart.length > 0) {
        const post: unknown[] = [];
        const patch: unknown[] = [];
        for (const r of multipart) {
          const runs = await readMultipartRuns(r.body, r.type);
          post.push(...runs.posts);
          patch.push(...runs.patches);
        }
        out = { post, patch };
      } else {
        out = { resourceSpans: otlp.flatMap((r) => JSON.parse(r.body.toString('utf8')).resourceSpans ?? []) };
      }
      writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
