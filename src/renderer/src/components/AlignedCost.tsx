// A cost for a right-aligned table column, lined up on the decimal point: the fraction sits in a
// box of fixed width, so "$12.40", "$0.35" and "$0.0012" share the point's position whatever
// their number of decimals (formatCost keeps just enough digits to tell calls apart).
import { formatCost } from '../lib/format.ts';

export function AlignedCost({ usd }: { usd: number | null | undefined }) {
  const text = formatCost(usd);
  const point = text.indexOf('.');
  return (
    <span className="aligned-cost">
      {point === -1 ? text : text.slice(0, point)}
      <span className="aligned-cost-fraction">{point === -1 ? '' : text.slice(point)}</span>
    </span>
  );
}
