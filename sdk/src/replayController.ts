// One client's replay: loads the recording (a file at once, a trace or fork from the collector in
// the background), answers each call with a Decision (replayMatch.ts), and links the replayed
// run to its origin. The link goes into the metadata of every trace the run records; since a
// trace's start may be recorded before a collector recording has loaded, the client's events
// wait in `gate()` until the load settles (a few milliseconds), then go out with the link.
import type { RecorderSink } from './recorder.ts';
import { ReplayLoadError } from './replayErrors.ts';
import { loadFile, loadRemote } from './replayLoad.ts';
import type { LoadContext, Loaded, ReplaySource } from './replayLoad.ts';
import { StepMatcher } from './replayMatch.ts';
import type { Decision, MatchMode, ReplayCall } from './replayMatch.ts';
import type { WireEvent } from './protocol.ts';

export interface ResolvedReplay {
  /** null: the options were unusable; `problem` says why, and every served call fails with it. */
  source: ReplaySource | null;
  problem?: string;
  /** Collector to load a trace or fork from. */
  url: string;
  match: MatchMode;
  /** Record the replayed run as a new trace (default true). */
  record: boolean;
}

export interface ReplayReport {
  mode: 'replay' | 'fork';
  /** The recorded trace served from; null until loaded (or when loading failed). */
  recordingTraceId: string | null;
  served: number;
  total: number;
  /** Recorded steps no call has claimed (yet). */
  remaining: Array<{ step: number; type: string; name: string }>;
  /** Fork mode: whether the run has reached the edited step (every call after it is live). */
  forkReached: boolean;
  error: string | null;
}

export class ReplayController {
  readonly options: ResolvedReplay;
  /** Resolves (never rejects) when the recording is loaded or failed to load. */
  readonly settled: Promise<void>;
  private loaded: Loaded | null = null;
  private matcher: StepMatcher | null = null;
  private failure: ReplayLoadError | null = null;
  private done = false;
  private held: Array<{ event: WireEvent; bytes: number; sink: RecorderSink }> = [];

  constructor(options: ResolvedReplay, ctx: LoadContext) {
    this.options = options;
    const source = options.source;
    if (!source) {
      this.finish(null, new ReplayLoadError(options.problem ?? 'Replay options are not usable'));
      this.settled = Promise.resolve();
    } else if (source.kind === 'file') {
      try {
        this.finish(loadFile(source.path, source.traceId), null);
      } catch (error) {
        this.finish(null, asLoadError(error));
      }
      this.settled = Promise.resolve();
    } else {
      this.settled = loadRemote(ctx, source).then(
        (loaded) => this.finish(loaded, null),
        (error: unknown) => this.finish(null, asLoadError(error)),
      );
    }
  }

  private finish(loaded: Loaded | null, failure: ReplayLoadError | null): void {
    try {
      if (loaded) this.matcher = new StepMatcher(loaded.recording, this.options.match, loaded.fork);
      this.loaded = loaded;
      this.failure = failure;
    } catch (error) {
      this.failure = asLoadError(error);
    }
    this.done = true;
    const held = this.held;
    this.held = [];
    for (const { event, bytes, sink } of held) this.forward(event, bytes, sink);
  }

  isSettled(): boolean {
    return this.done;
  }

  /** The decision for a call, once loaded; throws ReplayDivergenceError or ReplayLoadError. */
  decideNow(call: ReplayCall): Decision {
    if (this.failure || !this.matcher)
      throw this.failure ?? new ReplayLoadError('The recording is not loaded yet');
    return this.matcher.decide(call);
  }

  async decide(call: ReplayCall): Promise<Decision> {
    await this.settled;
    return this.decideNow(call);
  }

  /** A sink that holds events until the load settles, then adds the link to every trace start. */
  gate(sink: RecorderSink): RecorderSink {
    return {
      enqueue: (event, bytes) => {
        if (this.done) this.forward(event, bytes, sink);
        else this.held.push({ event, bytes, sink });
      },
    };
  }

  private forward(event: WireEvent, bytes: number, sink: RecorderSink): void {
    if (event.kind === 'trace.start') {
      const link = this.loaded ? this.loaded.metadata : { replayFailed: this.failure?.message ?? 'unknown' };
      event.metadata = { ...event.metadata, ...link };
      const tag = this.options.source?.kind === 'fork' ? 'fork' : 'replay';
      event.tags = [...(event.tags ?? []).filter((t) => t !== tag), tag];
    }
    sink.enqueue(event, bytes + 200);
  }

  report(): ReplayReport {
    const progress = this.matcher?.report();
    return {
      mode: this.options.source?.kind === 'fork' ? 'fork' : 'replay',
      recordingTraceId: this.loaded?.recording.traceId ?? null,
      served: progress?.served ?? 0,
      total: progress?.total ?? 0,
      remaining: progress?.remaining ?? [],
      forkReached: progress?.forkReached ?? false,
      error: this.failure?.message ?? null,
    };
  }
}

function asLoadError(error: unknown): ReplayLoadError {
  return error instanceof ReplayLoadError
    ? error
    : new ReplayLoadError(
        `Cannot load the recording: ${error instanceof Error ? error.message : String(error)}`,
      );
}
