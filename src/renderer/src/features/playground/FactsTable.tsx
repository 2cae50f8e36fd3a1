// Original against re-run: tokens, latency, time to first token and cost, with the change and
// whether it is for the better (less is better for all of them).
import type { Span } from '../../../../shared/types.ts';
import type { ReplayEvent } from '../../../../shared/replay.ts';
import { describeDelta } from '../../model/diffView.ts';
import { formatCost, formatCount, formatDuration } from '../../lib/format.ts';

type Done = Extract<ReplayEvent, { type: 'done' }>;

interface Row {
  label: string;
  a: number | null;
  b: number | null;
  format: (value: number) => string;
}

export function FactsTable({ original, done, model }: { original: Span; done: Done; model: string | null }) {
  const count = (n: number) => formatCount(n);
  const rows: Row[] = [
    { label: 'Prompt tokens', a: original.promptTokens, b: done.usage?.promptTokens ?? null, format: count },
    {
      label: 'Completion tokens',
      a: original.completionTokens,
      b: done.usage?.completionTokens ?? null,
      format: count,
    },
    { label: 'Total tokens', a: original.totalTokens, b: done.usage?.totalTokens ?? null, format: count },
    { label: 'Latency', a: original.durationMs, b: done.latencyMs, format: formatDuration },
    {
      label: 'Time to first token',
      a: original.timeToFirstTokenMs,
      b: done.timeToFirstTokenMs,
      format: formatDuration,
    },
    { label: 'Cost', a: original.costUsd, b: done.costUsd, format: formatCost },
  ];
  return (
    <table className="facts-table" aria-label="Original against re-run">
      <thead>
        <tr>
          <th />
          <th>Original</th>
          <th>Re-run</th>
          <th>Change</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th>Model</th>
          <td className="mono">{original.model ?? '—'}</td>
          <td className="mono">{model ?? '—'}</td>
          <td>{model && original.model && model !== original.model ? 'changed' : ''}</td>
        </tr>
        {rows.map((row) => {
          const delta = describeDelta(row.a, row.b, row.format);
          return (
            <tr key={row.label} data-fact={row.label}>
              <th>{row.label}</th>
              <td>{row.a === null ? '—' : row.format(row.a)}</td>
              <td>{row.b === null ? '—' : row.format(row.b)}</td>
              <td className={`delta delta-${delta.tone}`}>{delta.text}</td>
            </tr>
          );
        })}
        <tr>
          <th>Finish reason</th>
          <td className="muted">—</td>
          <td>{done.finishReason ?? '—'}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}
