// How well two steps pair up, as a weight for the alignment (0 = may not pair). Steps of different
// types never pair. Same type and same name pair strongly; a renamed step pairs when its name is
// similar enough (or, for model calls, when it called the same model), and is then shown as
// "changed" rather than as one removal plus one insertion. A small bonus for a similar relative
// position and depth picks, among repeated identical steps, the one where the step actually was.
import type { Step } from './types.ts';

/** Names at least this similar (Dice coefficient of character bigrams) may pair as a rename. */
export const RENAME_THRESHOLD = 0.5;

const normalise = (name: string): string => name.trim().toLowerCase();

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const gram = text.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** 1 for equal names, 0 for nothing in common; Dice's coefficient over character bigrams. */
export function nameSimilarity(x: string, y: string): number {
  const a = normalise(x);
  const b = normalise(y);
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const ga = bigrams(a);
  const gb = bigrams(b);
  let shared = 0;
  for (const [gram, count] of ga) shared += Math.min(count, gb.get(gram) ?? 0);
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

/** Everything keyWeight reads, as one string: steps with equal keys weigh the same against any step. */
export const stepKey = (step: Step): string =>
  `${step.span.type}\u0000${step.span.name}\u0000${step.span.model ?? ''}`;

/**
 * The part of a pair's weight that depends only on the two keys (type, name, model), cached per
 * key pair by the caller because long runs repeat the same few names thousands of times.
 */
export function keyWeight(a: Step, b: Step): number {
  if (a.span.type !== b.span.type) return 0;
  const similarity = nameSimilarity(a.span.name, b.span.name);
  if (similarity === 1) return 3;
  const sameModel = a.span.model !== null && a.span.model === b.span.model;
  if (similarity >= RENAME_THRESHOLD) return 1 + similarity;
  return sameModel ? 1 : 0;
}

/** Bonus in [0, 0.5) for a similar relative position and the same depth; never enough to pair alone. */
export function placeBonus(a: Step, b: Step, lengthA: number, lengthB: number): number {
  const pa = lengthA > 1 ? a.index / (lengthA - 1) : 0;
  const pb = lengthB > 1 ? b.index / (lengthB - 1) : 0;
  return 0.3 * (1 - Math.abs(pa - pb)) + (a.depth === b.depth ? 0.19 : 0);
}
