// Which recorded step answers the agent's next call. In 'strict' mode (the default) a call must
// equal a recorded step in type, name and input (an LLM call's messages, a tool's arguments); it
// gets the earliest unclaimed such step, so calls that run concurrently (Promise.all, parallel
// sub-agents) may arrive in any order, and identical calls are answered in recorded order. In
// 'name' mode (inputs ignored) order is all there is: a call takes the first unclaimed step, or
// one that ran alongside it in the recording (started before it ended) with the same type and
// name. No match is a ReplayDivergenceError naming the step and what differs. In fork mode, the
// fork's step answers with the edited output and every call after it runs live.
import { ReplayDivergenceError } from './replayErrors.ts';
import type { ReplayCallDescription } from './replayErrors.ts';
import { describeInputDifference, sameJson } from './replayCompare.ts';
import type { RecordedStep, Recording } from './replayRecording.ts';

export type MatchMode = 'strict' | 'name';

export interface ReplayCall extends ReplayCallDescription {
  type: 'llm' | 'tool';
  /** The call's input as it would be recorded (sanitized JSON). */
  input: unknown;
}

export type Decision =
  | { kind: 'serve'; step: RecordedStep }
  | { kind: 'edit'; step: RecordedStep; output: unknown }
  | { kind: 'live' };

export interface ForkPoint {
  /** The recorded span whose output is replaced. */
  spanId: string;
  output: unknown;
}

export class StepMatcher {
  private readonly recording: Recording;
  private readonly mode: MatchMode;
  private readonly used: boolean[];
  private readonly fork: { step: RecordedStep; output: unknown } | null;
  private forkReached = false;
  private servedCount = 0;

  constructor(recording: Recording, mode: MatchMode, fork: ForkPoint | null) {
    this.recording = recording;
    this.mode = mode;
    this.used = recording.steps.map(() => false);
    if (fork) {
      const step = recording.steps.find((s) => s.span.spanId === fork.spanId);
      if (!step) throw new Error(`span ${fork.spanId} is not a replayable step`);
      this.fork = { step, output: fork.output };
    } else {
      this.fork = null;
    }
  }

  /** Unclaimed steps (in a fork, up to the forked one), in recorded order. */
  private open(): RecordedStep[] {
    const last = this.fork ? this.fork.step.index : this.recording.steps.length;
    return this.recording.steps.filter((s) => !this.used[s.index - 1] && s.index <= last);
  }

  /** The first unclaimed step and those that ran alongside it. */
  private window(open: RecordedStep[]): RecordedStep[] {
    const first = open[0];
    if (!first) return [];
    const end = first.span.endTime;
    return end === null ? [first] : open.filter((s) => s === first || s.span.startTime < end);
  }

  decide(call: ReplayCall): Decision {
    if (this.forkReached) return { kind: 'live' };
    const open = this.open();
    const window = this.window(open);
    const sameKey = (s: RecordedStep) => s.span.type === call.type && s.callName === call.name;
    const match =
      this.mode === 'strict'
        ? open.find((s) => sameKey(s) && sameJson(s.span.input, call.input))
        : window.find(sameKey);
    if (!match) throw this.divergence(call, window, window.filter(sameKey));
    this.claim(match);
    if (this.fork && match === this.fork.step) {
      this.forkReached = true;
      return { kind: 'edit', step: match, output: this.fork.output };
    }
    return { kind: 'serve', step: match };
  }

  private claim(step: RecordedStep): void {
    this.used[step.index - 1] = true;
    this.servedCount++;
    // The function of a served step never runs, so the calls it made are not coming.
    for (const inner of step.inner) this.used[inner - 1] = true;
  }

  private divergence(
    call: ReplayCall,
    candidates: RecordedStep[],
    sameName: RecordedStep[],
  ): ReplayDivergenceError {
    const actual = { type: call.type, name: call.name };
    const recordingTraceId = this.recording.traceId;
    const expectedStep = sameName[0] ?? candidates[0];
    if (!expectedStep) {
      const total = this.fork ? this.fork.step.index : this.recording.steps.length;
      return new ReplayDivergenceError({
        step: total + 1,
        expected: null,
        actual,
        difference: `the recording has no more steps (${total} replayable), got ${call.type} '${call.name}'`,
        recordingTraceId,
      });
    }
    const expected = { type: expectedStep.span.type, name: expectedStep.callName };
    const sameCall = sameName.length > 0;
    const difference = sameCall
      ? `${call.type} '${call.name}' was called with a different input: ${describeInputDifference(expectedStep.span.input, call.input)}`
      : `expected ${expected.type} '${expected.name}', got ${call.type} '${call.name}'`;
    return new ReplayDivergenceError({
      step: expectedStep.index,
      expected,
      actual,
      difference,
      recordingTraceId,
    });
  }

  /** Progress: how many steps were served, and which recorded steps no call has claimed. */
  report(): {
    served: number;
    total: number;
    remaining: Array<{ step: number; type: string; name: string }>;
    forkReached: boolean;
  } {
    const last = this.fork ? this.fork.step.index : this.recording.steps.length;
    const remaining = this.open().map((s) => ({ step: s.index, type: s.span.type, name: s.callName }));
    return { served: this.servedCount, total: last, remaining, forkReached: this.forkReached };
  }
}
