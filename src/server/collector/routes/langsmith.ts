// Drop-in for the LangSmith SDK (`LANGSMITH_ENDPOINT` set to Spyglass): GET /info, which the SDK
// asks first; POST /runs/multipart (its default) and POST /runs/batch (its fallback); POST /runs
// and PATCH /runs/:id (tracing without auto-batching). The `x-api-key` header is ignored: the
// collector trusts loopback and its Host/Origin rules still apply. Runs become spans
// (ingest/langsmith); a run that cannot be read is reported and the rest are kept.
import { readMultipartRuns, runsToBatch, serverInfo, type Run } from '../../ingest/langsmith/index.ts';
import { DEFAULT_MAX_BODY_BYTES, HttpError, sendJson } from '../http.ts';
import type { Route, RouteCall } from '../router.ts';

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'The body is not JSON: LangSmith runs are sent as a JSON object.');
  }
}

const asRuns = (value: unknown): Run[] =>
  Array.isArray(value) ? value.filter((r): r is Run => r !== null && typeof r === 'object') : [];

async function ingest(call: RouteCall, posts: Run[], patches: Run[], problems: string[] = []) {
  const batch = runsToBatch(posts, patches);
  if (batch.spans.length > 0) await call.ctx.ingest(batch);
  const rejected = [...problems, ...batch.rejected.map((r) => `${r.field}: ${r.message}`)];
  // LangSmith answers 202 with a short message; the SDK reads only the status.
  sendJson(call.res, 202, {
    message: 'Runs batch ingested',
    accepted: batch.spans.length,
    ...(rejected.length > 0 ? { rejected } : {}),
  });
}

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/info',
    handle({ res }) {
      sendJson(res, 200, serverInfo(DEFAULT_MAX_BODY_BYTES));
    },
  },
  {
    method: 'POST',
    path: '/runs/multipart',
    async handle(call) {
      const contentType = call.req.headers['content-type'] ?? '';
      if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
        call.req.resume();
        throw new HttpError(415, `Content-Type must be multipart/form-data (got "${contentType}")`);
      }
      const body = await call.ctx.readBody(call.req);
      let parsed: Awaited<ReturnType<typeof readMultipartRuns>>;
      try {
        parsed = await readMultipartRuns(body, contentType);
      } catch (error) {
        throw new HttpError(400, `The multipart body could not be read: ${(error as Error).message}`);
      }
      await ingest(call, parsed.posts, parsed.patches, parsed.problems);
    },
  },
  {
    method: 'POST',
    path: '/runs/batch',
    async handle(call) {
      const body = parseJson(await call.ctx.readBody(call.req));
      if (!body || typeof body !== 'object' || Array.isArray(body))
        throw new HttpError(400, 'The body must be an object { "post": [run…], "patch": [run…] }.');
      const { post, patch } = body as { post?: unknown; patch?: unknown };
      await ingest(call, asRuns(post), asRuns(patch));
    },
  },
  {
    method: 'POST',
    path: '/runs',
    async handle(call) {
      await ingest(call, asRuns([parseJson(await call.ctx.readBody(call.req))]), []);
    },
  },
  {
    method: 'PATCH',
    path: '/runs/:runId',
    async handle(call) {
      const run = parseJson(await call.ctx.readBody(call.req));
      if (!run || typeof run !== 'object' || Array.isArray(run))
        throw new HttpError(400, 'The body must be a run object.');
      await ingest(call, [], [{ ...(run as Run), id: call.params.runId }]);
    },
  },
];
