// POST /runs/multipart bodies: multipart/form-data whose parts are named `post.<runId>` (the run
// without its large fields), `post.<runId>.<field>` (inputs, outputs, events, extra, error,
// serialized), `patch.<runId>` and `patch.<runId>.<field>`, each JSON. Feedback and attachment
// parts are ignored. Parts are joined back into whole runs here; busboy does the parsing.
import busboy from 'busboy';
import { Readable } from 'node:stream';
import type { Run } from './runs.ts';

export interface MultipartRuns {
  posts: Run[];
  patches: Run[];
  /** Parts that were not JSON, by name: reported, the rest of the request is kept. */
  problems: string[];
}

const FIELDS = new Set(['inputs', 'outputs', 'events', 'extra', 'error', 'serialized']);

export function readMultipartRuns(body: Buffer, contentType: string): Promise<MultipartRuns> {
  return new Promise((resolve, reject) => {
    const runs = { post: new Map<string, Run>(), patch: new Map<string, Run>() };
    const problems: string[] = [];
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        limits: { fieldSize: body.byteLength + 1 },
      });
    } catch (error) {
      reject(error);
      return;
    }
    const take = (name: string, raw: string) => {
      const [phase, id, field, ...rest] = name.split('.');
      if ((phase !== 'post' && phase !== 'patch') || !id || rest.length > 0) return;
      if (field !== undefined && !FIELDS.has(field)) return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        problems.push(`${name}: not JSON`);
        return;
      }
      const byId = runs[phase];
      const run = byId.get(id) ?? { id };
      if (field === undefined) {
        if (value && typeof value === 'object' && !Array.isArray(value))
          Object.assign(run, value, { ...pick(run) });
      } else run[field] = value;
      byId.set(id, run);
    };
    parser.on('field', (name, value) => take(name, value));
    parser.on('file', (name, stream) => {
      // The SDK sends JSON parts with a Content-Type, which busboy reports as files.
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => take(name, Buffer.concat(chunks).toString('utf8')));
    });
    parser.on('error', reject);
    parser.on('close', () =>
      resolve({ posts: [...runs.post.values()], patches: [...runs.patch.values()], problems }),
    );
    Readable.from([body]).pipe(parser);
  });
}

/** Large fields already read from their own parts win over the same names in the run part. */
function pick(run: Run): Run {
  const kept: Run = {};
  for (const field of FIELDS) if (run[field] !== undefined) kept[field] = run[field];
  return kept;
}
