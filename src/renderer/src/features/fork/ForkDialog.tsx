// "Fork from here": edit one step's recorded output, store it as a fork, then show how to rerun
// the agent against it and wait for that run; when it arrives, open origin against fork in the
// compare view, where the first divergence is the edited step (or just after it).
import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { SpanTypeBadge } from '../../components/SpanTypeBadge.tsx';
import { useStore } from '../../state/createStore.ts';
import { usePayload } from '../../state/spanPayloads.ts';
import { entryStore } from '../../state/traceCache.ts';
import { traceListStore } from '../../state/traceListStore.ts';
import { openCompare } from '../../state/openCompare.ts';
import { createFork, fetchFork } from '../../api/forks.ts';
import { closeFork, forkStore, type ForkState } from '../../state/forkStore.ts';
import { draftFromOutput, outputFromDraft, type OutputMode } from './outputDraft.ts';
import './fork.css';

const POLL_MS = 1500;

export function ForkHost() {
  const state = useStore(forkStore);
  if (!state) return null;
  return state.phase === 'edit' ? (
    <ForkEditor key={state.spanId} state={state} />
  ) : (
    <ForkWaiting key={state.created.forkId} state={state} />
  );
}

function ForkEditor({ state }: { state: Extract<ForkState, { phase: 'edit' }> }) {
  const skeleton = useStore(entryStore(state.traceId), (e) => e.spans.get(state.spanId) ?? null);
  const payload = usePayload(skeleton);
  const [draft, setDraft] = useState<{ mode: OutputMode; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (payload?.status === 'ready' && draft === null) setDraft(draftFromOutput(payload.span.output));
  }, [payload, draft]);

  const submit = async () => {
    if (!draft) return;
    const parsed = outputFromDraft(draft.mode, draft.text);
    if (!parsed.ok) return setError(parsed.error);
    setBusy(true);
    setError(null);
    try {
      const created = await createFork({
        traceId: state.traceId,
        spanId: state.spanId,
        output: parsed.value,
      });
      forkStore.set({ phase: 'waiting', traceId: state.traceId, spanId: state.spanId, created });
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      label="Fork from here"
      title={
        <span className="fork-title">
          Fork from {skeleton && <SpanTypeBadge type={skeleton.type} />}{' '}
          <strong>{skeleton?.name ?? state.spanId}</strong>
        </span>
      }
      onClose={closeFork}
      className="fork-dialog"
      closeOnBackdrop={false}
      footer={
        <>
          <button type="button" className="button" onClick={closeFork}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!draft || busy}
            onClick={() => void submit()}
          >
            {busy ? 'Creating…' : 'Create fork'}
          </button>
        </>
      }
    >
      <div className="fork-body">
        <p className="fork-explain">
          The agent reruns with every step before this one served from the recording,{' '}
          <strong>this output</strong> in place of the recorded one, and live calls after it.
        </p>
        {payload?.status === 'error' && (
          <div className="notice-error pad">Could not load the span: {payload.error}</div>
        )}
        {draft ? (
          <>
            <div className="fork-mode" role="radiogroup" aria-label="Edit as">
              {(['json', 'text'] as const).map((mode) => (
                <label key={mode}>
                  <input
                    type="radio"
                    name="fork-mode"
                    checked={draft.mode === mode}
                    onChange={() => setDraft({ ...draft, mode })}
                  />{' '}
                  {mode === 'json' ? 'JSON' : 'Text'}
                </label>
              ))}
            </div>
            <textarea
              className={`pg-textarea fork-output mono${error ? ' invalid' : ''}`}
              rows={16}
              aria-label="Edited output"
              spellCheck={false}
              value={draft.text}
              onChange={(e) => setDraft({ ...draft, text: e.target.value })}
            />
          </>
        ) : (
          <div className="muted">Loading the recorded output…</div>
        )}
        {error && (
          <div className="fork-error" role="alert">
            {error}
          </div>
        )}
      </div>
    </Dialog>
  );
}

function ForkWaiting({ state }: { state: Extract<ForkState, { phase: 'waiting' }> }) {
  const { created } = state;
  const [problem, setProblem] = useState<string | null>(null);
  // A new trace in the list is the likely moment the rerun arrived: check at once, not at the next tick.
  const listVersion = useStore(traceListStore, (s) => s.rows[0]?.traceId ?? null);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: listVersion and tick are the triggers that check the fork again.
  useEffect(() => {
    const controller = new AbortController();
    fetchFork(created.forkId, controller.signal).then(
      (fork) => {
        const arrived = fork.forkTraceIds[0];
        if (!arrived) return;
        closeFork();
        openCompare(fork.traceId, arrived);
      },
      (error: Error) => {
        if (!controller.signal.aborted) setProblem(error.message);
      },
    );
    const timer = setTimeout(() => setTick((n) => n + 1), POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [created.forkId, listVersion, tick]);

  const variable = `SPYGLASS_FORK=${created.forkId}`;
  return (
    <Dialog
      label="Fork created"
      title="Fork created: rerun the agent"
      onClose={closeFork}
      className="fork-dialog"
      closeOnBackdrop={false}
      footer={
        <button type="button" className="button" onClick={closeFork}>
          Stop waiting
        </button>
      }
    >
      <div className="fork-body">
        <p>
          Run your agent again with this variable set. The Spyglass SDK picks the fork up and serves the
          recording up to the edited step.
        </p>
        <div className="fork-command">
          <code className="mono" data-testid="fork-command">
            {created.command}
          </code>
          <CopyButton text={variable} label="Copy variable" title={`Copy ${variable}`} />
        </div>
        <div className="fork-id muted">
          Fork id <span className="mono">{created.forkId}</span>
        </div>
        <div className="fork-waiting" role="status">
          <span className="spinner" aria-hidden /> Waiting for the fork to arrive… it opens beside the
          original when it does.
        </div>
        {problem && <div className="fork-error">{problem}</div>}
      </div>
    </Dialog>
  );
}
