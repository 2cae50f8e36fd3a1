// The playground over HTTP (docs/replay.md): POST /api/replay/llm re-runs one LLM span and
// streams the answer as Server-Sent Events; GET /api/traces/:traceId/replays lists the re-runs
// recorded from a trace. The API key comes from the Authorization header or the environment and
// is never written anywhere (src/server/replay/credentials.ts).
import type { ReplayListResponse } from '../../../shared/replay.ts';
import {
  EndpointError,
  ReplayRequestError,
  listReplays,
  resolveEndpoint,
  runReplay,
  startSse,
  validateReplay,
  writeSse,
} from '../../replay/index.ts';
import { HttpError, isJsonContentType, parseJson, sendJson } from '../http.ts';
import type { Route } from '../router.ts';

export const routes: Route[] = [
  {
    method: 'POST',
    path: '/api/replay/llm',
    async handle({ req, res, ctx }) {
      if (!isJsonContentType(req)) throw new HttpError(415, 'Content-Type must be application/json');
      const body = parseJson(await ctx.readBody(req));
      let job: ReturnType<typeof validateReplay> & { endpoint: ReturnType<typeof resolveEndpoint> };
      try {
        const valid = validateReplay(body, ctx.store);
        const endpoint = resolveEndpoint(valid.baseUrl, req.headers.authorization, process.env);
        job = { ...valid, endpoint };
      } catch (error) {
        if (error instanceof ReplayRequestError)
          throw new HttpError(error.status, error.message, error.field);
        if (error instanceof EndpointError) throw new HttpError(400, error.message, error.field);
        throw error;
      }
      // From here on the answer is a stream: failures arrive as an `error` event, not a status.
      const cancel = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) cancel.abort();
      });
      startSse(res);
      try {
        await runReplay(job, {
          store: ctx.store,
          ingest: ctx.ingest,
          emit: (event) => writeSse(res, event),
          signal: cancel.signal,
        });
      } catch (error) {
        // Only the store can fail here (the provider's failures are events); say so without details.
        ctx.log(`replay failed: ${(error as Error).message}`);
        res.write(
          `data: ${JSON.stringify({ type: 'error', message: 'The re-run could not be recorded; see the collector log' })}\n\n`,
        );
      }
      res.end();
    },
  },
  {
    method: 'GET',
    path: '/api/traces/:traceId/replays',
    handle({ res, url, params, ctx }) {
      for (const key of url.searchParams.keys()) {
        if (key !== 'spanId')
          throw new HttpError(400, `Unknown query parameter "${key}"; known: spanId`, key);
      }
      const traceId = params.traceId!.toLowerCase();
      if (!ctx.store.getTraceSummary(traceId))
        throw new HttpError(404, `No trace with id "${params.traceId}" is stored`, 'traceId');
      const answer: ReplayListResponse = {
        replays: listReplays(ctx.store, traceId, url.searchParams.get('spanId') ?? undefined),
      };
      sendJson(res, 200, answer);
    },
  },
];
