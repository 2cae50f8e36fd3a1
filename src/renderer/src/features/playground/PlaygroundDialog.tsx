// Re-run one recorded LLM call: the request prefilled from the span (replayRequestFromSpan),
// edited on the left, sent to the configured OpenAI-compatible endpoint, the answer streamed on
// the right beside the recorded one. Each re-run is stored by the collector as a new trace.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplayRequest } from '../../../../shared/replay.ts';
import { replayRequestFromSpan } from '../../../../shared/replayPrefill.ts';
import type { SpanWithPayloads } from '../../../../shared/types.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { SpanTypeBadge } from '../../components/SpanTypeBadge.tsx';
import { useStore } from '../../state/createStore.ts';
import { entryStore } from '../../state/traceCache.ts';
import { usePayload } from '../../state/spanPayloads.ts';
import { openSettings, replaySettingsStore } from '../../state/replaySettings.ts';
import {
  bumpReplays,
  closePlayground,
  playgroundStore,
  type PlaygroundTarget,
} from '../../state/playgroundStore.ts';
import { IDLE_RUN, reduceReplay, type ReplayRunState } from './replayRun.ts';
import { draftFromRequest, requestFromDraft, type DraftProblem, type RequestDraft } from './requestDraft.ts';
import { RequestEditor } from './RequestEditor.tsx';
import { ReplayResult } from './ReplayResult.tsx';
import { RunLinks } from './RunLinks.tsx';
import { ApiError } from '../../api/http.ts';
import { streamReplay } from '../../api/replay.ts';
import './playground.css';

export function PlaygroundHost() {
  const target = useStore(playgroundStore);
  return target ? <PlaygroundDialog key={`${target.traceId}/${target.spanId}`} target={target} /> : null;
}

function PlaygroundDialog({ target }: { target: PlaygroundTarget }) {
  const skeleton = useStore(entryStore(target.traceId), (e) => e.spans.get(target.spanId) ?? null);
  const payload = usePayload(skeleton);
  const span = payload?.status === 'ready' ? payload.span : null;
  return (
    <Dialog
      label="Re-run LLM call"
      title={
        <span className="pg-title">
          {skeleton && <SpanTypeBadge type={skeleton.type} />} Re-run{' '}
          <strong>{skeleton?.name ?? target.spanId}</strong>
        </span>
      }
      onClose={closePlayground}
      className="playground-dialog"
      closeOnBackdrop={false}
    >
      {payload?.status === 'error' ? (
        <div className="pad notice-error">Could not load the span: {payload.error}</div>
      ) : span ? (
        <Playground span={span} />
      ) : (
        <div className="pad muted">Loading the recorded request…</div>
      )}
    </Dialog>
  );
}

function Playground({ span }: { span: SpanWithPayloads }) {
  const recorded = useRef(replayRequestFromSpan(span));
  const [draft, setDraft] = useState<RequestDraft | null>(() =>
    recorded.current ? draftFromRequest(recorded.current) : null,
  );
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [run, setRun] = useState<ReplayRunState>(IDLE_RUN);
  const baseUrl = useStore(replaySettingsStore, (s) => s.baseUrl);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const send = useCallback(async () => {
    if (!draft || running.current) return;
    const built = requestFromDraft(draft);
    setProblems(built.problems);
    if (!built.request) return;
    const body: ReplayRequest = {
      sourceTraceId: span.traceId,
      sourceSpanId: span.spanId,
      request: built.request,
    };
    if (baseUrl) body.endpoint = { baseUrl };
    const controller = new AbortController();
    running.current = controller;
    let state: ReplayRunState = { ...IDLE_RUN, status: 'sending' };
    setRun(state);
    try {
      await streamReplay(
        body,
        (event) => {
          state = reduceReplay(state, event);
          setRun(state);
        },
        controller.signal,
      );
      if (state.status === 'streaming')
        setRun({
          ...state,
          status: 'error',
          error: { message: 'The stream ended before the answer was complete' },
        });
    } catch (error) {
      const failed = error instanceof ApiError ? error : null;
      const message = controller.signal.aborted ? 'Stopped' : (error as Error).message;
      setRun({
        ...state,
        status: 'error',
        error: {
          message,
          ...(failed?.status ? { status: failed.status } : {}),
          ...(failed?.field ? { field: failed.field } : {}),
        },
      });
    } finally {
      running.current = null;
      bumpReplays();
    }
  }, [draft, span, baseUrl]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  if (!draft) {
    return (
      <div className="pad">
        This span recorded no messages to send again: its input is not a list of chat messages. Re-running
        needs the request an LLM span was called with.
      </div>
    );
  }
  const busy = run.status === 'sending' || run.status === 'streaming';
  return (
    <div className="playground" onKeyDown={onKeyDown}>
      <div className="pg-columns">
        <div className="pg-left">
          <RequestEditor draft={draft} onChange={setDraft} problems={problems} />
        </div>
        <div className="pg-right">
          <ReplayResult original={span} run={run} />
        </div>
      </div>
      <footer className="pg-footer">
        <button
          type="button"
          className="button button-small"
          title="Back to the request as recorded"
          onClick={() => recorded.current && setDraft(draftFromRequest(recorded.current))}
        >
          Reset
        </button>
        <span className="pg-endpoint muted" title="Where the request goes">
          → <span className="mono">{baseUrl || 'server default endpoint'}</span>{' '}
          <button type="button" className="link-button" onClick={openSettings}>
            Settings
          </button>
        </span>
        <span className="spacer" />
        <RunLinks sourceTraceId={span.traceId} run={run} />
        {busy ? (
          <button type="button" className="button" onClick={() => running.current?.abort()}>
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="button button-primary"
            onClick={() => void send()}
            title="Send (Ctrl/⌘+Enter)"
          >
            {run.status === 'idle' ? 'Send' : 'Send again'}
          </button>
        )}
      </footer>
    </div>
  );
}
