// The compare view lives in the URL (?compare=A,B) so it survives a reload and can be shared;
// these are its only writers. A is the baseline: "+41% tokens" describes B against A.
import { updateUrl } from './urlState.ts';

export function openCompare(baselineId: string, otherId: string): void {
  updateUrl({ compare: [baselineId, otherId] }, 'push');
}

export function closeCompare(): void {
  updateUrl({ compare: null }, 'push');
}

/** Leave the comparison for one of its traces. */
export function openTraceFromCompare(traceId: string): void {
  updateUrl({ compare: null, traceId, spanId: null }, 'push');
}
