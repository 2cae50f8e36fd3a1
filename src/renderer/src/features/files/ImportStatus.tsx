// The import under way (a progress bar: bytes sent, then "checking and storing"), and how it
// ended: a short note on success, a dialog naming where the file is damaged on failure.
import { Dialog } from '../../components/Dialog.tsx';
import { formatBytes, formatCount, formatCounted } from '../../lib/format.ts';
import { useStore } from '../../state/createStore.ts';
import { cancelImport, chooseAndImport, dismissImport, importStore } from '../../state/importStore.ts';

export function ImportStatus() {
  const state = useStore(importStore);
  if (state.phase === 'idle') return null;
  if (state.phase === 'failed') {
    const { error } = state;
    return (
      <Dialog
        label="Import failed"
        title="Nothing was imported"
        onClose={dismissImport}
        className="import-failed"
        footer={
          <>
            <button type="button" className="button" onClick={dismissImport}>
              Close
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                dismissImport();
                void chooseAndImport();
              }}
            >
              Import another file…
            </button>
          </>
        }
      >
        <div className="import-failed-body">
          <p>
            <span className="mono">{state.name}</span> is damaged or not a trace file, so none of it was
            stored.
          </p>
          {(error.field !== undefined || error.offset !== undefined) && (
            <dl className="import-where">
              {error.field !== undefined && (
                <div>
                  <dt>Field</dt>
                  <dd className="mono">{error.field}</dd>
                </div>
              )}
              {error.offset !== undefined && (
                <div>
                  <dt>Byte offset</dt>
                  <dd className="mono">{formatCount(error.offset)}</dd>
                </div>
              )}
            </dl>
          )}
          <pre className="import-error-message">{error.error}</pre>
          {error.problems && error.problems.length > 1 && (
            <details>
              <summary>{error.problems.length} problems found</summary>
              <ul className="import-problems">
                {error.problems.map((problem) => (
                  <li key={problem} className="mono">
                    {problem}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      </Dialog>
    );
  }
  if (state.phase === 'done') {
    const { imported, merged } = state.response;
    return (
      <div className="import-panel" role="status">
        <span className="import-ok" aria-hidden>
          ✓
        </span>
        <span>
          Imported {formatCount(imported.traces)} {imported.traces === 1 ? 'trace' : 'traces'} (
          {formatCounted(imported.spans, 'span')}) from <span className="mono">{state.name}</span>
          {merged > 0 && (
            <span className="import-merged">
              {' '}
              ·{' '}
              {merged === imported.traces && merged === 1 ? 'it was' : `${formatCount(merged)} of them were`}{' '}
              already here: merged into {merged === 1 ? 'the stored trace' : 'the stored traces'}
            </span>
          )}
        </span>
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismissImport}>
          ✕
        </button>
      </div>
    );
  }
  const fraction = state.phase === 'uploading' && state.total > 0 ? state.sent / state.total : null;
  return (
    <div className="import-panel" role="status" aria-label="Import progress">
      <span className="import-name mono">{state.name}</span>
      <div
        className={`progress${state.phase === 'checking' ? ' progress-indeterminate' : ''}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <div
          className="progress-fill"
          style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
        />
      </div>
      <span className="import-phase muted">
        {state.phase === 'uploading'
          ? `${formatBytes(state.sent)} of ${formatBytes(state.total)}`
          : 'Checking and storing…'}
      </span>
      {state.phase === 'uploading' && (
        <button type="button" className="button button-small" onClick={cancelImport}>
          Cancel
        </button>
      )}
    </div>
  );
}
