import type { RunStatus } from '../../../shared/types.ts';

const LABEL: Record<RunStatus, string> = { running: 'Running', success: 'Succeeded', error: 'Failed' };

/** A dot: green success, red error, pulsing blue while running. */
export function StatusIcon({ status }: { status: RunStatus }) {
  return (
    <span
      className={`status-dot status-${status}`}
      role="img"
      aria-label={LABEL[status]}
      title={LABEL[status]}
    />
  );
}

export function StatusLabel({ status }: { status: RunStatus }) {
  return (
    <span className={`status-label status-text-${status}`}>
      <StatusIcon status={status} />
      {LABEL[status]}
    </span>
  );
}
