// "Fork from here" (issue 6): a recorded run rerun with one step's output edited. The app stores
// the fork; the agent, rerun with SPYGLASS_FORK=<forkId>, fetches it and is served every step
// before the forked span from the recording, the edited output at it, and live calls after it.
// docs/replay.md ("Fork from here") describes the flow; these are the endpoints' shapes.

/** Body of `POST /api/forks`. */
export interface ForkRequest {
  traceId: string;
  /** An llm or tool span recorded by wrapOpenAI, wrapToolCall or traced(). */
  spanId: string;
  /** The edited output: for an LLM step an assistant message ({ role, content, tool_calls? }) or its text; for a tool, the value it returns. */
  output: unknown;
}

/** Answer of `POST /api/forks` (201). */
export interface ForkCreated {
  forkId: string;
  traceId: string;
  spanId: string;
  /** The environment to rerun the agent with. */
  env: { SPYGLASS_FORK: string };
  /** A hint to show: the variable before the user's own command. */
  command: string;
}

/** Answer of `GET /api/forks/:forkId`. */
export interface ForkDetail {
  forkId: string;
  traceId: string;
  spanId: string;
  output: unknown;
  /** Epoch ms. */
  createdAt: number;
  /** Traces recorded by reruns of this fork (metadata `forkOf.forkId`), newest first. */
  forkTraceIds: string[];
}

/** What a forked run's trace carries in its metadata (`trace.metadata.forkOf`). */
export interface ForkLink {
  traceId: string;
  spanId: string;
  forkId: string;
}
