import type { RunStatus } from '../../../shared/types.ts';

export const STATUS_LABEL: Record<RunStatus, string> = {
  running: 'Running',
  success: 'Succeeded',
  error: 'Failed',
};

/** A dot: green success, red error, pulsing blue while running. */
export function StatusIcon({ status }: { status: RunStatus }) {
  return (
    <span
      className={`status-dot status-${status}`}
      role="img"
      aria-label={STATUS_LABEL[status]}
      title={STATUS_LABEL[status]}
    />
  );
}

export function StatusLabel({ status }: { status: RunStatus }) {
  return (
    <span className={`status-label status-text-${status}`}>
      <StatusIcon status={status} />
      {STATUS_LABEL[status]}
    </span>
  );
}
