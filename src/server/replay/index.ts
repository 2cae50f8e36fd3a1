// The playground service: re-run one recorded LLM call against an OpenAI-compatible endpoint,
// streamed, and recorded as a new trace linked to its source. docs/replay.md.
export { runReplay, type ReplayDeps, type ReplayJob } from './runReplay.ts';
export { validateReplay, ReplayRequestError, type ValidReplay } from './validateRequest.ts';
export { resolveEndpoint, redact, EndpointError, DEFAULT_BASE_URL, type Endpoint } from './credentials.ts';
export { listReplays } from './replayQueries.ts';
export { startSse, writeSse } from './sse.ts';
export { REPLAY_TAG } from './record.ts';
