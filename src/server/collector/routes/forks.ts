// "Fork from here" over HTTP (docs/replay.md): POST /api/forks stores an edited output for one
// recorded llm or tool step and answers the id to rerun the agent with (SPYGLASS_FORK); the SDK
// fetches GET /api/forks/:forkId, and that answer also lists the traces the reruns recorded.
import type { ForkCreated } from '../../../shared/forks.ts';
import { createFork, getFork } from '../../forks/forkStore.ts';
import { HttpError, isJsonContentType, parseJson, sendJson } from '../http.ts';
import type { Route } from '../router.ts';

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const FORK_ID = /^[0-9a-f]{16}$/;
/** The SDK marks the spans it can serve on replay (sdk/src/callMarks.ts). */
const CALL_MARK = 'spyglass.call';

function id(body: Record<string, unknown>, key: string, pattern: RegExp, what: string): string {
  const value = body[key];
  if (typeof value !== 'string' || !pattern.test(value.toLowerCase())) {
    throw new HttpError(
      400,
      `"${key}" must be ${what} (got ${value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 40)})`,
      key,
    );
  }
  return value.toLowerCase();
}

/** Whether any span of the trace carries the SDK's replay mark (then unmarked spans are not replayable). */
function traceHasMarks(json: string): boolean {
  const trace = JSON.parse(json) as { spans: Array<{ attributes?: Record<string, unknown> }> };
  return trace.spans.some((s) => s.attributes !== undefined && typeof s.attributes[CALL_MARK] === 'string');
}

export const routes: Route[] = [
  {
    method: 'POST',
    path: '/api/forks',
    async handle({ req, res, ctx }) {
      if (!isJsonContentType(req))
        throw new HttpError(415, 'Content-Type must be application/json: { "traceId", "spanId", "output" }');
      const body = parseJson(await ctx.readBody(req));
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new HttpError(400, 'The body must be a JSON object { traceId, spanId, output }');
      const fields = body as Record<string, unknown>;
      const traceId = id(fields, 'traceId', TRACE_ID, '32 hex digits');
      const spanId = id(fields, 'spanId', SPAN_ID, '16 hex digits');
      if (!('output' in fields))
        throw new HttpError(
          400,
          '"output" is missing: the edited output of the step (null is allowed)',
          'output',
        );
      if (!ctx.store.getTraceSummary(traceId))
        throw new HttpError(404, `No trace with id "${traceId}" is stored`, 'traceId');
      const span = ctx.store.getSpan(traceId, spanId);
      if (!span) throw new HttpError(404, `Trace ${traceId} has no span "${spanId}"`, 'spanId');
      if (span.type !== 'llm' && span.type !== 'tool') {
        throw new HttpError(
          400,
          `Span "${span.name}" is a ${span.type} step; only llm and tool steps (wrapOpenAI, wrapToolCall, traced llm/tool) can be forked`,
          'spanId',
        );
      }
      if (
        typeof span.attributes[CALL_MARK] !== 'string' &&
        traceHasMarks(ctx.store.getTraceJson(traceId, { payloads: true }) ?? '{"spans":[]}')
      ) {
        throw new HttpError(
          400,
          `Span "${span.name}" was recorded with startSpan/endSpan, not by a wrapped call, so a rerun cannot serve it; fork a wrapOpenAI, wrapToolCall or traced step`,
          'spanId',
        );
      }
      const forkId = createFork(ctx.store, { traceId, spanId, output: fields.output });
      const answer: ForkCreated = {
        forkId,
        traceId,
        spanId,
        env: { SPYGLASS_FORK: forkId },
        command: `SPYGLASS_FORK=${forkId} <the command that runs your agent>`,
      };
      sendJson(res, 201, answer);
    },
  },
  {
    method: 'GET',
    path: '/api/forks/:forkId',
    handle({ res, params, ctx }) {
      const forkId = params.forkId!.toLowerCase();
      if (!FORK_ID.test(forkId))
        throw new HttpError(400, `A fork id is 16 hex digits (got "${params.forkId}")`, 'forkId');
      const fork = getFork(ctx.store, forkId);
      if (!fork) throw new HttpError(404, `No fork with id "${forkId}"`, 'forkId');
      sendJson(res, 200, fork);
    },
  },
];
