// Attributes the wrappers add to the spans they record, so that a recording can be replayed
// (replay*.ts): which SDK call made the span, the name it started with (LLM spans are renamed to
// the model when the answer comes), and what the call returned beyond the span's output.

/** 'openai' (wrapOpenAI), 'tool' (wrapToolCall) or 'traced' (traced/withSpan of type llm or tool). */
export const CALL = 'spyglass.call';
/** The span's name at start; the key replay matches calls by. */
export const CALL_NAME = 'spyglass.call.name';
/** The response object minus what the output already holds (openaiShapes.responseEnvelope), or a stream's shell. */
export const RESPONSE = 'spyglass.response';
/** What a traced() function returned, when setOutput() recorded something else as the output. */
export const RETURNED = 'spyglass.returned';
/** false when a traced() function returned synchronously. */
export const ASYNC = 'spyglass.call.async';
/** On replayed runs: the recorded step (1-based) a span was served from, and how. */
export const REPLAY_STEP = 'spyglass.replay.step';
export const REPLAY_SERVED = 'spyglass.replay.served';

export type CallKind = 'openai' | 'tool' | 'traced';
