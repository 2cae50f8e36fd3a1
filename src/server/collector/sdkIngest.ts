// The SDK's ingest, shared by POST /api/ingest and the WebSocket's `ingest` message: validate each
// event, commit the good ones, answer after the commit.
import type { IngestResponse } from '../../../sdk/src/protocol.ts';
import { validateIngest } from '../ingest/spyglass/validate.ts';
import type { RouteContext } from './router.ts';

export { IngestRequestError } from '../ingest/spyglass/validate.ts';

/** Throws IngestRequestError when the request as a whole is unusable, OverloadedError when busy. */
export async function ingestSdkRequest(
  body: unknown,
  ctx: Pick<RouteContext, 'ingest'>,
): Promise<IngestResponse> {
  const { batch, accepted, errors } = validateIngest(body);
  await ctx.ingest(batch);
  return { accepted, rejected: errors.length, errors };
}

/** One sentence summing up the rejections, for the `error` field of a 4xx answer. */
export function rejectionSummary(response: IngestResponse): string {
  const first = response.errors[0];
  const more = response.rejected > 1 ? ` (and ${response.rejected - 1} more; see errors)` : '';
  return `${response.rejected} of ${response.accepted + response.rejected} events rejected, ${response.accepted} kept: ${first?.field} ${first?.message}${more}`;
}
