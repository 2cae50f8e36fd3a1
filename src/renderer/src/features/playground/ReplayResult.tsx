// The right half of the playground: the recorded answer until a re-run starts, then the answer
// streaming in, then the two side by side with their word diff and the facts that changed.
import { useMemo } from 'react';
import { diffText, payloadText } from '../../../../shared/compare/index.ts';
import type { SpanWithPayloads } from '../../../../shared/types.ts';
import { DiffColumns, PlainText } from '../../components/DiffColumns.tsx';
import { answerOf } from './answerOf.ts';
import { FactsTable } from './FactsTable.tsx';
import type { ReplayRunState, ToolCallDraft } from './replayRun.ts';

/** The re-run's answer as text, in the same shape payloadText gives the recorded one. */
function runText(run: ReplayRunState): string {
  if (run.done) return payloadText(run.done.output);
  const calls = run.toolCalls.map((call) => `→ ${call.name}(${call.arguments})`);
  return [run.text, ...calls].filter(Boolean).join('\n');
}

export function ReplayResult({ original, run }: { original: SpanWithPayloads; run: ReplayRunState }) {
  const originalText = useMemo(() => payloadText(answerOf(original.output)), [original.output]);
  const newText = runText(run);
  const diff = useMemo(
    () => (run.status === 'done' ? diffText(originalText, newText, 'word') : null),
    [run.status, originalText, newText],
  );

  if (run.status === 'idle') {
    return (
      <div className="pg-result">
        <div className="pg-hint">
          Edit the request on the left, then Send (Ctrl/⌘+Enter). The answer streams here, beside the recorded
          one.
        </div>
        <PlainText label="Recorded answer" text={originalText} />
      </div>
    );
  }
  return (
    <div className="pg-result">
      {run.status === 'error' && run.error && (
        <div className="pg-error" role="alert">
          <strong>
            {run.error.status ? `The endpoint answered ${run.error.status}` : 'The re-run failed'}
          </strong>
          <div className="mono">{run.error.message}</div>
        </div>
      )}
      {run.done && (
        <section aria-label="Facts">
          <FactsTable original={original} done={run.done} model={run.model} />
        </section>
      )}
      {diff ? (
        <section aria-label="Answer diff" className="pg-diff">
          <DiffColumns diff={diff} labels={['Recorded answer', 'Re-run answer']} />
        </section>
      ) : (
        <div className="pg-stream-columns">
          <PlainText label="Recorded answer" text={originalText} />
          <div className="diff-side" aria-label="Re-run answer">
            <div className="diff-side-label">
              Re-run answer{' '}
              {run.status === 'streaming' || run.status === 'sending' ? (
                <span className="spinner" aria-label="Streaming" />
              ) : null}
            </div>
            <div className="diff-text pg-streaming" data-status={run.status}>
              {run.text}
              {run.toolCalls.map((call, i) => (
                <ToolCallLine key={i} call={call} />
              ))}
              {(run.status === 'streaming' || run.status === 'sending') && (
                <span className="pg-caret" aria-hidden />
              )}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}

function ToolCallLine({ call }: { call: ToolCallDraft }) {
  return (
    <div className="pg-tool-call mono">
      → {call.name || '(tool)'}({call.arguments})
    </div>
  );
}
