// Buttons in the inspector for the selected span: re-run an LLM call, fork the run from a step.
import type { Span } from '../../../shared/types.ts';
import { FORKABLE_TYPES, openForkEditor } from '../state/forkStore.ts';
import { openPlayground } from '../state/playgroundStore.ts';

export function SpanActions({ span }: { span: Span }) {
  const running = span.status === 'running';
  return (
    <>
      {span.type === 'llm' && (
        <button
          type="button"
          className="button button-small"
          title="Edit this call and send it again"
          disabled={running}
          onClick={() => openPlayground(span.traceId, span.spanId)}
        >
          Re-run…
        </button>
      )}
      {FORKABLE_TYPES.has(span.type) && (
        <button
          type="button"
          className="button button-small"
          title="Rerun the agent with this step's output edited"
          disabled={running}
          onClick={() => openForkEditor(span.traceId, span.spanId)}
        >
          Fork…
        </button>
      )}
    </>
  );
}
