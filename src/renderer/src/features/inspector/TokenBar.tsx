// Prompt vs completion tokens as one thin two-colour bar, with the numbers beside it.
import { formatCount } from '../../lib/format.ts';

export function TokenBar({ prompt, completion }: { prompt: number | null; completion: number | null }) {
  const p = prompt ?? 0;
  const c = completion ?? 0;
  const total = p + c;
  if (total === 0) return <span className="muted">—</span>;
  return (
    <span className="token-bar-wrap" title={`${formatCount(p)} prompt + ${formatCount(c)} completion`}>
      <span className="token-bar" aria-hidden>
        <span className="token-bar-prompt" style={{ width: `${(p / total) * 100}%` }} />
        <span className="token-bar-completion" style={{ width: `${(c / total) * 100}%` }} />
      </span>
      <span className="token-numbers">
        <span className="token-dot token-dot-prompt" />
        {formatCount(p)} in <span className="token-dot token-dot-completion" />
        {formatCount(c)} out
      </span>
    </span>
  );
}
