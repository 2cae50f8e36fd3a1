// POST /api/ingest: the SDK's batch protocol over HTTP (docs/protocol.md).
// 200 when every event was accepted; 400 with the same body plus `error` when some or all were
// rejected (the accepted ones are committed all the same).
import { HttpError, isJsonContentType, parseJson, sendJson } from '../http.ts';
import type { Route } from '../router.ts';
import { IngestRequestError, ingestSdkRequest, rejectionSummary } from '../sdkIngest.ts';

export const routes: Route[] = [
  {
    method: 'POST',
    path: '/api/ingest',
    async handle({ req, res, ctx }) {
      if (!isJsonContentType(req)) {
        throw new HttpError(
          415,
          `Content-Type must be application/json (got "${req.headers['content-type']}")`,
        );
      }
      const body = parseJson(await ctx.readBody(req));
      let answer: Awaited<ReturnType<typeof ingestSdkRequest>>;
      try {
        answer = await ingestSdkRequest(body, ctx);
      } catch (error) {
        if (error instanceof IngestRequestError)
          throw new HttpError(400, `${error.field || 'body'} ${error.message}`, error.field || undefined);
        throw error;
      }
      if (answer.rejected === 0) sendJson(res, 200, answer);
      else sendJson(res, 400, { ...answer, error: rejectionSummary(answer), field: answer.errors[0]!.field });
    },
  },
];
