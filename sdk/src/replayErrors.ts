// The only errors the SDK ever throws into agent code, and only in replay mode, on purpose: a
// replayed run that no longer matches its recording (or has no recording to match) must fail
// loudly, or a regression test would pass on a run that was never compared.

export interface ReplayCallDescription {
  type: string;
  name: string;
}

export class ReplayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayError';
  }
}

/** The agent's call does not match the next recorded step (or the recording has no steps left). */
export class ReplayDivergenceError extends ReplayError {
  /** 1-based position of the expected step among the recording's replayable steps. */
  readonly step: number;
  /** The step the recording has there; null when the recording has no more steps. */
  readonly expected: ReplayCallDescription | null;
  readonly actual: ReplayCallDescription | null;
  /** What differs, in words (e.g. "message 2 (user) differs: …"). */
  readonly difference: string;
  /** The recorded trace being replayed. */
  readonly recordingTraceId: string;

  constructor(init: {
    step: number;
    expected: ReplayCallDescription | null;
    actual: ReplayCallDescription | null;
    difference: string;
    recordingTraceId: string;
  }) {
    super(`Replay diverged from recording ${init.recordingTraceId} at step ${init.step}: ${init.difference}`);
    this.name = 'ReplayDivergenceError';
    this.step = init.step;
    this.expected = init.expected;
    this.actual = init.actual;
    this.difference = init.difference;
    this.recordingTraceId = init.recordingTraceId;
  }
}

/** The recording (or fork) asked for could not be loaded: nothing can be served. */
export class ReplayLoadError extends ReplayError {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayLoadError';
  }
}

export function describeCall(call: ReplayCallDescription | null): string {
  return call ? `${call.type} '${call.name}'` : 'nothing';
}
